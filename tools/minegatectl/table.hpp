#pragma once
/// Listings as aligned columns with a bilingual header, readable in a terminal and easy to cut
/// with awk (columns are separated by at least two spaces; empty cells print as "-").

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace minegate::ctl {

class Table {
 public:
  explicit Table(std::vector<std::string> header) : header_(std::move(header)) {}

  void AddRow(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  /// Prints the header, the rows, and the row count ("3 ligne(s) / row(s)").
  void Print(std::ostream& out) const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

/// "2026-11-18 00:53:20 UTC" for a time in ms since the epoch.
std::string FormatTime(std::int64_t ms);

}  // namespace minegate::ctl
