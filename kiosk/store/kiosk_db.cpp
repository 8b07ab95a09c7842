#include "kiosk/store/kiosk_db.hpp"

#include <sys/stat.h>

#include <array>
#include <string>
#include <utility>
#include <vector>

#include "db/bind.hpp"
#include "db/query.hpp"
#include "db/statement.hpp"
#include "db/transaction.hpp"
#include "db/wal.hpp"
#include "kiosk/store/settings_store.hpp"
#include "kiosk/store/token_key.hpp"

namespace minegate::kiosk::store {
namespace {

/// The settings row that says the person_token columns hold token keys.
constexpr char kTokenKeysSetting[] = "token_keys";

/// Replaces every value of `table`.person_token by its TokenKey. Inside the caller's transaction.
db::Result<void> KeyTokensOf(db::Connection& connection, const std::string& table) {
  auto rows = db::QueryAll(
      connection, "SELECT rowid, person_token FROM " + table, [](const db::Statement& row) {
        const std::vector<std::uint8_t> token = row.ColumnBlob(1);
        return std::pair{row.ColumnInt64(0), std::string(token.begin(), token.end())};
      });
  if (!rows) return rows.error();
  auto update = connection.Prepare("UPDATE " + table + " SET person_token = ? WHERE rowid = ?");
  if (!update) return update.error();
  for (const auto& [rowid, token] : rows.value()) {
    if (auto bound = db::BindAll(update.value(), db::Blob(TokenKey(token)), rowid); !bound) {
      return bound.error();
    }
    if (auto ran = update.value().Run(); !ran) return ran.error();
  }
  return db::Success();
}

/// Databases written before token keys held person tokens in clear in roster_cache and
/// census_observations. Once per database: each is replaced by its key, in one transaction
/// marked by the settings row, then the log (which held the clear values) is emptied.
/// secure_delete zeroes the replaced values in the file itself.
db::Result<void> KeyStoredTokens(db::Connection& connection) {
  auto marked = SettingsStore(connection).Get(kTokenKeysSetting);
  if (!marked) return marked.error();
  if (marked.value()) return db::Success();
  {
    auto transaction = db::Transaction::Begin(connection, db::Transaction::Mode::kImmediate);
    if (!transaction) return transaction.error();
    for (const char* table : {"roster_cache", "census_observations"}) {
      if (auto keyed = KeyTokensOf(connection, table); !keyed) return keyed.error();
    }
    const std::string domain(kTokenKeyDomain);
    if (auto set = SettingsStore(connection).Set(kTokenKeysSetting, domain); !set) {
      return set.error();
    }
    if (auto committed = transaction.value().Commit(); !committed) return committed.error();
  }
  return db::TruncateWal(connection);
}

}  // namespace

db::Result<db::Connection> OpenKioskDb(const std::filesystem::path& path) {
  db::OpenOptions options;
  options.access = db::OpenOptions::Access::kReadWriteCreate;
  options.synchronous = db::OpenOptions::Synchronous::kFull;
  auto connection = db::Connection::Open(path, options);
  if (!connection) return connection.error();
  // Deleted rows (drafts, expired names) are overwritten with zeros, not left
  // readable in free pages of a kiosk that may be stolen.
  if (auto secure = connection.value().Execute("PRAGMA secure_delete = ON"); !secure) {
    return secure.error();
  }
  auto applied = db::ApplyMigrations(connection.value(), KioskMigrations());
  if (!applied) return applied.error();
  if (auto keyed = KeyStoredTokens(connection.value()); !keyed) return keyed.error();
  return connection;
}

db::Result<db::Connection> OpenKioskDataDir(const std::filesystem::path& data_dir) {
  std::error_code ignored;  // an unusable directory is reported by the open below
  std::filesystem::create_directories(data_dir, ignored);
  ::chmod(data_dir.c_str(), 0700);
  return OpenKioskDb(data_dir / "kiosk.db");
}

}  // namespace minegate::kiosk::store
