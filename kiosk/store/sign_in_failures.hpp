// Wrong PINs per agent on this kiosk. Kept in the database so that pulling the
// plug does not reset a lock.
#pragma once

#include <cstdint>
#include <string>

#include "db/connection.hpp"

namespace minegate::kiosk::store {

struct FailureRecord {
  std::uint32_t failures = 0;
  std::int64_t locked_until_ms = 0;
  /// Locks since the last successful sign-in.
  std::uint32_t locks = 0;
  std::int64_t last_failure_ms = 0;
};

class SignInFailures {
 public:
  explicit SignInFailures(db::Connection& connection) : connection_(connection) {}

  db::Result<FailureRecord> Get(const std::string& user_id);
  db::Result<void> Set(const std::string& user_id, const FailureRecord& record);
  db::Result<void> Clear(const std::string& user_id);

 private:
  db::Connection& connection_;
};

}  // namespace minegate::kiosk::store
