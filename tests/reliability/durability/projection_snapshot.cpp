#include "tests/reliability/durability/projection_snapshot.hpp"

#include "db/connection.hpp"
#include "db/query.hpp"

namespace minegate::test {
namespace {

bool EndsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// How a column reads in a row: positions as the event id there, list versions as set or not.
std::string ColumnExpression(const std::string& column) {
  if (column == "log_position" || EndsWith(column, "_position")) {
    return "(SELECT quote(event_id) FROM events WHERE events.log_position = t." + column + ")";
  }
  if (EndsWith(column, "_version")) return "(t." + column + " IS NOT NULL)";
  return "quote(t." + column + ")";
}

}  // namespace

const std::vector<std::string>& ProjectionTables() {
  static const std::vector<std::string> tables = {"persons",
                                                  "bracelets",
                                                  "bracelet_revocations",
                                                  "passages",
                                                  "presence",
                                                  "companions",
                                                  "miner_cards",
                                                  "census_observations",
                                                  "person_names_pending"};
  return tables;
}

ProjectionSnapshot SnapshotProjections(const std::string& database) {
  ProjectionSnapshot snapshot;
  db::OpenOptions options;
  options.access = db::OpenOptions::Access::kReadOnly;
  auto connection = db::Connection::Open(database, options);
  if (!connection) {
    snapshot["!error"].push_back(database + ": " + connection.error().message());
    return snapshot;
  }
  for (const std::string& table : ProjectionTables()) {
    auto columns = db::QueryAll(
        connection.value(), "SELECT name FROM pragma_table_info(?)",
        [](const db::Statement& row) { return row.ColumnText(0); }, table);
    if (!columns || columns.value().empty()) {
      snapshot["!error"].push_back(table + ": no columns");
      continue;
    }
    std::string row_text;
    for (const std::string& column : columns.value()) {
      row_text += (row_text.empty() ? "" : " || ' | ' || ") + ColumnExpression(column);
    }
    const std::string sql = "SELECT " + row_text + " FROM " + table + " t ORDER BY 1";
    auto rows = db::QueryAll(connection.value(), sql,
                             [](const db::Statement& row) { return row.ColumnText(0); });
    if (!rows) {
      snapshot["!error"].push_back(sql + ": " + rows.error().message());
      continue;
    }
    snapshot[table] = std::move(rows).value();
  }
  return snapshot;
}

std::string EventIdHex(const std::string& bytes) {
  static const char kDigits[] = "0123456789ABCDEF";
  std::string hex;
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    hex.push_back(kDigits[byte >> 4]);
    hex.push_back(kDigits[byte & 0xF]);
  }
  return hex;
}

std::string FirstDifference(const ProjectionSnapshot& live, const ProjectionSnapshot& rebuilt) {
  for (const auto& [table, rows] : live) {
    const auto other = rebuilt.find(table);
    if (other == rebuilt.end()) return table + ": absent de la reconstruction / not in the rebuild";
    const std::vector<std::string>& again = other->second;
    if (rows.size() != again.size()) {
      return table + ": " + std::to_string(rows.size()) + " lignes / rows live, " +
             std::to_string(again.size()) + " reconstruites / rebuilt";
    }
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (rows[i] != again[i]) {
        return table + " ligne / row " + std::to_string(i) + ":\n  live    " + rows[i] +
               "\n  rebuilt " + again[i];
      }
    }
  }
  for (const auto& [table, rows] : rebuilt) {
    if (!live.count(table)) return table + ": only in the rebuild";
  }
  return {};
}

}  // namespace minegate::test
