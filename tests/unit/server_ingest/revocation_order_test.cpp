// A BraceletRevoked that reaches the server before the BraceletIssued it revokes (kiosks sync
// independently: the revoking kiosk may upload first) is kept pending and applied when the issue
// arrives — live, across a restart, and by the rebuild. The projections are the same whatever
// the arrival order, live or rebuilt.
#include <algorithm>
#include <future>
#include <map>
#include <span>
#include <utility>

#include "db/migrations.hpp"
#include "db/query.hpp"
#include "db/transaction.hpp"
#include "server/admin/bracelet_revocations.hpp"
#include "server/ingest/event_store.hpp"
#include "server/ingest/event_writer.hpp"
#include "server/ingest/projector.hpp"
#include "server/store/migrations.hpp"
#include "tests/unit/server_ingest/ingest_fixture.hpp"

namespace minegate::server {
namespace {

constexpr char kIssuer[] = "k-12-1";   // issues bracelets, offline for a while
constexpr char kRevoker[] = "k-12-2";  // revokes them, and syncs first
constexpr char kThird[] = "k-12-3";

/// Event ids differ between devices.
std::uint8_t Salt(const std::string& device) { return static_cast<std::uint8_t>(device.back()); }

std::string Uid(std::uint8_t n) {
  return std::string("\x04\x51\x52\x53\x54\x55", 6) + static_cast<char>(n);
}

/// An event of `device` at `seq`, `offset` ms after kNow.
v1::Event On(const std::string& device, std::uint64_t seq, std::int64_t offset) {
  v1::Event event = Envelope(seq);
  event.set_device_id(device);
  event.set_event_id(EventId(seq, Salt(device)));
  event.set_occurred_at_ms(kNow + offset);
  return event;
}

v1::Event Issued(const std::string& device, std::uint64_t seq, std::int64_t offset,
                 std::uint8_t tag, std::uint8_t person, std::uint8_t replaces = 0) {
  v1::Event event = On(device, seq, offset);
  auto* issued = event.mutable_bracelet_issued();
  issued->set_person_token(Token(person));
  issued->set_tag_uid(Uid(tag));
  issued->set_tag_type(v1::TAG_TYPE_NTAG215);
  issued->set_credential("credential of tag " + std::to_string(tag));
  if (replaces != 0) issued->set_replaces_tag_uid(Uid(replaces));
  return event;
}

v1::Event Revoked(const std::string& device, std::uint64_t seq, std::int64_t offset,
                  std::uint8_t tag, v1::RevocationReason reason) {
  v1::Event event = On(device, seq, offset);
  auto* revoked = event.mutable_bracelet_revoked();
  revoked->set_tag_uid(Uid(tag));
  revoked->set_reason(reason);
  return event;
}

v1::Event Registered(const std::string& device, std::uint64_t seq, std::int64_t offset,
                     std::uint8_t person) {
  v1::Event event = PersonRegistered(seq, person);
  event.set_device_id(device);
  event.set_event_id(EventId(seq, Salt(device)));
  event.set_occurred_at_ms(kNow + offset);
  return event;
}

v1::Event Passed(const std::string& device, std::uint64_t seq, std::int64_t offset,
                 std::uint8_t tag, std::uint8_t person) {
  v1::Event event = GatePassed(seq, person);
  event.set_device_id(device);
  event.set_event_id(EventId(seq, Salt(device)));
  event.set_occurred_at_ms(kNow + offset);
  event.mutable_gate_passed()->set_tag_uid(Uid(tag));
  return event;
}

/// What the issuing kiosk recorded offline: two persons, their bracelets (tags 1, 2), a passage.
std::vector<v1::Event> IssuerEvents() {
  return {Registered(kIssuer, 1, 10, 1), Issued(kIssuer, 2, 11, 1, 1),
          Registered(kIssuer, 3, 12, 2), Issued(kIssuer, 4, 13, 2, 2),
          Passed(kIssuer, 5, 14, 1, 1)};
}

/// What the revoking kiosk recorded: tag 1 seized as a clone; tag 2 lost and replaced by tag 3
/// (the kiosk sends the revocation and the issue naming what it replaces); tag 9, a tag no kiosk
/// issued, seized.
std::vector<v1::Event> RevokerEvents() {
  return {Revoked(kRevoker, 1, 100, 1, v1::REVOCATION_REASON_SUSPECTED_CLONE),
          Revoked(kRevoker, 2, 200, 2, v1::REVOCATION_REASON_LOST),
          Issued(kRevoker, 3, 200, 3, 2, /*replaces=*/2),
          Revoked(kRevoker, 4, 300, 9, v1::REVOCATION_REASON_SUSPECTED_CLONE)};
}

/// A batch as it arrives: a device and a run of its events.
struct Arrival {
  std::string device;
  std::vector<v1::Event> events;
};

std::vector<v1::Event> Slice(const std::vector<v1::Event>& events, std::size_t from,
                             std::size_t to) {
  return {events.begin() + static_cast<std::ptrdiff_t>(from),
          events.begin() + static_cast<std::ptrdiff_t>(to)};
}

/// The projection tables as text rows, independent of arrival order: log positions are replaced
/// by the event id at that position, and the revoked-list versions (counters every change moves
/// on) by whether they are set.
const std::map<std::string, std::vector<std::string>>& SnapshotQueries() {
  // Table (and joins) -> the columns of a row.
  static const std::map<std::string, std::vector<std::string>> queries = {
      {"persons JOIN events e ON e.log_position = registered_position",
       {"quote(person_token)", "given_name", "family_name", "sex", "quote(birth_year)",
        "birth_estimated", "nationality", "occupation", "document_number", "registered_at_ms",
        "registered_site_id", "quote(e.event_id)", "quote(record)"}},
      {"bracelets",
       {"quote(tag_uid)", "quote(person_token)", "tag_type", "quote(credential)", "issued_at_ms",
        "issued_site_id", "issuing_device_id", "quote(revoked_at_ms)", "quote(revocation_reason)",
        "revoked_version IS NOT NULL", "first_issued_at_ms"}},
      {"bracelet_revocations r LEFT JOIN events e USING (log_position)",
       {"quote(e.event_id)", "quote(r.tag_uid)", "revoked_at_ms", "reason", "source"}},
      {"pending_bracelet_revocations",
       {"quote(tag_uid)", "revoked_at_ms", "reason", "listed_version IS NOT NULL"}},
      {"passages p JOIN events e USING (log_position)",
       {"quote(e.event_id)", "quote(p.person_token)", "quote(tag_uid)", "p.site_id", "p.gate_id",
        "direction", "verification", "p.occurred_at_ms"}},
      {"presence p JOIN events e USING (log_position)",
       {"quote(person_token)", "p.site_id", "p.gate_id", "direction", "at_ms",
        "quote(e.event_id)"}},
      {"companions JOIN events e USING (log_position)", {"quote(e.event_id)"}},
      {"miner_cards JOIN events e USING (log_position)", {"quote(card_uid)", "quote(e.event_id)"}},
      {"census_observations JOIN events e USING (log_position)",
       {"campaign_id", "quote(person_token)", "quote(e.event_id)"}},
  };
  return queries;
}

/// One server database file, fed through the live path (EventStore, as the writer does).
class Server {
 public:
  explicit Server(std::filesystem::path path) : path_(std::move(path)) {}

  void Open() {
    auto connection = OpenStore(path_);
    ASSERT_TRUE(connection) << connection.error().message();
    connection_.emplace(std::move(connection).value());
    ASSERT_TRUE(connection_->Execute(
        "INSERT INTO sites (site_id, name, department, created_at_ms) "
        "VALUES (12, 'Bantako', 'kedougou', 0);"
        "INSERT INTO devices (device_id, site_id, created_at_ms) VALUES ('k-12-1', 12, 0);"
        "INSERT INTO devices (device_id, site_id, created_at_ms) VALUES ('k-12-2', 12, 0);"
        "INSERT INTO devices (device_id, site_id, created_at_ms) VALUES ('k-12-3', 12, 0);"));
    auto store = EventStore::Create(*connection_);
    ASSERT_TRUE(store) << store.error().message();
    store_ = std::move(store).value();
  }

  void Receive(const Arrival& arrival) {
    IncomingBatch batch{arrival.device, arrival.events, kNow + 1000, {}};
    auto transaction = db::Transaction::Begin(*connection_, db::Transaction::Mode::kImmediate);
    ASSERT_TRUE(transaction);
    auto outcome = store_->Append(batch);
    ASSERT_TRUE(outcome) << outcome.error().message();
    ASSERT_TRUE(transaction.value().Commit());
  }

  void Rebuild() {
    store_.reset();  // its statements must not outlive the rebuild's transactions
    auto rebuilt = Projector::Rebuild(*connection_, 3, {});
    ASSERT_TRUE(rebuilt) << rebuilt.error().message();
    // The server starts again on the rebuilt projections.
    auto store = EventStore::Create(*connection_);
    ASSERT_TRUE(store) << store.error().message();
    store_ = std::move(store).value();
  }

  std::map<std::string, std::vector<std::string>> Snapshot() {
    std::map<std::string, std::vector<std::string>> snapshot;
    for (const auto& [table, columns] : SnapshotQueries()) {
      std::string row_text;
      for (const std::string& column : columns) {
        row_text += (row_text.empty() ? "" : " || ' | ' || ") + column;
      }
      const std::string sql = "SELECT " + row_text + " FROM " + table + " ORDER BY 1";
      auto rows = db::QueryAll(*connection_, sql,
                               [](const db::Statement& row) { return row.ColumnText(0); });
      EXPECT_TRUE(rows) << sql;
      if (rows) snapshot[table] = std::move(rows).value();
    }
    return snapshot;
  }

  std::int64_t Count(const std::string& sql) {
    auto count = db::QueryOne(*connection_, sql,
                              [](const db::Statement& row) { return row.ColumnInt64(0); });
    EXPECT_TRUE(count) << sql;
    return count ? count.value() : -1;
  }

  db::Connection& connection() { return *connection_; }

 private:
  std::filesystem::path path_;
  std::optional<db::Connection> connection_;
  std::unique_ptr<EventStore> store_;
};

class RevocationOrderTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(dir_.ok()); }

  /// A fresh database that received `arrivals` in this order.
  std::unique_ptr<Server> Fed(const std::string& name, const std::vector<Arrival>& arrivals) {
    auto server = std::make_unique<Server>(dir_.path() / (name + ".db"));
    server->Open();
    for (const Arrival& arrival : arrivals) server->Receive(arrival);
    return server;
  }

  /// Feeds `events` one per batch in every order into fresh databases; expects the same
  /// projections from each, live and rebuilt. Returns the database of the first order.
  std::unique_ptr<Server> EveryOrderAgrees(const std::vector<v1::Event>& events) {
    std::vector<std::size_t> order(events.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::unique_ptr<Server> first;
    std::map<std::string, std::vector<std::string>> expected;
    int n = 0;
    do {
      std::vector<Arrival> arrivals;
      std::string name = "order";
      for (const std::size_t i : order) {
        arrivals.push_back({events[i].device_id(), {events[i]}});
        name += "-" + std::to_string(i);
      }
      SCOPED_TRACE(name);
      auto server = Fed(std::to_string(n++), arrivals);
      if (!first) {
        expected = server->Snapshot();
        server->Rebuild();
        EXPECT_EQ(server->Snapshot(), expected) << "rebuilt";
        first = std::move(server);
        continue;
      }
      EXPECT_EQ(server->Snapshot(), expected) << "live";
      server->Rebuild();
      EXPECT_EQ(server->Snapshot(), expected) << "rebuilt";
    } while (std::next_permutation(order.begin(), order.end()));
    return first;
  }

  test::TempDir dir_{"revocation-order"};
};

TEST_F(RevocationOrderTest, ARevocationBeforeItsIssueIsAppliedWhenTheIssueArrives) {
  auto server = Fed("revoker-first", {{kRevoker, RevokerEvents()}});
  const std::int64_t listed =
      server->Count("SELECT version FROM list_versions WHERE list = 'revoked_bracelets'");
  server->Receive({kIssuer, IssuerEvents()});
  EXPECT_EQ(server->Count("SELECT count(*) FROM bracelets WHERE tag_uid = x'04515253545501' AND "
                          "revoked_at_ms = " +
                          std::to_string(kNow + 100) + " AND revocation_reason = " +
                          std::to_string(v1::REVOCATION_REASON_SUSPECTED_CLONE)),
            1)
      << "the seized clone's revocation, received first, was lost when its issue arrived";
  EXPECT_EQ(server->Count("SELECT count(*) FROM bracelets WHERE tag_uid = x'04515253545502' AND "
                          "revoked_at_ms = " +
                          std::to_string(kNow + 200) +
                          " AND revocation_reason = " + std::to_string(v1::REVOCATION_REASON_LOST)),
            1)
      << "the replaced bracelet's revocation, received first, was lost";
  EXPECT_EQ(server->Count("SELECT count(*) FROM bracelets WHERE tag_uid = x'04515253545503' AND "
                          "revoked_at_ms IS NULL"),
            1);
  // Kiosks learn it: the revoked bracelets moved to a version newer than the one they held.
  EXPECT_GT(server->Count("SELECT min(revoked_version) FROM bracelets WHERE tag_uid IN "
                          "(x'04515253545501', x'04515253545502')"),
            listed);
}

TEST_F(RevocationOrderTest, ProjectionsAreTheSameWhateverTheArrivalOrderLiveOrRebuilt) {
  const auto issuer = IssuerEvents();
  const auto revoker = RevokerEvents();
  auto in_order = Fed("issuer-first", {{kIssuer, issuer}, {kRevoker, revoker}});
  auto reversed = Fed("revoker-first", {{kRevoker, revoker}, {kIssuer, issuer}});
  auto interleaved = Fed("interleaved", {{kRevoker, Slice(revoker, 0, 2)},
                                         {kIssuer, Slice(issuer, 0, 2)},
                                         {kRevoker, Slice(revoker, 2, 4)},
                                         {kIssuer, Slice(issuer, 2, 5)}});
  const auto expected = in_order->Snapshot();
  ASSERT_EQ(expected.at("bracelets").size(), 3u);
  EXPECT_EQ(in_order->Count("SELECT count(*) FROM bracelets WHERE revoked_at_ms IS NOT NULL"), 2);
  // The seized tag no kiosk issued stays pending, listed for kiosks.
  EXPECT_EQ(in_order->Count("SELECT count(*) FROM pending_bracelet_revocations WHERE tag_uid = "
                            "x'04515253545509' AND listed_version IS NOT NULL"),
            1);

  EXPECT_EQ(reversed->Snapshot(), expected) << "live, revoking kiosk first";
  EXPECT_EQ(interleaved->Snapshot(), expected) << "live, interleaved";
  for (Server* server : {in_order.get(), reversed.get(), interleaved.get()}) {
    server->Rebuild();
    EXPECT_EQ(server->Snapshot(), expected) << "rebuilt";
  }
}

TEST_F(RevocationOrderTest, APendingRevocationSurvivesARestart) {
  auto server = std::make_unique<Server>(dir_.path() / "restart.db");
  server->Open();
  server.reset();
  const auto submit = [&](const std::string& device, std::vector<v1::Event> events) {
    auto writer = EventWriter::Open(dir_.path() / "restart.db");
    ASSERT_TRUE(writer) << writer.error().message();
    std::promise<IngestResult<BatchOutcome>> done;
    writer.value()->Submit(IncomingBatch{device, std::move(events), kNow + 1000, {}},
                           [&](IngestResult<BatchOutcome> r) { done.set_value(std::move(r)); });
    auto outcome = done.get_future().get();
    ASSERT_TRUE(outcome) << outcome.error().message();
    writer.value()->Stop();
  };
  // The revocation is committed, the writer (the server) stops; the issue comes after a restart.
  submit(kRevoker, {Revoked(kRevoker, 1, 100, 1, v1::REVOCATION_REASON_SUSPECTED_CLONE)});
  submit(kIssuer, {Registered(kIssuer, 1, 10, 1), Issued(kIssuer, 2, 11, 1, 1)});
  auto reader = db::Connection::Open(dir_.path() / "restart.db");
  ASSERT_TRUE(reader);
  auto revoked =
      db::QueryOne(reader.value(), "SELECT revoked_at_ms, revocation_reason FROM bracelets",
                   [](const db::Statement& row) {
                     return std::pair{row.ColumnInt64(0), row.ColumnInt64(1)};
                   });
  ASSERT_TRUE(revoked) << revoked.error().message();
  EXPECT_EQ(revoked.value().first, kNow + 100);
  EXPECT_EQ(revoked.value().second, v1::REVOCATION_REASON_SUSPECTED_CLONE);
}

TEST_F(RevocationOrderTest, ATagIssuedAgainAfterItsRevocationIsNotRevokedInAnyOrder) {
  // Tag 1 issued, revoked as lost, then issued again (to someone else); a revocation of the first
  // issue dated before the second arrives too. The tag holds the second issue, not revoked.
  auto server = EveryOrderAgrees(
      {Issued(kIssuer, 1, 10, 1, 1), Revoked(kRevoker, 1, 100, 1, v1::REVOCATION_REASON_LOST),
       Issued(kThird, 1, 200, 1, 3), Revoked(kRevoker, 2, 50, 1, v1::REVOCATION_REASON_DAMAGED)});
  EXPECT_EQ(server->Count("SELECT count(*) FROM bracelets WHERE person_token = "
                          "x'03030303030303030303030303030303' AND issued_at_ms = " +
                          std::to_string(kNow + 200) + " AND first_issued_at_ms = " +
                          std::to_string(kNow + 10) + " AND revoked_at_ms IS NULL"),
            1);
}

TEST_F(RevocationOrderTest, ARevocationDatedAfterTheLatestIssueRevokesItInAnyOrder) {
  auto server = EveryOrderAgrees({Issued(kIssuer, 1, 10, 1, 1), Issued(kThird, 1, 200, 1, 3),
                                  Revoked(kRevoker, 1, 300, 1, v1::REVOCATION_REASON_LOST)});
  EXPECT_EQ(server->Count("SELECT count(*) FROM bracelets WHERE issued_at_ms = " +
                          std::to_string(kNow + 200) +
                          " AND revoked_at_ms = " + std::to_string(kNow + 300)),
            1);
}

TEST_F(RevocationOrderTest, ARevocationDatedBeforeTheOnlyIssueStillRevokesIt) {
  // The issuing kiosk's clock runs 400 ms ahead of the revoking kiosk's: the revoking kiosk saw
  // the bracelet, so the revocation is of this issue, as it was before when it arrived second.
  auto server =
      EveryOrderAgrees({Issued(kIssuer, 1, 500, 4, 1),
                        Revoked(kRevoker, 1, 100, 4, v1::REVOCATION_REASON_SUSPECTED_CLONE)});
  EXPECT_EQ(server->Count("SELECT count(*) FROM bracelets WHERE revoked_at_ms = " +
                          std::to_string(kNow + 100) + " AND revocation_reason = " +
                          std::to_string(v1::REVOCATION_REASON_SUSPECTED_CLONE) +
                          " AND revoked_version IS NOT NULL"),
            1);
}

TEST_F(RevocationOrderTest, AnAdministratorsRevocationIsKeptByLaterEventsAndByTheRebuild) {
  auto server = Fed("admin", {{kIssuer, {Issued(kIssuer, 1, 10, 1, 1)}}});
  const std::string uid = Uid(1);
  auto revoked = admin::RevokeBracelet(
      server->connection(),
      std::span(reinterpret_cast<const std::uint8_t*>(uid.data()), uid.size()),
      v1::REVOCATION_REASON_LEFT_REGION, "", [] { return kNow + 50; });
  ASSERT_TRUE(revoked) << revoked.error().message();
  const std::string state = "SELECT count(*) FROM bracelets WHERE revoked_at_ms = ";
  // A kiosk's later revocation of the same bracelet does not move it: the earliest applies.
  server->Receive({kRevoker, {Revoked(kRevoker, 1, 80, 1, v1::REVOCATION_REASON_LOST)}});
  EXPECT_EQ(server->Count(state + std::to_string(kNow + 50) + " AND revocation_reason = " +
                          std::to_string(v1::REVOCATION_REASON_LEFT_REGION) +
                          " AND revoked_version = " + std::to_string(revoked.value())),
            1);
  const auto live = server->Snapshot();
  server->Rebuild();
  EXPECT_EQ(server->Snapshot(), live) << "the rebuild lost or changed the administrator's";
  // An earlier one, from a kiosk that synced late, does.
  server->Receive({kThird, {Revoked(kThird, 1, 30, 1, v1::REVOCATION_REASON_DAMAGED)}});
  EXPECT_EQ(server->Count(state + std::to_string(kNow + 30) + " AND revocation_reason = " +
                          std::to_string(v1::REVOCATION_REASON_DAMAGED) +
                          " AND revoked_version > " + std::to_string(revoked.value())),
            1);
}

TEST_F(RevocationOrderTest, AnAdministratorsRevocationOfAReissuedTagDatedAheadIsKeptByTheRebuild) {
  // Tag 1 issued, then issued again by a kiosk whose clock runs ahead of the server's: the
  // administrator revokes, at the server's time, the bracelet the tag holds. Dated before that
  // issue, which is not the tag's first, the rule the rebuild follows would not apply it.
  auto server = Fed("admin-ahead", {{kIssuer, {Issued(kIssuer, 1, 10, 1, 1)}},
                                    {kThird, {Issued(kThird, 1, 200, 1, 3)}}});
  const std::string uid = Uid(1);
  auto revoked = admin::RevokeBracelet(
      server->connection(),
      std::span(reinterpret_cast<const std::uint8_t*>(uid.data()), uid.size()),
      v1::REVOCATION_REASON_LEFT_REGION, "", [] { return kNow + 50; });
  ASSERT_TRUE(revoked) << revoked.error().message();
  const std::string revoked_from_issue =
      "SELECT count(*) FROM bracelets WHERE revoked_at_ms = " + std::to_string(kNow + 200) +
      " AND issued_at_ms = " + std::to_string(kNow + 200);
  EXPECT_EQ(server->Count(revoked_from_issue), 1);
  const auto live = server->Snapshot();
  server->Rebuild();
  EXPECT_EQ(server->Snapshot(), live) << "the rebuild lifted the administrator's revocation";
}

TEST_F(RevocationOrderTest, ADatabaseFromBeforeMigration6KeepsItsRevocations) {
  const auto path = dir_.path() / "v5.db";
  {
    db::OpenOptions options;
    options.access = db::OpenOptions::Access::kReadWriteCreate;
    auto old = db::Connection::Open(path, options);
    ASSERT_TRUE(old);
    ASSERT_TRUE(db::ApplyMigrations(old.value(), ServerMigrations().first(5)));
    // A bracelet revoked by a kiosk, as the projector before step 6 left it.
    ASSERT_TRUE(old.value().Execute(
        "INSERT INTO bracelets (tag_uid, person_token, tag_type, credential, issued_at_ms, "
        "issued_site_id, issuing_device_id, revoked_at_ms, revocation_reason, revoked_version) "
        "VALUES (x'04515253545501', x'01010101010101010101010101010101', 2, x'63', " +
        std::to_string(kNow + 11) + ", 12, 'k-12-1', " + std::to_string(kNow + 100) + ", 3, 1)"));
  }
  Server server(path);
  server.Open();
  // Brought to the newest schema (6 and every later one), its revocations carried over.
  EXPECT_EQ(server.Count("PRAGMA user_version"),
            static_cast<std::int64_t>(ServerMigrations().size()));
  EXPECT_EQ(server.Count("SELECT count(*) FROM bracelet_revocations WHERE tag_uid = "
                         "x'04515253545501' AND revoked_at_ms = " +
                         std::to_string(kNow + 100) + " AND reason = 3"),
            1);
  // An older record of the same issue arrives: the bracelet stays revoked.
  server.Receive({kIssuer, {Issued(kIssuer, 1, 5, 1, 1)}});
  EXPECT_EQ(server.Count("SELECT count(*) FROM bracelets WHERE revoked_at_ms = " +
                         std::to_string(kNow + 100) +
                         " AND first_issued_at_ms = " + std::to_string(kNow + 5)),
            1);
}

}  // namespace
}  // namespace minegate::server
