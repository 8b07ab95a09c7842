#include "kiosk/store/sign_in_failures.hpp"

#include "db/bind.hpp"
#include "db/statement.hpp"

namespace minegate::kiosk::store {

db::Result<FailureRecord> SignInFailures::Get(const std::string& user_id) {
  auto statement = connection_.Prepare(
      "SELECT failures, locked_until_ms, locks, last_failure_ms FROM sign_in_failures "
      "WHERE user_id = ?");
  if (!statement) return statement.error();
  if (auto bound = db::BindAll(statement.value(), user_id); !bound) return bound.error();
  auto row = statement.value().Step();
  if (!row) return row.error();
  FailureRecord record;
  if (row.value()) {
    record.failures = static_cast<std::uint32_t>(statement.value().ColumnInt64(0));
    record.locked_until_ms = statement.value().ColumnInt64(1);
    record.locks = static_cast<std::uint32_t>(statement.value().ColumnInt64(2));
    record.last_failure_ms = statement.value().ColumnInt64(3);
  }
  return record;
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
