#pragma once
/// What `backup` and `restore` say about a database file they produced: its schema version, its
/// events, its audit log's head; and where the keys that are never in a backup live.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <ostream>

#include "db/backup.hpp"
#include "db/connection.hpp"
#include "server/audit/chain_hash.hpp"

namespace minegate::ctl {

struct DatabaseSummary {
  int schema_version = 0;
  std::int64_t events = 0;
  server::audit::ChainHead audit_head;
};

/// Read in one snapshot of `connection`. The audit head is as stored, not verified.
db::Result<DatabaseSummary> Summarise(db::Connection& connection);

/// True when `connection` holds the tables every minegate server database has (events, the
/// audit log, users, sites): a file of another application is refused before anything is copied.
db::Result<bool> IsMinegateDatabase(db::Connection& connection);

/// Pages, bytes, schema, events, audit head and the time taken, French then English.
void PrintCopy(std::ostream& out, const db::BackupReport& copy, const DatabaseSummary& summary,
               std::chrono::steady_clock::duration taken);

/// The keys a backup leaves out, for the command's output: the data directory's sealing key and
/// the server's TLS certificate and key, and why they travel separately.
void PrintKeysNotInBackup(std::ostream& out, const std::filesystem::path& data_dir);

}  // namespace minegate::ctl
