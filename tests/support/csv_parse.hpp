// An RFC 4180 parser for tests that read back what an export wrote (written from the RFC, not
// from server/api/csv_writer): CRLF records, quoted fields with doubled quotes, a separator of
// the caller's choice. Refuses whatever the grammar does not allow.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace minegate::test {

using CsvRecords = std::vector<std::vector<std::string>>;

inline std::optional<CsvRecords> ParseCsv(std::string_view text, char separator) {
  CsvRecords records;
  std::vector<std::string> record;
  std::string field;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '"') {
      ++i;
      while (true) {
        if (i >= text.size()) return std::nullopt;  // unterminated quote
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field += text[i++];
      }
    } else {
      while (i < text.size() && text[i] != separator && text[i] != '\r') {
        if (text[i] == '"' || text[i] == '\n') return std::nullopt;  // must have been quoted
        field += text[i++];
      }
    }
    if (i < text.size() && text[i] == separator) {
      record.push_back(std::move(field));
      field.clear();
      ++i;
      continue;
    }
    if (text.substr(i, 2) != "\r\n") return std::nullopt;
    record.push_back(std::move(field));
    field.clear();
    records.push_back(std::move(record));
    record.clear();
    i += 2;
  }
  return records;
}

}  // namespace minegate::test
