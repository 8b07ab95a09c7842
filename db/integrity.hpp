#pragma once
/// Checking a database file's structure (PRAGMA integrity_check / quick_check), for backups and
/// restores that must not hand over a damaged copy.

#include <cstddef>
#include <string>
#include <vector>

#include "db/error.hpp"

namespace minegate::db {

class Connection;

enum class IntegrityCheck {
  /// PRAGMA integrity_check: every page, every index against its table, every constraint. Reads
  /// the whole file and sorts; minutes for a large database.
  kFull,
  /// PRAGMA quick_check: pages and records, not indexes against their tables; linear time.
  kQuick,
};

/// The problems SQLite found, at most `max_problems` of them ("*** in database main *** ..."), in
/// its own English; empty when the file is sound. A file too damaged to be read at all fails
/// with the error instead (Errc::corrupt, Errc::not_a_database).
Result<std::vector<std::string>> CheckIntegrity(Connection& connection,
                                                IntegrityCheck kind = IntegrityCheck::kFull,
                                                std::size_t max_problems = 10);

}  // namespace minegate::db
