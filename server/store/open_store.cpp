#include "server/store/open_store.hpp"

#include "server/store/migrations.hpp"

namespace minegate::server {

db::Result<db::Connection> OpenStore(const std::filesystem::path& path, db::OpenOptions options) {
  options.access = db::OpenOptions::Access::kReadWriteCreate;
  auto connection = db::Connection::Open(path, options);
  if (!connection) return connection.error();
  auto applied = db::ApplyMigrations(connection.value(), ServerMigrations());
  if (!applied) return applied.error();
  return connection;
}

db::Result<db::Connection> OpenStoreReadOnly(const std::filesystem::path& path) {
  db::OpenOptions options;
  options.access = db::OpenOptions::Access::kReadOnly;
  auto connection = db::Connection::Open(path, options);
  if (!connection) return connection.error();
  auto applied = db::ApplyMigrations(connection.value(), ServerMigrations());
  if (!applied) return applied.error();
  return connection;
}

}  // namespace minegate::server
