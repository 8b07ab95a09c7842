#include "server/protection/internal/active_rules.hpp"

#include <algorithm>

#include "base/log.hpp"
#include "db/bind.hpp"
#include "db/query.hpp"
#include "server/protection/rule_set_store.hpp"
#include "server/risk/name_match.hpp"

namespace minegate::server::protection::internal {

RulesInUse::RulesInUse(risk::CompiledRuleSet rules) : rules_(std::move(rules)) {
  bool any_notice_rule = false;
  notice_threshold_ = risk::kNameMatchThreshold;
  for (const risk::CompiledRule& rule : rules_.rules()) {
    switch (rule.kind) {
      case v1::INDICATOR_KIND_RECRUITER_PATTERN: {
        recruiter_window_ms_ = std::max(recruiter_window_ms_, rule.window_ms);
        // No relation listed: every relation counts.
        const std::uint32_t bits = rule.relation_bits == 0 ? ~0u : rule.relation_bits;
        recruiter_relation_bits_ |= bits;
        if (!rule.females_only) recruiter_everyone_relation_bits_ |= bits;
        break;
      }
      case v1::INDICATOR_KIND_SEARCH_NOTICE_MATCH:
        notice_threshold_ = any_notice_rule ? std::min(notice_threshold_, rule.min_similarity)
                                            : rule.min_similarity;
        any_notice_rule = true;
        break;
      case v1::INDICATOR_KIND_MOVED_BETWEEN_SITES:
        if (rule.females_only) {
          moved_females_ = true;
        } else {
          moved_any_sex_ = true;
        }
        break;
      default:
        break;
    }
  }
}

bool RulesInUse::NeedsOthers(v1::Sex sex, v1::CompanionRelation relation) const {
  const auto bit = static_cast<std::uint32_t>(relation);
  if (bit >= 32) return true;
  const std::uint32_t bits =
      sex == v1::SEX_FEMALE ? recruiter_relation_bits_ : recruiter_everyone_relation_bits_;
  return (bits & (1u << bit)) != 0;
}

bool RulesInUse::PassagesMatter(v1::Sex sex, v1::Purpose purpose) const {
  for (const risk::CompiledRule& rule : rules_.rules()) {
    if (rule.kind != v1::INDICATOR_KIND_MOVED_BETWEEN_SITES) continue;
    if (rule.females_only && sex != v1::SEX_FEMALE) continue;
    const auto bit = static_cast<std::uint32_t>(purpose);
    if (bit < 32 && (rule.exempt_purpose_bits & (1u << bit)) != 0) continue;
    return true;
  }
  return false;
}

Result<std::unique_ptr<ActiveRules>> ActiveRules::Create(db::Connection& connection) {
  std::unique_ptr<ActiveRules> active(new ActiveRules(connection));
  const std::pair<std::optional<db::Statement>*, const char*> statements[] = {
      {&active->active_version_, "SELECT version FROM risk_rule_sets WHERE active = 1"},
      {&active->text_of_, "SELECT text FROM risk_rule_sets WHERE version = ?"},
  };
  if (auto prepared = db::PrepareAll(connection, statements); !prepared) return prepared.error();
  return active;
}

Result<std::shared_ptr<const RulesInUse>> ActiveRules::Current() {
  auto version =
      db::ReadFirst(*active_version_, [](const db::Statement& row) { return row.ColumnText(0); });
  if (!version) return version.error();
  if (!version.value()) {
    if (auto installed = RuleSetStore(connection_).EnsureActive(); !installed) {
      return installed.error();
    }
    version =
        db::ReadFirst(*active_version_, [](const db::Statement& row) { return row.ColumnText(0); });
    if (!version) return version.error();
    if (!version.value()) return make_error_code(Errc::unknown_rule_set);
  }
  if (current_ && *version.value() == version_) return current_;

  if (auto bound = db::BindAll(*text_of_, *version.value()); !bound) return bound.error();
  auto text = db::ReadOne(*text_of_, [](const db::Statement& row) { return row.ColumnText(0); });
  if (!text) return text.error();
  auto parsed = risk::ParseRuleSet(text.value());
  if (parsed) {
    current_ = std::make_shared<const RulesInUse>(std::move(parsed).value());
  } else {
    base::LogError("risk_rule_set_unusable",
                   {{"errors", parsed.error().size()},
                    {"first", base::LogText(parsed.error().empty() ? std::string_view()
                                                                   : parsed.error().front().en)}});
    // Evaluations then carry the default's version: it must be stored for the foreign key.
    const risk::CompiledRuleSet& defaults = risk::DefaultRuleSet();
    if (auto stored = RuleSetStore(connection_).StoreBuiltInDefault(); !stored) {
      return stored.error();
    }
    current_ = std::make_shared<const RulesInUse>(defaults);
  }
  version_ = *version.value();
  return current_;
}

}  // namespace minegate::server::protection::internal
