#pragma once
/// Opens the server database (WAL, synchronous=FULL, foreign keys) and brings
/// its schema up to date.

#include <filesystem>

#include "db/connection.hpp"
#include "db/error.hpp"

namespace minegate::server {

/// The read-write connection of the writer (or of minegatectl), schema applied. `options` may
/// tune the connection (cache, temporary storage); its access is read-write whatever it says.
db::Result<db::Connection> OpenStore(const std::filesystem::path& path,
                                     db::OpenOptions options = {});

/// A read-only connection for queries (schema must already be current).
db::Result<db::Connection> OpenStoreReadOnly(const std::filesystem::path& path);

}  // namespace minegate::server
