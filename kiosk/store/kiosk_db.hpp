// Opening the kiosk's database: WAL, synchronous=FULL (an event the screen
// calls "recorded" must survive a power cut), migrations applied.
#pragma once

#include <filesystem>
#include <span>

#include "db/connection.hpp"
#include "db/migrations.hpp"

namespace minegate::kiosk::store {

/// The kiosk schema steps (kiosk/store/schema/*.sql, embedded at build time).
std::span<const db::Migration> KioskMigrations();

/// Opens (or creates) the database with secure_delete on and the migrations applied. A database
/// from before token keys gets its stored person tokens replaced by their keys (token_key.hpp),
/// once.
db::Result<db::Connection> OpenKioskDb(const std::filesystem::path& path);

/// The kiosk's data directory, created 0700 if needed (it holds the database and the device
/// key), and OpenKioskDb on its kiosk.db: what `run` and `enroll` both start with.
db::Result<db::Connection> OpenKioskDataDir(const std::filesystem::path& data_dir);

}  // namespace minegate::kiosk::store
