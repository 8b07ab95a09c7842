// The minimum a kiosk keeps about the people it registered: first name, sex
// and birth year, so the agent can see a bracelet is on the right wrist. It
// expires (a stolen kiosk reveals only recent, partial names), and nothing
// else of a person is kept in clear. Rows are keyed by TokenKey(person token),
// never by the token itself (see token_key.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "db/connection.hpp"
#include "minegate/v1/events.pb.h"

namespace minegate::kiosk::store {

struct RosterEntry {
  std::string first_name;
  v1::Sex sex = v1::SEX_UNSPECIFIED;
  std::uint32_t birth_year = 0;
};

class RosterCache {
 public:
  explicit RosterCache(db::Connection& connection) : connection_(connection) {}

  db::Result<void> Put(const std::string& person_token, const RosterEntry& entry,
                       std::int64_t expires_at_ms);
  /// The entry, unless absent or expired at now_ms.
  db::Result<std::optional<RosterEntry>> Find(const std::string& person_token, std::int64_t now_ms);
  /// Deletes expired entries and, if there were any, empties the write-ahead log
  /// (db::TruncateWal: call outside a transaction); returns how many.
  db::Result<std::int64_t> Expire(std::int64_t now_ms);

 private:
  db::Connection& connection_;
};

}  // namespace minegate::kiosk::store
