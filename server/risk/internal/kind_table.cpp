#include "server/risk/internal/kind_table.hpp"

#include <array>

namespace minegate::server::risk::internal {
namespace {

using K = v1::IndicatorKind;

constexpr std::array<KindSpec, 15> kKinds{{
    {K::INDICATOR_KIND_FEMALE_MINOR, kMinAge | kMaxAge, kMaxAge, true, false, true},
    {K::INDICATOR_KIND_FEMALE_YOUNG_ADULT, kMinAge | kMaxAge, kMinAge | kMaxAge, true, true, true},
    {K::INDICATOR_KIND_COMPANION_NOT_FAMILY, kRelations, kRelations, true, false, false},
    {K::INDICATOR_KIND_COMPANION_ANSWERED_FOR_HER, 0, 0, true, false, false},
    {K::INDICATOR_KIND_DOCUMENT_HELD_BY_OTHER, kHolders, kHolders, true, false, false},
    {K::INDICATOR_KIND_NO_IDENTITY_DOCUMENT, 0, 0, false, false, false},
    {K::INDICATOR_KIND_TRAVEL_PAID_BY_THIRD_PARTY, 0, 0, false, false, false},
    {K::INDICATOR_KIND_DEBT_DECLARED, 0, 0, false, false, false},
    {K::INDICATOR_KIND_TRAVEL_PAID_AND_DEBT, 0, 0, false, false, false},
    {K::INDICATOR_KIND_JOB_PROMISED, kJobs, kJobs, true, false, false},
    {K::INDICATOR_KIND_ENTERED_SENEGAL_RECENTLY, kWindow, kWindow, true, true, false},
    {K::INDICATOR_KIND_NO_LOCAL_LANGUAGE, kLanguages, kLanguages, true, true, false},
    {K::INDICATOR_KIND_RECRUITER_PATTERN, kMinAge | kMaxAge | kWindow | kMinCount | kRelations,
     kMaxAge | kWindow | kMinCount, true, false, false},
    {K::INDICATOR_KIND_MOVED_BETWEEN_SITES, kMinSites | kMaxStay | kWindow | kExemptPurposes,
     kMinSites | kMaxStay | kWindow, true, false, false},
    {K::INDICATOR_KIND_SEARCH_NOTICE_MATCH, kMinSimilarity, kMinSimilarity, true, false, false},
}};

constexpr std::array<ParamName, 12> kParamNames{{
    {kMinAge, "min_age_years", true},
    {kMaxAge, "max_age_years", true},
    {kWindow, "window_days", true},
    {kMinCount, "min_count", true},
    {kMinSites, "min_sites", true},
    {kMaxStay, "max_stay_days", true},
    {kRelations, "relations", false},
    {kHolders, "holders", false},
    {kJobs, "jobs", false},
    {kLanguages, "languages", false},
    {kExemptPurposes, "exempt_purposes", false},
    {kMinSimilarity, "min_similarity", false},
}};

}  // namespace

const KindSpec* SpecOf(v1::IndicatorKind kind) {
  for (const KindSpec& spec : kKinds) {
    if (spec.kind == kind) return &spec;
  }
  return nullptr;
}

std::span<const ParamName> ParamNames() { return kParamNames; }

}  // namespace minegate::server::risk::internal
