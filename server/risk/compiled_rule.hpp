#pragma once
/// One validated IndicatorRule in the form Evaluate reads: flags and bit sets instead of
/// repeated fields, parameters in milliseconds, labels with their parameters already written in
/// and split around "{value}". Built only by ParseRuleSet.

#include <cstdint>
#include <string>
#include <vector>

#include "minegate/v1/risk.pb.h"

namespace minegate::server::risk {

/// A label with every parameter placeholder replaced; `parts` are the literal pieces between
/// the "{value}" placeholders (one piece when the label has none).
struct LabelTemplate {
  std::vector<std::string> parts;
};

struct CompiledRule {
  std::string id;
  v1::IndicatorKind kind = v1::INDICATOR_KIND_UNSPECIFIED;
  v1::Grade grade = v1::GRADE_UNSPECIFIED;
  std::int32_t points = 0;
  /// Bit e set for each v1::Element e it evidences (bits 1..6).
  std::uint32_t element_bits = 0;
  bool females_only = true;
  bool flags_with_any_other = false;

  std::uint32_t min_age_years = 0;
  std::uint32_t max_age_years = 0;
  std::int64_t window_ms = 0;
  std::uint32_t window_days = 0;
  std::uint32_t min_count = 0;
  std::uint32_t min_sites = 0;
  std::int64_t max_stay_ms = 0;
  /// Bit r set for each enum value r listed (relations, holders, jobs, exempt purposes).
  std::uint32_t relation_bits = 0;
  std::uint32_t holder_bits = 0;
  std::uint32_t job_bits = 0;
  std::uint32_t exempt_purpose_bits = 0;
  /// ISO 639-3 codes, sorted.
  std::vector<std::string> languages;
  double min_similarity = 0.0;

  LabelTemplate label_fr;
  LabelTemplate label_en;
};

}  // namespace minegate::server::risk
