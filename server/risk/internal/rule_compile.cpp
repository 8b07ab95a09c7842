#include <algorithm>
#include <string>

#include "base/clock.hpp"
#include "server/risk/internal/kind_table.hpp"
#include "server/risk/internal/rule_checks.hpp"

namespace minegate::server::risk::internal {
namespace {

/// The rule's value of a scalar parameter, by its placeholder name.
std::uint32_t ParameterValue(const v1::IndicatorRule& rule, std::string_view name) {
  if (name == "min_age_years") return rule.min_age_years();
  if (name == "max_age_years") return rule.max_age_years();
  if (name == "window_days") return rule.window_days();
  if (name == "min_count") return rule.min_count();
  if (name == "min_sites") return rule.min_sites();
  if (name == "max_stay_days") return rule.max_stay_days();
  return 0;
}

template <class Values>
std::uint32_t BitsOf(const Values& values) {
  std::uint32_t bits = 0;
  for (const int value : values) {
    if (value >= 0 && value < 32) bits |= 1U << static_cast<unsigned>(value);
  }
  return bits;
}

}  // namespace

LabelTemplate CompileLabel(const std::string& label, const v1::IndicatorRule& rule) {
  LabelTemplate compiled;
  std::string part;
  std::size_t i = 0;
  while (i < label.size()) {
    const std::size_t close = label[i] == '{' ? label.find('}', i) : std::string::npos;
    if (close == std::string::npos) {
      part.push_back(label[i++]);
      continue;
    }
    const std::string_view name(label.data() + i + 1, close - i - 1);
    if (name == "value") {
      compiled.parts.push_back(std::move(part));
      part.clear();
    } else {
      part += std::to_string(ParameterValue(rule, name));
    }
    i = close + 1;
  }
  compiled.parts.push_back(std::move(part));
  return compiled;
}

CompiledRule CompileRule(const v1::IndicatorRule& rule) {
  CompiledRule compiled;
  compiled.id = rule.id();
  compiled.kind = rule.kind();
  compiled.grade = rule.grade();
  compiled.points = rule.points();
  compiled.element_bits = BitsOf(rule.elements());
  compiled.females_only = rule.applies_to() == v1::APPLIES_TO_FEMALES;
  compiled.flags_with_any_other = rule.flags_with_any_other();
  compiled.min_age_years = rule.min_age_years();
  compiled.max_age_years = rule.max_age_years();
  compiled.window_days = rule.window_days();
  compiled.window_ms = static_cast<std::int64_t>(rule.window_days()) * base::kDayMs;
  compiled.min_count = rule.min_count();
  compiled.min_sites = rule.min_sites();
  compiled.max_stay_ms = static_cast<std::int64_t>(rule.max_stay_days()) * base::kDayMs;
  compiled.relation_bits = BitsOf(rule.relations());
  compiled.holder_bits = BitsOf(rule.holders());
  compiled.job_bits = BitsOf(rule.jobs());
  compiled.exempt_purpose_bits = BitsOf(rule.exempt_purposes());
  compiled.languages.assign(rule.languages().begin(), rule.languages().end());
  std::sort(compiled.languages.begin(), compiled.languages.end());
  compiled.min_similarity = rule.min_similarity();
  compiled.label_fr = CompileLabel(rule.label_fr(), rule);
  compiled.label_en = CompileLabel(rule.label_en(), rule);
  return compiled;
}

}  // namespace minegate::server::risk::internal
