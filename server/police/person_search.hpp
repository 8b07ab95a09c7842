#pragma once
/// The border police's person search: by bracelet UID (the tag's current holder, or a person
/// who passed a gate with it), by name (server/registry's folding and trigram index: partial,
/// accent-, case- and order-insensitive), by document number (upper case, without spaces,
/// dashes or slashes), by nationality and date of arrival (registration), by site and date
/// (an accepted gate passage there). Each answers one page, every query index-backed
/// (README.md: the plans), in one read snapshot of its own. Reads only: the audit entry is the
/// caller's (the gateway's).
/// Threading: uses its connection, so it belongs to that connection's thread.

#include <cstddef>
#include <cstdint>
#include <string>

#include "db/connection.hpp"
#include "minegate/v1/police.pb.h"
#include "server/police/police_error.hpp"

namespace minegate::server::police {

inline constexpr std::size_t kMaxPageSize = 200;

struct SearchQuery {
  enum class Kind { kTagUid, kName, kDocument, kNationality, kSite };
  Kind kind = Kind::kName;
  /// kTagUid: the UID's bytes (4, 7 or 10).
  std::string tag_uid;
  /// kName: as typed. kDocument: as typed (registry::DocumentKey here).
  std::string text;
  /// kNationality: ISO 3166-1 alpha-3, upper case.
  std::string nationality;
  /// kSite.
  std::int64_t site_id = 0;
  /// kNationality and kSite: [from_ms, to_ms).
  std::int64_t from_ms = 0;
  std::int64_t to_ms = 0;
  /// 1..kMaxPageSize.
  std::size_t limit = 50;
  /// Where the previous page ended (PolicePersonSearch's position, not yet a cursor); empty
  /// for the first page.
  std::string after;
};

class PersonSearch {
 public:
  explicit PersonSearch(db::Connection& connection) : connection_(connection) {}

  /// One page; `next_after` is the position to pass back in `after` for the next page (empty
  /// on the last). Errc for a query that cannot be searched.
  Result<v1::PolicePersonSearch> Find(const SearchQuery& query, std::string& next_after);

 private:
  Result<v1::PolicePersonSearch> ByTagUid(const SearchQuery& query);
  Result<v1::PolicePersonSearch> ByName(const SearchQuery& query, std::string& next_after);
  Result<v1::PolicePersonSearch> ByDocument(const SearchQuery& query, std::string& next_after);
  Result<v1::PolicePersonSearch> ByNationality(const SearchQuery& query, std::string& next_after);
  Result<v1::PolicePersonSearch> BySite(const SearchQuery& query, std::string& next_after);

  db::Connection& connection_;
};

}  // namespace minegate::server::police
