// The audit log's CSV export, streamed, through the real minegate-server over TLS: 100,000
// entries (with awkward fields) written to its log beforehand, exported by an auditor and read
// back with an RFC 4180 parser against the log itself, row by row; chunked on the wire, no
// Content-Length; the export's own entry with its row count; a client that leaves part way
// (its entry says so, with the rows sent so far); HEAD (headers only, 0 rows); a bad filter
// before the first byte (an ordinary problem).
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <string>

#include "base/clock.hpp"
#include "base/hex.hpp"
#include "db/connection.hpp"
#include "db/transaction.hpp"
#include "server/audit/audit_log.hpp"
#include "tests/integration/server/official_client.hpp"
#include "tests/support/csv_parse.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/wait.hpp"

namespace minegate::test::audit_export {
namespace {

using namespace std::chrono_literals;
namespace audit = server::audit;

constexpr char kPassword[] = "correct horse battery staple";
constexpr char kAuditor[] = "awa.auditor";
constexpr int kEntries = 100'000;
constexpr char kExport[] = "GET /v1/audit/export.csv";

/// Entry i: every field a spreadsheet or a CSV parser could trip on, in turn.
audit::AuditEntry Generated(int i) {
  audit::AuditEntry entry;
  entry.at_ms = 1'796'610'000'000 + i;
  entry.actor_kind = audit::ActorKind::kUser;
  entry.actor_id = "user" + std::to_string(i % 97);
  entry.actor_role = "administrator";
  entry.client_address = "10.0." + std::to_string(i % 250) + ".7";
  entry.user_agent = i % 3 == 0 ? "Mozilla/5.0 (X11; Linux) \"quoted\", ok" : "curl/7.88.1";
  entry.action = i % 2 == 0 ? "POST /v1/users" : "GET /v1/users";
  entry.targets = {"user:u" + std::to_string(i), i % 5 == 0 ? "=cmd|' /C calc'!A0" : "site:1"};
  entry.query = i % 7 == 0 ? "actorRole=administrator&note=a;b\r\nc" : "";
  entry.result_count = i % 2 == 0 ? -1 : i % 100;
  entry.outcome = i % 11 == 0 ? "refused:user_exists" : "ok";
  entry.http_status = i % 11 == 0 ? 409 : 200;
  entry.reason = i % 13 == 0 ? "Ndèye -- contrôle ; \"PV\"" : "";
  return entry;
}

class AuditExportTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string error;
    server_ = ServerProcess::Create(error).release();
    ASSERT_NE(server_, nullptr) << error;
    {
      std::ofstream password(dir_->File("pw"));
      password << kPassword << '\n';
    }
    const auto added = server_->Ctl({"user", "add", "--id", kAuditor, "--name", "Awa", "--role",
                                     "auditor", "--password-file", dir_->File("pw")});
    ASSERT_TRUE(added.status.Succeeded()) << added.out << added.err;
    // The entries go in with the server stopped, through the log's own Append (the chain).
    ASSERT_TRUE(server_->Stop());
    auto connection = db::Connection::Open(server_->database());
    ASSERT_TRUE(connection) << connection.error().message();
    const audit::AuditLog log;
    for (int first = 0; first < kEntries; first += 10'000) {
      auto transaction =
          db::Transaction::Begin(connection.value(), db::Transaction::Mode::kImmediate);
      ASSERT_TRUE(transaction);
      for (int i = first; i < first + 10'000; ++i) {
        auto appended = log.Append(connection.value(), Generated(i));
        ASSERT_TRUE(appended) << appended.error().message();
      }
      ASSERT_TRUE(transaction.value().Commit());
    }
    ASSERT_TRUE(server_->Start(error)) << error;
  }

  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  /// `timeout` bounds each whole answer: a 100,000-row export under AddressSanitizer takes longer
  /// than the client's usual 5 s.
  std::unique_ptr<OfficialClient> Auditor(
      std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    ClientOptions options = server_->client();
    options.timeout = timeout;
    auto client = std::make_unique<OfficialClient>(options);
    const HttpResult signed_in = client->SignIn(kAuditor, kPassword);
    EXPECT_EQ(signed_in.status, 200) << signed_in.body;
    return client;
  }

  /// The log's entries for `filter`, newest first, read from the database file.
  static std::vector<audit::AuditRecord> Entries(const audit::AuditFilter& filter) {
    db::OpenOptions options;
    options.access = db::OpenOptions::Access::kReadOnly;
    auto connection = db::Connection::Open(server_->database(), options);
    EXPECT_TRUE(connection);
    std::vector<audit::AuditRecord> records;
    std::string cursor;
    do {
      auto page = audit::AuditLog().Find(connection.value(), filter, cursor, audit::kMaxPageSize);
      EXPECT_TRUE(page);
      if (!page) break;
      for (auto& record : page.value().records) records.push_back(std::move(record));
      cursor = page.value().next_cursor;
    } while (!cursor.empty());
    return records;
  }

  /// The auditor's export entries, newest first.
  static std::vector<audit::AuditRecord> ExportEntries(std::string action = kExport) {
    audit::AuditFilter filter;
    filter.actor_id = kAuditor;
    filter.action = std::move(action);
    return Entries(filter);
  }

  static ServerProcess* server_;
  static TempDir* dir_;
};

ServerProcess* AuditExportTest::server_ = nullptr;
TempDir* AuditExportTest::dir_ = new TempDir("audit-export");

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : " ") + item;
  return out;
}

/// What a spreadsheet is shown for a field the writer guarded.
std::string Shown(const std::string& value) {
  const bool number = !value.empty() && value.find_first_not_of("-0123456789") == std::string::npos;
  const bool formula = !value.empty() && !number &&
                       std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos;
  return formula ? "'" + value : value;
}

TEST_F(AuditExportTest, AHundredThousandRowsAreStreamedAndReadBackAsTheLogHoldsThem) {
  auto auditor = Auditor(std::chrono::minutes(2));
  // The suite's tests share one server (tests/integration/server/CMakeLists.txt): the other
  // tests' exports may be in the log already.
  const auto before = ExportEntries().size();
  const HttpResult result =
      auditor->Call("GET", "/v1/audit/export.csv?actorRole=administrator&sep=semicolon");
  ASSERT_EQ(result.status, 200) << result.body.substr(0, 300);
  EXPECT_EQ(result.Header("transfer-encoding"), "chunked");
  EXPECT_EQ(result.Header("content-length"), "");
  EXPECT_EQ(result.Header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(result.Header("content-disposition"), "attachment; filename=\"journal-audit.csv\"");
  ASSERT_TRUE(result.body.starts_with("\xEF\xBB\xBF"));
  const auto parsed = ParseCsv(std::string_view(result.body).substr(3), ';');
  ASSERT_TRUE(parsed) << "not RFC 4180";
  ASSERT_FALSE(parsed->empty());
  EXPECT_EQ((*parsed)[0],
            (std::vector<std::string>{"n°", "date (UTC)", "type d'acteur", "acteur", "rôle",
                                      "adresse", "navigateur", "action", "cibles", "personnes",
                                      "requête", "résultats", "issue", "statut HTTP", "motif",
                                      "référence du dossier", "empreinte"}));
  audit::AuditFilter administrators;
  administrators.actor_role = "administrator";
  const auto expected = Entries(administrators);
  ASSERT_GE(expected.size(), static_cast<std::size_t>(kEntries));
  ASSERT_EQ(parsed->size(), expected.size() + 1);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const auto& row = (*parsed)[i + 1];
    const audit::AuditEntry& e = expected[i].entry;
    const std::vector<std::string> want = {
        std::to_string(expected[i].seq),
        base::FormatUtcMs(e.at_ms),
        std::string(audit::ActorKindName(e.actor_kind)),
        e.actor_id,
        e.actor_role,
        e.client_address,
        e.user_agent,
        e.action,
        Shown(Joined(e.targets)),
        Joined(e.person_tokens),
        e.query,
        e.result_count < 0 ? std::string() : std::to_string(e.result_count),
        e.outcome,
        std::to_string(e.http_status),
        e.reason,
        e.case_reference,
        base::ToHex(expected[i].hash)};
    ASSERT_EQ(row, want) << "row " << i + 1;
  }

  // The export is in the log once it has ended, with every row it sent.
  ASSERT_TRUE(WaitUntil([&] { return ExportEntries().size() > before; }, 5s));
  const auto entries = ExportEntries();
  ASSERT_EQ(entries.size(), before + 1);
  EXPECT_EQ(entries[0].entry.result_count, static_cast<std::int64_t>(expected.size()));
  EXPECT_EQ(entries[0].entry.outcome, "ok");
  EXPECT_EQ(entries[0].entry.http_status, 200);
  EXPECT_EQ(entries[0].entry.query, "actorRole=administrator");
}

TEST_F(AuditExportTest, EnglishHeadersAndCommasOnRequest) {
  auto auditor = Auditor();
  const HttpResult result = auditor->Call("GET", "/v1/audit/export.csv?actorId=user5&lang=en");
  ASSERT_EQ(result.status, 200);
  EXPECT_EQ(result.Header("content-disposition"), "attachment; filename=\"audit-log.csv\"");
  const auto parsed = ParseCsv(std::string_view(result.body).substr(3), ',');
  ASSERT_TRUE(parsed);
  EXPECT_EQ((*parsed)[0][0], "seq");
  EXPECT_EQ((*parsed)[0][1], "time (UTC, ms)");
  audit::AuditFilter filter;
  filter.actor_id = "user5";
  EXPECT_EQ(parsed->size(), Entries(filter).size() + 1);
}

TEST_F(AuditExportTest, AClientThatLeavesPartWayIsAuditedWithTheRowsSentSoFar) {
  auto auditor = Auditor();
  const auto before = ExportEntries().size();
  auto client = ByteClient::Connect(server_->client());
  ASSERT_TRUE(client);
  ASSERT_FALSE(
      client.value()->Send("GET /v1/audit/export.csv HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                           "Cookie: " +
                           auditor->cookie() + "\r\n\r\n"));
  const auto [received, ec] =
      client.value()->ReadUntil([](const std::string& r) { return r.size() >= 1024 * 1024; }, 10s);
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_TRUE(received.starts_with("HTTP/1.1 200 OK\r\n"));
  client.value()->Abandon();
  ASSERT_TRUE(WaitUntil([&] { return ExportEntries().size() == before + 1; }, 10s))
      << "the cut export's entry";
  const auto entry = ExportEntries().front().entry;
  EXPECT_EQ(entry.outcome, "error:stream_client_gone");
  EXPECT_EQ(entry.http_status, 200);
  EXPECT_GT(entry.result_count, 0);
  EXPECT_LT(entry.result_count, kEntries) << "rows sent, not the view's";
  // An auditor finds it among the errors.
  audit::AuditFilter errors;
  errors.actor_id = kAuditor;
  errors.outcome = "error";
  EXPECT_FALSE(Entries(errors).empty());
}

TEST_F(AuditExportTest, HeadGivesTheHeadersOnlyAndIsAuditedWithNoRow) {
  auto auditor = Auditor();
  auto client = ByteClient::Connect(server_->client());
  ASSERT_TRUE(client);
  ASSERT_FALSE(
      client.value()->Send("HEAD /v1/audit/export.csv?lang=en HTTP/1.1\r\nHost: "
                           "127.0.0.1\r\nCookie: " +
                           auditor->cookie() + "\r\n\r\n"));
  const auto [received, ec] = client.value()->ReadUntil(
      [](const std::string& r) { return r.find("\r\n\r\n") != std::string::npos; }, 5s);
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_TRUE(received.starts_with("HTTP/1.1 200 OK\r\n")) << received;
  EXPECT_NE(received.find("Transfer-Encoding: chunked\r\n"), std::string::npos) << received;
  EXPECT_NE(received.find("filename=\"audit-log.csv\""), std::string::npos) << received;
  EXPECT_TRUE(received.ends_with("\r\n\r\n"));
  auto more = client.value()->ReadSome(300ms);
  EXPECT_FALSE(more) << "a body after HEAD: " << more.value().substr(0, 100);
  const auto entries = ExportEntries("HEAD /v1/audit/export.csv");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].entry.result_count, 0);
  EXPECT_EQ(entries[0].entry.outcome, "ok");
}

TEST_F(AuditExportTest, ABadFilterIsAnOrdinaryProblemBeforeAnyByte) {
  auto auditor = Auditor();
  const HttpResult result = auditor->Call("GET", "/v1/audit/export.csv?personToken=zz");
  EXPECT_EQ(result.status, 400);
  EXPECT_EQ(result.Header("content-type"), "application/problem+json");
  EXPECT_NE(result.body.find("bad_person_token"), std::string::npos) << result.body;
  EXPECT_EQ(result.Header("transfer-encoding"), "");
}

}  // namespace
}  // namespace minegate::test::audit_export
