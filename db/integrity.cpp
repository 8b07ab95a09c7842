#include "db/integrity.hpp"

#include <string>

#include "db/connection.hpp"
#include "db/statement.hpp"

namespace minegate::db {

Result<std::vector<std::string>> CheckIntegrity(Connection& connection, IntegrityCheck kind,
                                                std::size_t max_problems) {
  if (max_problems == 0) return make_error_code(Errc::bad_parameter);
  // The pragma's argument is the number of problems after which it stops; it takes no bound
  // parameter, and the number is ours.
  const std::string sql = std::string(kind == IntegrityCheck::kFull ? "PRAGMA integrity_check("
                                                                    : "PRAGMA quick_check(") +
                          std::to_string(max_problems) + ")";
  Result<Statement> check = connection.Prepare(sql);
  if (!check) return check.error();
  std::vector<std::string> problems;
  while (true) {
    Result<bool> row = check.value().Step();
    if (!row) return row.error();
    if (!row.value()) break;
    std::string line = check.value().ColumnText(0);
    // A sound file answers exactly one row, "ok".
    if (line != "ok") problems.push_back(std::move(line));
  }
  return problems;
}

}  // namespace minegate::db
