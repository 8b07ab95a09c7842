#pragma once
/// CSV as spreadsheets read it, in one place for every export: RFC 4180 records (fields
/// quoted when they hold the separator, a quote, CR or LF; quotes doubled; CRLF line ends),
/// UTF-8 with a byte order mark (Excel then reads UTF-8), `,` or `;` (what a spreadsheet set to
/// French expects), French or English headers. A field a spreadsheet would run as a formula
/// (starting with = + - @, a tab or CR) is written as text: prefixed with `'` and quoted, as
/// OWASP's "CSV injection" advice says; a plain number (`-1`, `42`) is data and stays as is.

#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

#include "server/net/http_types.hpp"

namespace minegate::server::api {

/// The UTF-8 byte order mark that starts every export.
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

struct CsvOptions {
  char separator = ',';
  bool english = false;  ///< English headers and file name; French by default
};

/// `?lang=en` for English (anything else: French); `?sep=semicolon` (or `;`) for `;`, else
/// `,` — the audit export's parameters since it was first written, now every export's.
CsvOptions ReadCsvOptions(const net::HttpRequest& request);

/// Appends `value` as one field (no separator around it).
void AppendCsvField(std::string& out, std::string_view value, char separator);

/// Appends one record: the fields, separated, then CRLF.
void AppendCsvRecord(std::string& out, std::span<const std::string_view> fields, char separator);
inline void AppendCsvRecord(std::string& out, std::initializer_list<std::string_view> fields,
                            char separator) {
  AppendCsvRecord(out, std::span<const std::string_view>(fields.begin(), fields.size()), separator);
}

}  // namespace minegate::server::api
