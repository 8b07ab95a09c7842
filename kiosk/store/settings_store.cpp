#include "kiosk/store/settings_store.hpp"

#include "db/bind.hpp"
#include "db/statement.hpp"

namespace minegate::kiosk::store {

db::Result<std::optional<std::string>> SettingsStore::Get(const std::string& key) {
  auto statement = connection_.Prepare("SELECT value FROM settings WHERE key = ?");
  if (!statement) return statement.error();
  if (auto bound = db::BindAll(statement.value(), key); !bound) return bound.error();
  auto row = statement.value().Step();
  if (!row) return row.error();
  if (!row.value()) return std::optional<std::string>();
  return std::optional<std::string>(statement.value().ColumnText(0));
}

db::Result<void> SettingsStore::Set(const std::string& key, const std::string& value) {
  auto statement =
      connection_.Prepare("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)");
  if (!statement) return statement.error();
  if (auto bound = db::BindAll(statement.value(), key, value); !bound) return bound.error();
  return statement.value().Run();
}

}  // namespace minegate::kiosk::store
