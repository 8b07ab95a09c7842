#include "server/api/csv_writer.hpp"

namespace minegate::server::api {
namespace {

/// A number (a count of -1) is data; anything else starting like a formula is never run.
bool IsPlainNumber(std::string_view value) {
  return !value.empty() && value.find_first_not_of("-0123456789") == std::string_view::npos;
}

bool StartsLikeAFormula(std::string_view value) {
  return !value.empty() &&
         std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos &&
         !IsPlainNumber(value);
}

}  // namespace

CsvOptions ReadCsvOptions(const net::HttpRequest& request) {
  CsvOptions options;
  options.english = request.QueryParam("lang").value_or("fr") == "en";
  const std::string separator = request.QueryParam("sep").value_or("");
  options.separator = separator == "semicolon" || separator == ";" ? ';' : ',';
  return options;
}

void AppendCsvField(std::string& out, std::string_view value, char separator) {
  const bool formula = StartsLikeAFormula(value);
  const bool quote = formula || value.find('"') != std::string_view::npos ||
                     value.find('\r') != std::string_view::npos ||
                     value.find('\n') != std::string_view::npos ||
                     value.find(separator) != std::string_view::npos;
  if (!quote) {
    out += value;
    return;
  }
  out += '"';
  if (formula) out += '\'';  // shown as text, never evaluated
  for (const char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void AppendCsvRecord(std::string& out, std::span<const std::string_view> fields, char separator) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += separator;
    AppendCsvField(out, fields[i], separator);
  }
  out += "\r\n";
}

}  // namespace minegate::server::api
