#pragma once
/// Finds and records search-notice matches both ways: a new registration against the open
/// notices (the monitor), a new notice against the registered persons (the notice store).
/// Candidates come from index lookups (document number; a phonetic key shared by a word of the
/// names, given and family together since people give them in either order), the decision from
/// notice_decision.hpp. Also keeps each person's phonetic keys (person_name_keys).
/// Threading: uses its connection, so it belongs to that connection's thread.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.hpp"
#include "db/connection.hpp"
#include "db/statement.hpp"
#include "minegate/v1/events.pb.h"
#include "server/protection/internal/notice_decision.hpp"
#include "server/protection/protection_error.hpp"

namespace minegate::server::protection::internal {

/// A match recorded now (not one recorded before).
struct RecordedMatch {
  std::int64_t notice_id = 0;
  std::string person_token;
  MatchDecision decision;
};

/// The phonetic keys of a person's or a notice's names, given and family together, unique.
std::vector<std::string> NamePhoneticKeys(std::string_view given, std::string_view family);

class NoticeMatcher {
 public:
  static Result<std::unique_ptr<NoticeMatcher>> Create(db::Connection& connection,
                                                       base::Clock clock);

  /// Stores her phonetic keys, so later notices find her.
  Result<void> IndexPerson(std::string_view person_token, const v1::PersonRegistered& person);
  /// Matches her registration against every open notice; new matches are recorded and
  /// appended to `out`.
  Result<void> MatchPerson(std::string_view person_token, const v1::PersonRegistered& person,
                           double threshold, std::vector<RecordedMatch>& out);
  /// Matches an open notice against every registered person; new matches are recorded and
  /// appended to `out`.
  Result<void> MatchNotice(const NoticeTerms& notice, double threshold,
                           std::vector<RecordedMatch>& out);
  /// A notice's terms; nullopt when there is no such notice.
  Result<std::optional<NoticeTerms>> Notice(std::int64_t notice_id);

 private:
  NoticeMatcher(db::Connection& connection, base::Clock clock)
      : connection_(connection), clock_(std::move(clock)) {}
  /// Records the match unless it is recorded already; appends it to `out` when new.
  Result<void> Record(const NoticeTerms& notice, std::string_view person_token,
                      const MatchDecision& decision, std::vector<RecordedMatch>& out);

  db::Connection& connection_;
  base::Clock clock_;
  std::optional<db::Statement> insert_person_key_;
  std::optional<db::Statement> notices_by_key_;
  std::optional<db::Statement> notices_by_document_;
  std::optional<db::Statement> notice_terms_;
  std::optional<db::Statement> insert_match_;
};

}  // namespace minegate::server::protection::internal
