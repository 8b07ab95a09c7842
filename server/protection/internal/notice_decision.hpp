#pragma once
/// Whether a registration matches a search notice, once an index lookup made them candidates
/// (same document number, or a shared phonetic key of a name word). Pure.
///
///  - Same identity document number (compared by registry::DocumentKey: without spaces, "-"
///    and "/", upper case):
///    a match whatever the names, similarity 1.
///  - Otherwise by name: server/risk's NameSimilarity of the full names (words in any order,
///    transliteration- and misspelling-tolerant) at least `threshold`, and nothing known on both
///    sides that contradicts: sex, nationality, and the birth year within kBirthYearTolerance
///    of the notice's year (or of the years its age range allows). Years declared at a gate
///    are often estimated, hence the tolerance; an unknown field on either side does not
///    exclude (a girl brought across a border may not say her nationality).

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "minegate/v1/events.pb.h"
#include "minegate/v1/risk.pb.h"

namespace minegate::server::protection::internal {

inline constexpr std::int32_t kBirthYearTolerance = 2;

/// What a notice says about the person sought.
struct NoticeTerms {
  std::int64_t notice_id = 0;
  v1::SearchNoticeKind kind = v1::SEARCH_NOTICE_KIND_UNSPECIFIED;
  std::string given_name;
  std::string family_name;
  v1::Sex sex = v1::SEX_UNSPECIFIED;
  std::optional<std::int32_t> birth_year;
  std::optional<std::int32_t> age_min;
  std::optional<std::int32_t> age_max;
  std::int64_t created_at_ms = 0;
  std::string nationality;
  std::string document_number;
};

/// The birth years the notice admits, tolerance included; nullopt when it says nothing of age.
std::optional<std::pair<std::int32_t, std::int32_t>> BirthYearRange(const NoticeTerms& notice);

struct MatchDecision {
  v1::SearchNoticeMatchMethod method = v1::SEARCH_NOTICE_MATCH_METHOD_UNSPECIFIED;
  double similarity = 0.0;
};

std::optional<MatchDecision> DecideMatch(const NoticeTerms& notice,
                                         const v1::PersonRegistered& person, double threshold);

}  // namespace minegate::server::protection::internal
