#include "server/risk/risk_evaluator.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>

#include "base/clock.hpp"
#include "server/risk/internal/calendar.hpp"
#include "server/risk/internal/patterns.hpp"
#include "server/risk/internal/scratch.hpp"
#include "server/risk/internal/words.hpp"

namespace minegate::server::risk {
namespace {

using internal::Words;

constexpr std::uint32_t kRecruitmentElements =
    (1U << v1::ELEMENT_DECEPTIVE_RECRUITMENT) | (1U << v1::ELEMENT_COERCIVE_RECRUITMENT) |
    (1U << v1::ELEMENT_RECRUITMENT_ABUSE_OF_VULNERABILITY);
constexpr std::uint32_t kDestinationElements =
    (1U << v1::ELEMENT_EXPLOITATIVE_CONDITIONS) | (1U << v1::ELEMENT_COERCION_AT_DESTINATION) |
    (1U << v1::ELEMENT_DESTINATION_ABUSE_OF_VULNERABILITY);

/// An indicator's value in its three forms, built only when it is raised.
struct Value {
  std::string machine;
  std::string fr;
  std::string en;

  void Append(const Words& words, std::string_view separator_fr = ", ",
              std::string_view separator_en = ", ") {
    if (!machine.empty()) {
      machine += ',';
      fr += separator_fr;
      en += separator_en;
    }
    machine += words.machine;
    fr += words.fr;
    en += words.en;
  }
};

Value AgeValue(const internal::Age& age) {
  const std::string years = std::to_string(age.years);
  if (!age.approximate) return {years, years, years};
  return {years, "environ " + years, "about " + years};
}

Value NumberValue(std::uint64_t number, bool approximate = false) {
  const std::string text = std::to_string(number);
  if (!approximate) return {text, text, text};
  return {text, "environ " + text, "about " + text};
}

/// `label` with `value` in place of each "{value}".
void Render(const LabelTemplate& label, const std::string& value, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < label.parts.size(); ++i) {
    if (i > 0) out += value;
    out += label.parts[i];
  }
}

/// Words of each enum value whose bit is in `bits`, in the enum's order (so the order of the
/// facts never shows).
template <class Enum, class WordsOf>
Value WordsOfBits(std::uint32_t bits, WordsOf words_of) {
  Value value;
  for (unsigned bit = 1; bit < 32; ++bit) {
    if ((bits & (1U << bit)) != 0) value.Append(words_of(static_cast<Enum>(bit)));
  }
  return value;
}

std::uint32_t BitOf(int value) {
  return value > 0 && value < 32 ? 1U << static_cast<unsigned>(value) : 0;
}

/// What one rule concludes: nullopt when not raised.
class RuleEvaluation {
 public:
  RuleEvaluation(const PersonFacts& facts, std::int64_t now_ms)
      : facts_(facts),
        her_(facts.registration),
        now_ms_(now_ms),
        age_(internal::YoungestAge(her_.birth(), facts.registered_at_ms)) {}

  std::optional<Value> Evaluate(const CompiledRule& rule) {
    if (rule.females_only && her_.sex() != v1::SEX_FEMALE) return std::nullopt;
    switch (rule.kind) {
      case v1::INDICATOR_KIND_FEMALE_MINOR:
      case v1::INDICATOR_KIND_FEMALE_YOUNG_ADULT:
        if (her_.sex() != v1::SEX_FEMALE || !age_) return std::nullopt;
        if (age_->years < rule.min_age_years || age_->years > rule.max_age_years) {
          return std::nullopt;
        }
        return AgeValue(*age_);
      case v1::INDICATOR_KIND_COMPANION_NOT_FAMILY: {
        std::uint32_t bits = 0;
        for (const CompanionFact& companion : facts_.companions) {
          bits |= BitOf(companion.relation) & rule.relation_bits;
        }
        if (bits == 0) return std::nullopt;
        return WordsOfBits<v1::CompanionRelation>(bits, internal::RelationWords);
      }
      case v1::INDICATOR_KIND_COMPANION_ANSWERED_FOR_HER: {
        std::uint32_t bits = 0;
        bool answered = false;
        for (const CompanionFact& companion : facts_.companions) {
          if (!companion.answered_for_person) continue;
          answered = true;
          bits |= BitOf(companion.relation);
        }
        if (!answered) return std::nullopt;
        if (bits == 0) return Value{"not_stated", "lien non précisé", "relation not stated"};
        return WordsOfBits<v1::CompanionRelation>(bits, internal::RelationWords);
      }
      case v1::INDICATOR_KIND_DOCUMENT_HELD_BY_OTHER: {
        const v1::DocumentHolder holder = her_.identity_document().holder();
        if ((BitOf(holder) & rule.holder_bits) == 0) return std::nullopt;
        Value value;
        value.Append(internal::HolderWords(holder));
        return value;
      }
      case v1::INDICATOR_KIND_NO_IDENTITY_DOCUMENT:
        if (her_.identity_document().type() != v1::DOCUMENT_TYPE_NONE) return std::nullopt;
        return Value{};
      case v1::INDICATOR_KIND_TRAVEL_PAID_BY_THIRD_PARTY:
        if (her_.travel_paid_by_third_party() != v1::ANSWER_YES) return std::nullopt;
        return Value{};
      case v1::INDICATOR_KIND_DEBT_DECLARED:
        if (her_.debt_declared() != v1::ANSWER_YES) return std::nullopt;
        return Value{};
      case v1::INDICATOR_KIND_TRAVEL_PAID_AND_DEBT:
        if (her_.travel_paid_by_third_party() != v1::ANSWER_YES ||
            her_.debt_declared() != v1::ANSWER_YES) {
          return std::nullopt;
        }
        return Value{};
      case v1::INDICATOR_KIND_JOB_PROMISED: {
        if (her_.purpose() != v1::PURPOSE_PROMISED_JOB) return std::nullopt;
        if ((BitOf(her_.promised_job()) & rule.job_bits) == 0) return std::nullopt;
        Value value;
        value.Append(internal::JobWords(her_.promised_job()));
        return value;
      }
      case v1::INDICATOR_KIND_ENTERED_SENEGAL_RECENTLY:
        return EnteredRecently(rule);
      case v1::INDICATOR_KIND_NO_LOCAL_LANGUAGE:
        return NoLocalLanguage(rule);
      case v1::INDICATOR_KIND_RECRUITER_PATTERN: {
        const std::uint32_t count = internal::RecruiterCount(rule, facts_);
        if (count < rule.min_count) return std::nullopt;
        return NumberValue(count);
      }
      case v1::INDICATOR_KIND_MOVED_BETWEEN_SITES: {
        if ((BitOf(her_.purpose()) & rule.exempt_purpose_bits) != 0) return std::nullopt;
        const std::uint32_t sites = internal::MovedSites(rule, SortedPassages(), now_ms_);
        if (sites < rule.min_sites) return std::nullopt;
        return NumberValue(sites);
      }
      case v1::INDICATOR_KIND_SEARCH_NOTICE_MATCH:
        return NoticeMatches(rule);
      default:
        return std::nullopt;
    }
  }

 private:
  std::optional<Value> EnteredRecently(const CompiledRule& rule) const {
    const std::optional<std::int64_t> entered = internal::EarliestDay(her_.entered_senegal());
    if (!entered) return std::nullopt;
    const std::int64_t days =
        std::max<std::int64_t>(0, base::DayOf(facts_.registered_at_ms) - *entered);
    if (days > static_cast<std::int64_t>(rule.window_days)) return std::nullopt;
    const v1::CalendarDate& date = her_.entered_senegal();
    return NumberValue(static_cast<std::uint64_t>(days),
                       date.estimated() || date.month() == 0 || date.day() == 0);
  }

  std::optional<Value> NoLocalLanguage(const CompiledRule& rule) const {
    if (her_.languages().empty()) return std::nullopt;
    for (const std::string& language : her_.languages()) {
      if (std::binary_search(rule.languages.begin(), rule.languages.end(), language)) {
        return std::nullopt;
      }
    }
    // Her languages in code order, once each: the same whatever order the agent typed them.
    internal::Scratch<std::string_view, 16> codes(static_cast<std::size_t>(her_.languages_size()));
    std::size_t n = 0;
    for (const std::string& language : her_.languages()) codes.span()[n++] = language;
    std::sort(codes.span().begin(), codes.span().end());
    const auto end = std::unique(codes.span().begin(), codes.span().end());
    Value value;
    for (auto it = codes.span().begin(); it != end; ++it) {
      value.Append(internal::LanguageWords(*it));
    }
    return value;
  }

  std::optional<Value> NoticeMatches(const CompiledRule& rule) const {
    const auto& matches = facts_.notice_matches;
    internal::Scratch<const SearchNoticeMatchFact*, 8> kept(matches.size());
    std::size_t n = 0;
    for (const SearchNoticeMatchFact& match : matches) {
      const bool by_document = match.method == v1::SEARCH_NOTICE_MATCH_METHOD_DOCUMENT_NUMBER;
      const bool by_name = match.method == v1::SEARCH_NOTICE_MATCH_METHOD_NAME_BIRTH_NATIONALITY &&
                           match.similarity >= rule.min_similarity;
      if (by_document || by_name) kept.span()[n++] = &match;
    }
    if (n == 0) return std::nullopt;
    const auto found = kept.span().first(n);
    // By notice, then the better match first; each notice once.
    std::sort(found.begin(), found.end(), [](const auto* a, const auto* b) {
      return std::tuple(a->notice_id, a->method, -a->similarity, a->kind) <
             std::tuple(b->notice_id, b->method, -b->similarity, b->kind);
    });
    Value value;
    std::int64_t previous = 0;
    bool any = false;
    for (const SearchNoticeMatchFact* match : found) {
      if (any && match->notice_id == previous) continue;
      any = true;
      previous = match->notice_id;
      const std::string id = std::to_string(match->notice_id);
      const Words kind = internal::NoticeKindWords(match->kind);
      const Words method = internal::MatchMethodWords(match->method);
      if (!value.machine.empty()) {
        value.machine += ',';
        value.fr += " ; ";
        value.en += "; ";
      }
      value.machine += "notice:" + id;
      value.fr += "n° " + id + " (" + std::string(kind.fr) + ", " + std::string(method.fr) + ")";
      value.en += "no. " + id + " (" + std::string(kind.en) + ", " + std::string(method.en) + ")";
    }
    return value;
  }

  /// Her passages by (time, site, direction): as given when already so, else a sorted copy.
  std::span<const PassageFact> SortedPassages() {
    const auto& passages = facts_.passages;
    const auto before = [](const PassageFact& a, const PassageFact& b) {
      return std::tuple(a.at_ms, a.site_id, a.direction) <
             std::tuple(b.at_ms, b.site_id, b.direction);
    };
    if (std::is_sorted(passages.begin(), passages.end(), before)) return passages;
    sorted_.assign(passages.begin(), passages.end());
    std::sort(sorted_.begin(), sorted_.end(), before);
    return sorted_;
  }

  const PersonFacts& facts_;
  const v1::PersonRegistered& her_;
  std::int64_t now_ms_;
  std::optional<internal::Age> age_;
  std::vector<PassageFact> sorted_;
};

}  // namespace

void Evaluate(const CompiledRuleSet& rules, const PersonFacts& facts, std::int64_t now_ms,
              v1::RiskAssessment& out) {
  out.Clear();
  out.set_rule_set_version(rules.version());
  RuleEvaluation evaluation(facts, now_ms);
  // Weak signs are summed apart and counted at most weak_points_cap (rule_set.hpp): they follow
  // nationality, so however many of them a young foreign woman shows, they never stand in for a
  // medium sign. A capped sum of non-negative points still never rises when a sign goes.
  std::int64_t score = 0;
  std::int64_t weak_score = 0;
  std::array<std::int64_t, 7> element_points{};
  std::array<std::int64_t, 7> weak_element_points{};
  bool decisive = false;
  int raised = 0;
  bool pattern = false;
  for (const CompiledRule& rule : rules.rules()) {
    std::optional<Value> value = evaluation.Evaluate(rule);
    if (!value) continue;
    ++raised;
    const bool weak = rule.grade == v1::GRADE_WEAK;
    (weak ? weak_score : score) += rule.points;
    decisive = decisive || rule.grade == v1::GRADE_DECISIVE;
    pattern = pattern || rule.flags_with_any_other;
    v1::RaisedIndicator& indicator = *out.add_indicators();
    indicator.set_id(rule.id);
    indicator.set_kind(rule.kind);
    for (int element = 1; element <= 6; ++element) {
      if ((rule.element_bits & (1U << static_cast<unsigned>(element))) == 0) continue;
      indicator.add_elements(static_cast<v1::Element>(element));
      (weak ? weak_element_points : element_points)[static_cast<std::size_t>(element)] +=
          rule.points;
    }
    indicator.set_grade(rule.grade);
    indicator.set_points(rule.points);
    indicator.set_value(std::move(value->machine));
    Render(rule.label_fr, value->fr, *indicator.mutable_text_fr());
    Render(rule.label_en, value->en, *indicator.mutable_text_en());
  }

  const std::int64_t weak_cap = rules.weak_points_cap();
  score += std::min(weak_score, weak_cap);
  std::uint32_t present = 0;
  for (int element = 1; element <= 6; ++element) {
    const auto e = static_cast<std::size_t>(element);
    if (element_points[e] + std::min(weak_element_points[e], weak_cap) >=
        rules.element_threshold()) {
      present |= 1U << static_cast<unsigned>(element);
      out.add_elements_present(static_cast<v1::Element>(element));
    }
  }
  // Points are at most 100 and rules at most 200: the score fits an int32.
  out.set_score(static_cast<std::int32_t>(score));
  const bool ilo_combination =
      (present & kRecruitmentElements) != 0 && (present & kDestinationElements) != 0;
  const bool flagged =
      decisive || ilo_combination || (pattern && raised >= 2) || score >= rules.flag_threshold();
  out.set_flagged(flagged);
  if (decisive) {
    out.set_priority(v1::PRIORITY_URGENT);
  } else if (flagged) {
    out.set_priority(rules.PriorityOf(static_cast<std::int32_t>(score)));
  } else {
    out.set_priority(v1::PRIORITY_NONE);
  }
}

v1::RiskAssessment Evaluate(const CompiledRuleSet& rules, const PersonFacts& facts,
                            std::int64_t now_ms) {
  v1::RiskAssessment assessment;
  Evaluate(rules, facts, now_ms, assessment);
  return assessment;
}

}  // namespace minegate::server::risk
