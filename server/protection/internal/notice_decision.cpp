#include "server/protection/internal/notice_decision.hpp"

#include <ctime>

#include "server/registry/document_key.hpp"
#include "server/risk/name_match.hpp"

namespace minegate::server::protection::internal {
namespace {

std::int32_t UtcYear(std::int64_t ms) {
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  return parts.tm_year + 1900;
}

std::string FullName(std::string_view given, std::string_view family) {
  std::string name(given);
  if (!name.empty() && !family.empty()) name += ' ';
  name += family;
  return name;
}

}  // namespace

std::optional<std::pair<std::int32_t, std::int32_t>> BirthYearRange(const NoticeTerms& notice) {
  if (notice.birth_year) {
    return std::pair{*notice.birth_year - kBirthYearTolerance,
                     *notice.birth_year + kBirthYearTolerance};
  }
  if (!notice.age_min && !notice.age_max) return std::nullopt;
  // Aged a..b when the notice was written: born between year - b - 1 and year - a.
  const std::int32_t year = UtcYear(notice.created_at_ms);
  const std::int32_t oldest = year - notice.age_max.value_or(120) - 1;
  const std::int32_t youngest = year - notice.age_min.value_or(0);
  return std::pair{oldest - kBirthYearTolerance, youngest + kBirthYearTolerance};
}

std::optional<MatchDecision> DecideMatch(const NoticeTerms& notice,
                                         const v1::PersonRegistered& person, double threshold) {
  const std::string notice_document = registry::DocumentKey(notice.document_number);
  if (!notice_document.empty() &&
      notice_document == registry::DocumentKey(person.identity_document().number())) {
    return MatchDecision{v1::SEARCH_NOTICE_MATCH_METHOD_DOCUMENT_NUMBER, 1.0};
  }
  if (notice.given_name.empty() && notice.family_name.empty()) return std::nullopt;
  if (notice.sex != v1::SEX_UNSPECIFIED && person.sex() != v1::SEX_UNSPECIFIED &&
      notice.sex != person.sex()) {
    return std::nullopt;
  }
  if (!notice.nationality.empty() && !person.nationality().empty() &&
      notice.nationality != person.nationality()) {
    return std::nullopt;
  }
  if (const auto years = BirthYearRange(notice); years && person.birth().year() != 0) {
    const auto year = static_cast<std::int32_t>(person.birth().year());
    if (year < years->first || year > years->second) return std::nullopt;
  }
  const double similarity =
      risk::NameSimilarity(FullName(notice.given_name, notice.family_name),
                           FullName(person.given_name(), person.family_name()));
  if (similarity < threshold) return std::nullopt;
  return MatchDecision{v1::SEARCH_NOTICE_MATCH_METHOD_NAME_BIRTH_NATIONALITY, similarity};
}

}  // namespace minegate::server::protection::internal
