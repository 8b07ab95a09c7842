#include "kiosk/store/settings_store.hpp"

#include "db/bind.hpp"
#include "db/query.hpp"
#include "db/statement.hpp"

namespace minegate::kiosk::store {

db::Result<std::optional<std::string>> SettingsStore::Get(const std::string& key) {
  return db::QueryFirst(
      connection_, "SELECT value FROM settings WHERE key = ?",
      [](const db::Statement& row) { return row.ColumnText(0); }, key);
}

db::Result<void> SettingsStore::Set(const std::string& key, const std::string& value) {
  auto statement =
      connection_.Prepare("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)");
  if (!statement) return statement.error();
  if (auto bound = db::BindAll(statement.value(), key, value); !bound) return bound.error();
  return statement.value().Run();
}

}  // namespace minegate::kiosk::store
