// The CSV writer on plain strings: RFC 4180 quoting read back by an RFC 4180 parser
// (tests/support/csv_parse.hpp, written from the RFC, not from the writer), the formula guard, the
// byte order mark and headers of an export, its pieces and row count.
#include "server/api/csv_writer.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "db/connection.hpp"
#include "server/api/csv_export.hpp"
#include "tests/support/csv_parse.hpp"

namespace minegate::server::api {
namespace {

using minegate::test::ParseCsv;

const std::vector<std::string>& Awkward() {
  static const std::vector<std::string> values = {
      "",
      "plain",
      "Aïssatou N'Diaye",
      "Ba-Touré",
      "with, comma",
      "with; semicolon",
      "with \"quotes\"",
      "\"",
      "line\nbreak",
      "carriage\rreturn",
      "crlf\r\ninside",
      "trailing space ",
      " leading space",
      "=SUM(A1:A2)",
      "+33 6 12 34 56",
      "-2+3+cmd|' /C calc'!A0",
      "@import",
      "\tTab",
      "\rCR first",
      "-1",
      "42",
      "Ndèye ; \"la grande\", =1+1",
  };
  return values;
}

std::string Record(const std::vector<std::string>& values, char separator) {
  std::vector<std::string_view> views(values.begin(), values.end());
  std::string out;
  AppendCsvRecord(out, views, separator);
  return out;
}

/// What the reader should see: the value, with `'` before one that starts like a formula.
std::string Shown(const std::string& value) {
  const bool number = !value.empty() && value.find_first_not_of("-0123456789") == std::string::npos;
  const bool formula = !value.empty() && !number &&
                       std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos;
  return formula ? "'" + value : value;
}

TEST(CsvWriterTest, EveryAwkwardValueRoundTripsThroughAnRfc4180ParserWithEitherSeparator) {
  for (const char separator : {',', ';'}) {
    const std::string text = Record(Awkward(), separator) + Record({"a", "b"}, separator);
    const auto parsed = ParseCsv(text, separator);
    ASSERT_TRUE(parsed) << text;
    ASSERT_EQ(parsed->size(), 2u);
    ASSERT_EQ((*parsed)[0].size(), Awkward().size());
    for (std::size_t i = 0; i < Awkward().size(); ++i) {
      EXPECT_EQ((*parsed)[0][i], Shown(Awkward()[i])) << "value " << i << " sep " << separator;
    }
    EXPECT_EQ((*parsed)[1], (std::vector<std::string>{"a", "b"}));
  }
}

TEST(CsvWriterTest, QuotesOnlyWhatNeedsIt) {
  std::string out;
  AppendCsvRecord(out, {"plain", "a,b", "a;b", "x\"y", "-1", "42", "2026-12-07T02:37:35.809Z"},
                  ',');
  EXPECT_EQ(out, "plain,\"a,b\",a;b,\"x\"\"y\",-1,42,2026-12-07T02:37:35.809Z\r\n");
  out.clear();
  AppendCsvRecord(out, {"a,b", "a;b"}, ';');
  EXPECT_EQ(out, "a,b;\"a;b\"\r\n");
}

TEST(CsvWriterTest, AFormulaIsWrittenAsQuotedTextWithAnApostrophe) {
  for (const std::string value : {"=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1"}) {
    std::string out;
    AppendCsvField(out, value, ',');
    EXPECT_EQ(out, "\"'" + value + "\"") << value;
  }
  std::string out;
  AppendCsvField(out, "=HYPERLINK(\"http://x\")", ';');
  EXPECT_EQ(out, "\"'=HYPERLINK(\"\"http://x\"\")\"");
}

TEST(CsvWriterTest, OptionsComeFromTheQuery) {
  net::HttpRequest request;
  EXPECT_EQ(ReadCsvOptions(request).separator, ',');
  EXPECT_FALSE(ReadCsvOptions(request).english);
  request.query = "lang=en&sep=semicolon";
  EXPECT_EQ(ReadCsvOptions(request).separator, ';');
  EXPECT_TRUE(ReadCsvOptions(request).english);
  request.query = "sep=%3B&lang=fr";
  EXPECT_EQ(ReadCsvOptions(request).separator, ';');
  EXPECT_FALSE(ReadCsvOptions(request).english);
  request.query = "sep=tab&lang=de";
  EXPECT_EQ(ReadCsvOptions(request).separator, ',');
  EXPECT_FALSE(ReadCsvOptions(request).english);
}

/// `count` rows of (i, "name i", a formula-looking note), given `page` at a time.
class CountingSource final : public RowSource {
 public:
  explicit CountingSource(int count) : count_(count) {}
  base::Result<bool> ReadPage(db::Connection&, int max_rows, CsvRows& rows) override {
    ++pages;
    for (int n = 0; n < max_rows && next_ < count_; ++n, ++next_) {
      const std::string id = std::to_string(next_);
      const std::string name = "Ndèye Diop n°" + id;
      rows.Add({id, name, "=danger"});
    }
    return next_ < count_;
  }
  int pages = 0;

 private:
  int count_;
  int next_ = 0;
};

TEST(CsvExportTest, ABomAndTheHeadersThenEveryRowInBoundedPieces) {
  auto connection = db::Connection::Open(":memory:");
  ASSERT_TRUE(connection);
  const std::vector<CsvColumn> columns = {{"n°", "no."}, {"nom", "name"}, {"note", "note"}};
  for (const bool english : {false, true}) {
    CsvExport csv(columns, CsvOptions{';', english}, std::make_unique<CountingSource>(20'000));
    std::string body;
    int pieces = 0;
    bool more = true;
    while (more) {
      std::string piece;
      auto next = csv.Next(connection.value(), piece);
      ASSERT_TRUE(next);
      more = next.value();
      EXPECT_LE(piece.size(), CsvExport::kPieceBytes + 64 * 1024) << "piece " << pieces;
      body += piece;
      ++pieces;
      ASSERT_LT(pieces, 1000);
    }
    EXPECT_GT(pieces, 2) << "a large export comes in several pieces";
    EXPECT_EQ(csv.units(), 20'000);
    ASSERT_TRUE(body.starts_with(kUtf8Bom));
    const auto parsed = ParseCsv(std::string_view(body).substr(kUtf8Bom.size()), ';');
    ASSERT_TRUE(parsed);
    ASSERT_EQ(parsed->size(), 20'001u);
    EXPECT_EQ((*parsed)[0], english ? (std::vector<std::string>{"no.", "name", "note"})
                                    : (std::vector<std::string>{"n°", "nom", "note"}));
    for (int i = 0; i < 20'000; ++i) {
      const auto& row = (*parsed)[static_cast<std::size_t>(i) + 1];
      ASSERT_EQ(row, (std::vector<std::string>{std::to_string(i),
                                               "Ndèye Diop n°" + std::to_string(i), "'=danger"}))
          << "row " << i;
    }
  }
}

TEST(CsvExportTest, AnEmptySourceGivesTheHeadersInOnePiece) {
  auto connection = db::Connection::Open(":memory:");
  ASSERT_TRUE(connection);
  CsvExport csv({{"a", "a"}, {"b", "b"}}, CsvOptions{}, std::make_unique<CountingSource>(0));
  std::string piece;
  auto next = csv.Next(connection.value(), piece);
  ASSERT_TRUE(next);
  EXPECT_FALSE(next.value());
  EXPECT_EQ(piece, std::string(kUtf8Bom) + "a,b\r\n");
  EXPECT_EQ(csv.units(), 0);
}

}  // namespace
}  // namespace minegate::server::api
