#include "tools/minegatectl/table.hpp"

#include <algorithm>
#include <ctime>

namespace minegate::ctl {
namespace {

/// Width in characters of UTF-8 text (accents are one column, as in "DÉPARTEMENT").
std::size_t Width(const std::string& text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

}  // namespace

void Table::Print(std::ostream& out) const {
  std::vector<std::size_t> widths(header_.size(), 0);
  const auto measure = [&](const std::vector<std::string>& row) {
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], std::max<std::size_t>(Width(row[i]), 1));
    }
  };
  measure(header_);
  for (const auto& row : rows_) measure(row);
  const auto print = [&](const std::vector<std::string>& row) {
    for (std::size_t i = 0; i < widths.size(); ++i) {
      const std::string cell = i < row.size() && !row[i].empty() ? row[i] : "-";
      out << cell;
      if (i + 1 < widths.size()) out << std::string(widths[i] - Width(cell) + 2, ' ');
    }
    out << '\n';
  };
  print(header_);
  for (const auto& row : rows_) print(row);
  out << rows_.size() << " ligne(s) / row(s)\n";
}

std::string FormatTime(std::int64_t ms) {
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm utc{};
  if (gmtime_r(&seconds, &utc) == nullptr) return std::to_string(ms) + " ms";
  char text[32];
  const std::size_t length = std::strftime(text, sizeof(text), "%Y-%m-%d %H:%M:%S UTC", &utc);
  return std::string(text, length);
}

}  // namespace minegate::ctl
