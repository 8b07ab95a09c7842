#include "kiosk/store/kiosk_db.hpp"

namespace minegate::kiosk::store {

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
  return connection;
}

}  // namespace minegate::kiosk::store
