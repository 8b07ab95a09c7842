#include "server/api/csv_export.hpp"

#include <algorithm>

namespace minegate::server::api {

void CsvRows::Add(std::span<const std::string_view> fields) {
  if (fields.size() != columns_) ++mismatched_;
  AppendCsvRecord(out_, fields, separator_);
  ++added_;
}

void ExportedPersons::NameFirst(std::int64_t rows, std::size_t room,
                                std::vector<std::string>& out) const {
  const std::size_t count =
      std::min({static_cast<std::size_t>(std::max<std::int64_t>(rows, 0)), room, tokens_.size()});
  out.insert(out.end(), tokens_.begin(), tokens_.begin() + static_cast<std::ptrdiff_t>(count));
}

CsvExport::CsvExport(std::vector<CsvColumn> columns, CsvOptions options,
                     std::unique_ptr<RowSource> source)
    : columns_(std::move(columns)), options_(options), source_(std::move(source)) {}

base::Result<bool> CsvExport::Next(db::Connection& connection, std::string& out) {
  if (!started_) {
    started_ = true;
    out += kUtf8Bom;
    std::vector<std::string_view> headers;
    headers.reserve(columns_.size());
    for (const CsvColumn& column : columns_) {
      headers.push_back(options_.english ? column.english : column.french);
    }
    AppendCsvRecord(out, headers, options_.separator);
  }
  CsvRows rows(out, options_.separator, columns_.size());
  bool more = true;
  while (more && out.size() < kPieceBytes) {
    auto page = source_->ReadPage(connection, kPageRows, rows);
    if (!page) return page.error();
    more = page.value();
  }
  rows_ += rows.added();
  return more;
}

ApiReply CsvReply(std::vector<CsvColumn> columns, CsvOptions options,
                  std::unique_ptr<RowSource> source, std::string_view french_file,
                  std::string_view english_file) {
  ApiReply reply;
  reply.content_type = "text/csv; charset=utf-8";
  reply.headers.emplace_back(
      "Content-Disposition",
      "attachment; filename=\"" + std::string(options.english ? english_file : french_file) + "\"");
  reply.stream = std::make_shared<CsvExport>(std::move(columns), options, std::move(source));
  return reply;
}

}  // namespace minegate::server::api
