// Every projection table of a server database (the query tables the projector writes and
// rebuild-projections recomputes: server/ingest/projector.cpp), as ordered text rows, every
// column of each: log positions are replaced by the event id stored there (as
// tests/unit/server_ingest/revocation_order_test.cpp's SnapshotQueries does), and the
// revoked-list versions (counters every change of the list moves on) by whether they are set.
// For comparing a live database with a rebuilt copy.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace minegate::test {

/// Table name -> its rows, each "col1 | col2 | ...", in order. An entry "!error" holds what
/// could not be read (a missing table or column is an error, not an empty table).
using ProjectionSnapshot = std::map<std::string, std::vector<std::string>>;

/// The projection tables a rebuild clears and fills again, census_observations included
/// (schema 0014's facts). person_names (contentless FTS5: no value can be read back) is left
/// out; person_names_pending is in.
const std::vector<std::string>& ProjectionTables();

ProjectionSnapshot SnapshotProjections(const std::string& database);

/// An event id as SQLite's hex() prints it, to compare what a kiosk sent with what is stored.
std::string EventIdHex(const std::string& bytes);

/// The first difference between two snapshots, in words; empty when equal.
std::string FirstDifference(const ProjectionSnapshot& live, const ProjectionSnapshot& rebuilt);

}  // namespace minegate::test
