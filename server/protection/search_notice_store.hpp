#pragma once
/// Search notices ("avis de recherche"): missing-person and watch notices entered by protection
/// officers. Never the operational `Alert` kiosks receive: nothing of a notice ever reaches a
/// kiosk. A notice is matched against the persons already registered when it is created, and
/// every later registration is matched against the open notices (RiskMonitor); a match is a
/// DECISIVE indicator (server/risk), so the person's assessment is re-evaluated and her case
/// raised in the same transaction. Closing a notice re-evaluates its matched persons: a closed
/// notice no longer raises anything (their cases stay: humans close cases).
/// Threading: uses its connection, so it belongs to that connection's thread.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.hpp"
#include "db/connection.hpp"
#include "minegate/v1/events.pb.h"
#include "minegate/v1/risk.pb.h"
#include "server/protection/protection_error.hpp"

namespace minegate::server::protection {

inline constexpr std::size_t kMaxNoticeNameChars = 80;
inline constexpr std::size_t kMaxNoticeDocumentChars = 32;
inline constexpr std::size_t kMaxPhotoDescriptionChars = 1000;
inline constexpr std::size_t kMaxReportingServiceChars = 200;

struct SearchNoticeInput {
  v1::SearchNoticeKind kind = v1::SEARCH_NOTICE_KIND_MISSING;
  std::string given_name;   ///< at most 80 characters
  std::string family_name;  ///< at most 80 characters
  v1::Sex sex = v1::SEX_UNSPECIFIED;
  /// A birth year, or an age range (in years when the notice is written), or neither.
  std::optional<std::uint32_t> birth_year;
  std::optional<std::uint32_t> age_min;
  std::optional<std::uint32_t> age_max;
  /// ISO 3166-1 alpha-3 upper case, or empty.
  std::string nationality;
  /// As printed; compared without spaces, '-' and '/'. At most 32 characters.
  std::string document_number;
  std::string photo_description;  ///< at most 1000 characters, several lines allowed
  std::string reporting_service;  ///< who reported (a service, a family), 1..200 characters
};

struct SearchNotice {
  std::int64_t notice_id = 0;
  SearchNoticeInput details;
  bool open = true;
  std::string created_by;
  std::int64_t created_at_ms = 0;
  std::optional<std::string> closed_by;
  std::optional<std::int64_t> closed_at_ms;
};

struct SearchNoticeMatch {
  std::int64_t notice_id = 0;
  std::string person_token;  ///< 16 raw bytes
  v1::SearchNoticeMatchMethod method = v1::SEARCH_NOTICE_MATCH_METHOD_UNSPECIFIED;
  double similarity = 0.0;
  std::int64_t matched_at_ms = 0;
};

struct CreatedNotice {
  std::int64_t notice_id = 0;
  /// The persons already registered it matched (their assessments and cases updated).
  std::vector<SearchNoticeMatch> matches;
};

class SearchNoticeStore {
 public:
  explicit SearchNoticeStore(db::Connection& connection, base::Clock clock = base::NowMs)
      : connection_(connection), clock_(std::move(clock)) {}

  /// Creates an open notice, matches it against the registered persons and re-evaluates the
  /// matched ones, in one transaction. Errc::bad_notice.
  Result<CreatedNotice> Create(const SearchNoticeInput& input, std::string_view created_by);
  /// Closes an open notice and re-evaluates its matched persons. Errc::unknown_notice,
  /// notice_closed.
  Result<void> Close(std::int64_t notice_id, std::string_view closed_by);
  Result<std::optional<SearchNotice>> Get(std::int64_t notice_id);
  /// The newest first; the closed ones too when asked.
  Result<std::vector<SearchNotice>> List(bool include_closed, std::size_t limit,
                                         std::size_t offset = 0);
  /// A notice's matches, best similarity first.
  Result<std::vector<SearchNoticeMatch>> Matches(std::int64_t notice_id);
  /// The notices a person matched (open or closed).
  Result<std::vector<SearchNoticeMatch>> MatchesOf(std::string_view person_token);

 private:
  db::Connection& connection_;
  base::Clock clock_;
};

}  // namespace minegate::server::protection
