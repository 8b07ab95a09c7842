#pragma once
/// A table exported as CSV, streamed: what a route returns to send any number of rows without
/// holding them. A package that exports a table (the audit log, police search results, census
/// tables) implements RowSource — a cursor read one page at a time on a database worker —
/// and answers CsvReply(); the gateway streams it and audits it with the rows sent
/// (server/api/README.md, docs/audit.md §6).

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "server/api/api_call.hpp"
#include "server/api/csv_writer.hpp"

namespace minegate::server::api {

/// A column's header in both languages.
struct CsvColumn {
  std::string_view french;
  std::string_view english;
};

/// Where a RowSource writes its rows: each Add() is one CSV record.
class CsvRows {
 public:
  CsvRows(std::string& out, char separator, std::size_t columns)
      : out_(out), separator_(separator), columns_(columns) {}
  /// One row, a field per column, in the columns' order (a row of another width is a bug: it
  /// is written as given, and counted in mismatched()).
  void Add(std::span<const std::string_view> fields);
  void Add(std::initializer_list<std::string_view> fields) {
    Add(std::span<const std::string_view>(fields.begin(), fields.size()));
  }
  std::int64_t added() const { return added_; }
  std::int64_t mismatched() const { return mismatched_; }

 private:
  std::string& out_;
  char separator_;
  std::size_t columns_;
  std::int64_t added_ = 0;
  std::int64_t mismatched_ = 0;
};

/// The rows of one export, read in pages. Threading: one call at a time, but successive calls
/// may come from different worker threads (each with its own connection), so keep no
/// statement or transaction between calls: a keyset cursor (the last key written), never an
/// OFFSET, so that rows written meanwhile neither repeat nor shift the pages.
class RowSource {
 public:
  virtual ~RowSource() = default;
  /// Adds the next rows, at most about `max_rows`, to `rows`. True while more may remain,
  /// false once every row was given (a call that then adds none is fine).
  virtual base::Result<bool> ReadPage(db::Connection& connection, int max_rows, CsvRows& rows) = 0;
  /// A person-level export (a row per person) names the persons of the first `rows` rows in
  /// its audit entry, at most `room` (ApiStream::NamePersons). Nothing by default.
  virtual void NamePersons(std::int64_t /*rows*/, std::size_t /*room*/,
                           std::vector<std::string>& /*person_tokens*/) const {}
};

/// The persons of a person-level export, one per row in the rows' order, for its audit entry:
/// the first kMaxNamed are kept (what an audit entry holds, audit::kMaxListItems), so its
/// memory stays bounded whatever the export's size; the count of rows says how many there were.
class ExportedPersons {
 public:
  static constexpr std::size_t kMaxNamed = audit::kMaxListItems;
  /// The person of the next row (lower-case hex token).
  void Add(std::string token) {
    if (tokens_.size() < kMaxNamed) tokens_.push_back(std::move(token));
  }
  /// The persons of the first `rows` rows, at most `room`.
  void NameFirst(std::int64_t rows, std::size_t room, std::vector<std::string>& out) const;

 private:
  std::vector<std::string> tokens_;
};

/// The body of an export: the byte order mark and the header row, then the source's rows in
/// pieces of about kPieceBytes.
class CsvExport final : public ApiStream {
 public:
  /// A piece is closed once it holds this much: memory per export is about one piece.
  static constexpr std::size_t kPieceBytes = 256 * 1024;
  /// Rows asked of the source at a time.
  static constexpr int kPageRows = 500;

  CsvExport(std::vector<CsvColumn> columns, CsvOptions options, std::unique_ptr<RowSource> source);
  base::Result<bool> Next(db::Connection& connection, std::string& out) override;
  std::int64_t units() const override { return rows_; }
  void NamePersons(std::int64_t units, std::size_t room,
                   std::vector<std::string>& person_tokens) const override {
    source_->NamePersons(units, room, person_tokens);
  }

 private:
  std::vector<CsvColumn> columns_;
  CsvOptions options_;
  std::unique_ptr<RowSource> source_;
  bool started_ = false;
  std::int64_t rows_ = 0;
};

/// The reply of an export route: `text/csv; charset=utf-8`, an attachment named
/// `french_file` or `english_file` (per options.english), streamed from `source`.
ApiReply CsvReply(std::vector<CsvColumn> columns, CsvOptions options,
                  std::unique_ptr<RowSource> source, std::string_view french_file,
                  std::string_view english_file);

}  // namespace minegate::server::api
