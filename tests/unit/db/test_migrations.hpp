#pragma once

#include <span>

#include "db/migrations.hpp"

namespace minegate::db::test {

/// tests/unit/db/migrations/good: 0001 creates site and thing, 0002 adds a column.
std::span<const Migration> GoodMigrations();
/// tests/unit/db/migrations/broken: same 0001; 0002 creates a table then fails.
std::span<const Migration> BrokenMigrations();

}  // namespace minegate::db::test
