#pragma once
/// What each IndicatorKind reads and how it may be graded: the one table the validation, the
/// compilation of labels and the tests share.

#include <cstdint>
#include <span>
#include <string_view>

#include "minegate/v1/risk.pb.h"

namespace minegate::server::risk::internal {

/// The parameters of an IndicatorRule, as bits.
enum Param : std::uint32_t {
  kMinAge = 1U << 0,
  kMaxAge = 1U << 1,
  kWindow = 1U << 2,
  kMinCount = 1U << 3,
  kMinSites = 1U << 4,
  kMaxStay = 1U << 5,
  kRelations = 1U << 6,
  kHolders = 1U << 7,
  kJobs = 1U << 8,
  kLanguages = 1U << 9,
  kExemptPurposes = 1U << 10,
  kMinSimilarity = 1U << 11,
};

struct KindSpec {
  v1::IndicatorKind kind;
  /// Parameters the kind reads; any other must be left unset.
  std::uint32_t reads;
  /// Parameters that must be set (non-zero, non-empty).
  std::uint32_t required;
  /// The label must hold "{value}".
  bool has_value;
  /// At most WEAK: the sign follows nationality or sex too closely to weigh more.
  bool weak_only;
  /// Must apply to females only (the kind is about women and girls by definition).
  bool females_only;
};

/// The spec of `kind`; nullptr for INDICATOR_KIND_UNSPECIFIED or an unknown number.
const KindSpec* SpecOf(v1::IndicatorKind kind);

/// A parameter's field name in IndicatorRule ("min_age_years"), and its label placeholder
/// name when it has one (the same name), for the scalar parameters.
struct ParamName {
  Param param;
  std::string_view field;
  bool placeholder;
};
std::span<const ParamName> ParamNames();

}  // namespace minegate::server::risk::internal
