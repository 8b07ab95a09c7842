#include "tests/integration/server/silent_flags/forbidden_strings.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "minegate/v1/risk.pb.h"
#include "server/api/protection_messages.hpp"
#include "server/protection/assessment_store.hpp"
#include "server/protection/care_service_store.hpp"
#include "server/protection/case_store.hpp"
#include "server/protection/referral_store.hpp"
#include "server/protection/rule_set_store.hpp"
#include "server/protection/search_notice_store.hpp"
#include "server/risk/rule_set.hpp"

namespace minegate::test {
namespace {

namespace protection = server::protection;

/// Shorter literal parts of a label ("ans", "Minor:") are words any page may hold; the whole
/// label with its value is in the "flag" strings of the persons it was raised for.
constexpr std::size_t kMinLabelPart = 12;
/// Free texts shorter than this are not searched (a two-letter name would match anything).
constexpr std::size_t kMinText = 4;

/// The literal parts of a label between its placeholders, trimmed.
std::vector<std::string> LabelParts(const std::string& label) {
  std::vector<std::string> parts;
  std::string current;
  bool in_placeholder = false;
  const auto flush = [&] {
    const auto first = current.find_first_not_of(" :;,.()");
    const auto last = current.find_last_not_of(" :;,.()");
    if (first != std::string::npos && last - first + 1 >= kMinLabelPart) {
      parts.push_back(current.substr(first, last - first + 1));
    }
    current.clear();
  };
  for (const char c : label) {
    if (c == '{') {
      flush();
      in_placeholder = true;
    } else if (c == '}') {
      in_placeholder = false;
    } else if (!in_placeholder) {
      current.push_back(c);
    }
  }
  flush();
  return parts;
}

class Builder {
 public:
  void Add(std::string text, std::string category, std::string what) {
    if (text.size() < kMinText || !seen_.insert(text).second) return;
    ForbiddenString forbidden;
    forbidden.text = std::move(text);
    forbidden.category = std::move(category);
    forbidden.what = std::move(what);
    list_.strings.push_back(std::move(forbidden));
  }
  void AddRuleText(std::string text, std::string category, std::string what,
                   std::string audit_prefix = {}) {
    const std::size_t before = list_.strings.size();
    Add(std::move(text), std::move(category), std::move(what));
    if (list_.strings.size() == before) return;
    list_.strings.back().rule_text = true;
    list_.strings.back().audit_prefix = std::move(audit_prefix);
  }
  /// "case:3": an audit target, allowed on the audit routes; not found inside "case:31".
  void AddIdentifier(std::string text, std::string category, std::string what,
                     bool audit_identifier) {
    if (!seen_.insert(text).second) return;
    ForbiddenString forbidden;
    forbidden.text = std::move(text);
    forbidden.category = std::move(category);
    forbidden.what = std::move(what);
    forbidden.audit_identifier = audit_identifier;
    forbidden.ends_in_number = true;
    list_.strings.push_back(std::move(forbidden));
  }
  /// A raised indicator's words that are its rule's label word for word (a label without a
  /// value) are the rules' text too: administrators read them on the rule-set routes.
  void MarkRuleText(const std::vector<std::string>& rule_texts) {
    for (ForbiddenString& forbidden : list_.strings) {
      if (forbidden.category != "flag") continue;
      for (const std::string& text : rule_texts) {
        if (text.find(forbidden.text) != std::string::npos) forbidden.rule_text = true;
      }
    }
  }
  ForbiddenList Take() { return std::move(list_); }

 private:
  ForbiddenList list_;
  std::set<std::string> seen_;
};

void AddRules(db::Connection& connection, Builder& builder, std::vector<std::string>& texts) {
  protection::RuleSetStore rule_sets(connection);
  auto versions = rule_sets.List();
  ASSERT_TRUE(versions) << versions.error().message();
  ASSERT_FALSE(versions.value().empty()) << "no rule set stored";
  for (const protection::RuleSetVersion& version : versions.value()) {
    auto stored = rule_sets.Get(version.version);
    ASSERT_TRUE(stored && stored.value()) << version.version;
    texts.push_back(stored.value()->text);
    auto compiled = server::risk::ParseRuleSet(stored.value()->text);
    ASSERT_TRUE(compiled) << version.version << " does not compile";
    const v1::RiskRuleSet& rules = compiled.value().message();
    builder.AddRuleText(rules.version(), "rule", "rule-set version", "rule_set:");
    for (const v1::IndicatorRule& rule : rules.indicators()) {
      builder.AddRuleText(rule.id(), "rule", "indicator id");
      for (const std::string& part : LabelParts(rule.label_fr())) {
        builder.AddRuleText(part, "rule", "label of indicator " + rule.id() + " (fr)");
      }
      for (const std::string& part : LabelParts(rule.label_en())) {
        builder.AddRuleText(part, "rule", "label of indicator " + rule.id() + " (en)");
      }
    }
  }
}

void AddRiskProtoNames(Builder& builder) {
  const google::protobuf::FileDescriptor* file = v1::RiskRuleSet::descriptor()->file();
  for (int i = 0; i < file->enum_type_count(); ++i) {
    const google::protobuf::EnumDescriptor* type = file->enum_type(i);
    for (int j = 0; j < type->value_count(); ++j) {
      builder.AddRuleText(type->value(j)->name(), "risk.proto", type->full_name() + " value");
    }
  }
}

void AddPersons(db::Connection& connection, const std::vector<std::string>& tokens,
                Builder& builder) {
  auto assessments = protection::AssessmentStore::Create(connection);
  ASSERT_TRUE(assessments) << assessments.error().message();
  auto cases = protection::CaseStore::Create(connection);
  ASSERT_TRUE(cases) << cases.error().message();
  protection::ReferralStore referrals(connection);
  for (const std::string& token : tokens) {
    auto stored = assessments.value()->Get(token);
    ASSERT_TRUE(stored) << stored.error().message();
    if (stored.value()) {
      for (const v1::RaisedIndicator& raised : stored.value()->assessment.indicators()) {
        builder.Add(raised.text_fr(), "flag", "indicator raised, in words (fr)");
        builder.Add(raised.text_en(), "flag", "indicator raised, in words (en)");
      }
    }
    auto found = cases.value()->ForPerson(token);
    ASSERT_TRUE(found) << found.error().message();
    if (!found.value()) continue;
    const std::int64_t id = found.value()->case_id;
    const std::string number = std::to_string(id);
    builder.AddIdentifier("case:" + number, "case", "case id (an audit target)", true);
    builder.AddIdentifier("cases/" + number, "case", "case id in a path", false);
    builder.Add(server::api::CaseLabel(id), "case", "case label");
    auto history = cases.value()->History(id);
    ASSERT_TRUE(history) << history.error().message();
    for (const protection::CaseHistoryEntry& entry : history.value()) {
      // An assignment's detail is the officer's user id, which the users list shows.
      if (entry.action == "assigned") continue;
      builder.Add(entry.detail, "case", "case history (" + entry.action + ")");
    }
    auto referred = referrals.ForCase(id);
    ASSERT_TRUE(referred) << referred.error().message();
    for (const protection::Referral& referral : referred.value()) {
      builder.AddIdentifier("referral:" + std::to_string(referral.referral_id), "referral",
                            "referral id (an audit target)", true);
      builder.Add(referral.outcome_note, "referral", "referral outcome note");
    }
  }
}

void AddNoticesAndServices(db::Connection& connection, Builder& builder) {
  protection::SearchNoticeStore notices(connection);
  auto listed = notices.List(/*include_closed=*/true, 10'000);
  ASSERT_TRUE(listed) << listed.error().message();
  for (const protection::SearchNotice& notice : listed.value()) {
    builder.AddIdentifier("notice:" + std::to_string(notice.notice_id), "notice",
                          "search notice id (an audit target)", true);
    const protection::SearchNoticeInput& d = notice.details;
    builder.Add(d.given_name, "notice", "search notice given name");
    builder.Add(d.family_name, "notice", "search notice family name");
    builder.Add(d.document_number, "notice", "search notice document number");
    builder.Add(d.photo_description, "notice", "search notice photo description");
    builder.Add(d.reporting_service, "notice", "search notice reporting service");
  }
  protection::CareServiceStore services(connection);
  auto directory = services.List(/*include_inactive=*/true);
  ASSERT_TRUE(directory) << directory.error().message();
  for (const protection::CareService& service : directory.value()) {
    builder.AddIdentifier("service:" + std::to_string(service.service_id), "service",
                          "care service id (an audit target)", true);
    builder.Add(service.details.name, "service", "care service name");
    builder.Add(service.details.contact, "service", "care service contact");
  }
}

}  // namespace

std::string ForbiddenList::Summary() const {
  std::map<std::string, int> counts;
  for (const ForbiddenString& forbidden : strings) ++counts[forbidden.category];
  std::string out = std::to_string(strings.size()) + " forbidden strings (";
  bool first = true;
  for (const auto& [category, count] : counts) {
    out += (first ? "" : ", ") + category + " " + std::to_string(count);
    first = false;
  }
  return out + ")";
}

ForbiddenList BuildForbiddenList(db::Connection& connection,
                                 const std::vector<std::string>& person_tokens) {
  Builder builder;
  std::vector<std::string> rule_texts;
  AddRules(connection, builder, rule_texts);
  AddRiskProtoNames(builder);
  AddPersons(connection, person_tokens, builder);
  AddNoticesAndServices(connection, builder);
  builder.MarkRuleText(rule_texts);
  return builder.Take();
}

}  // namespace minegate::test
