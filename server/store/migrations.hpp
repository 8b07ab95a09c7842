#pragma once

#include <span>

#include "db/migrations.hpp"

namespace minegate::server {

/// The server database's schema steps (server/store/schema/*.sql, embedded at build time).
std::span<const db::Migration> ServerMigrations();

}  // namespace minegate::server
