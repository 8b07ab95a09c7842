#include "kiosk/store/sign_in_failures.hpp"

#include "db/bind.hpp"
#include "db/query.hpp"
#include "db/statement.hpp"

namespace minegate::kiosk::store {

db::Result<FailureRecord> SignInFailures::Get(const std::string& user_id) {
  auto stored = db::QueryFirst(
      connection_,
      "SELECT failures, locked_until_ms, locks, last_failure_ms FROM sign_in_failures "
      "WHERE user_id = ?",
      [](const db::Statement& row) {
        FailureRecord record;
        record.failures = static_cast<std::uint32_t>(row.ColumnInt64(0));
        record.locked_until_ms = row.ColumnInt64(1);
        record.locks = static_cast<std::uint32_t>(row.ColumnInt64(2));
        record.last_failure_ms = row.ColumnInt64(3);
        return record;
      },
      user_id);
  if (!stored) return stored.error();
  // No row: no failure recorded for this user.
  return stored.value().value_or(FailureRecord{});
}

db::Result<void> SignInFailures::Set(const std::string& user_id, const FailureRecord& record) {
  auto statement = connection_.Prepare(
      "INSERT OR REPLACE INTO sign_in_failures (user_id, failures, locked_until_ms, locks, "
      "last_failure_ms) VALUES (?, ?, ?, ?, ?)");
  if (!statement) return statement.error();
  auto bound = db::BindAll(statement.value(), user_id, record.failures, record.locked_until_ms,
                           record.locks, record.last_failure_ms);
  if (!bound) return bound.error();
  return statement.value().Run();
}

db::Result<void> SignInFailures::Clear(const std::string& user_id) {
  auto statement = connection_.Prepare("DELETE FROM sign_in_failures WHERE user_id = ?");
  if (!statement) return statement.error();
  if (auto bound = db::BindAll(statement.value(), user_id); !bound) return bound.error();
  return statement.value().Run();
}

}  // namespace minegate::kiosk::store
