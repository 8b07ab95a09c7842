// The server killed with SIGKILL 20 times under load from 10 kiosks (issue 14, item 4): the real
// minegate-loadgen plays a generated region's traffic with 10 simulated kiosks (its own
// reconnection with backoff is what resumes them after each kill), a census kiosk of this test
// records every event id it saw acknowledged, and the server is killed at seeded random moments
// and restarted on the same data directory each time. Afterwards: no acknowledged event lost,
// none stored twice, no gap in any device's sequence, reconcile equal on both sides, and the
// projections equal to what rebuild-projections makes of a copy of the database.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <random>
#include <regex>
#include <set>
#include <stop_token>
#include <thread>

#include "base/clock.hpp"
#include "db/connection.hpp"
#include "db/query.hpp"
#include "tests/reliability/durability/projection_snapshot.hpp"
#include "tests/support/db_count.hpp"
#include "tests/support/loadgen_state.hpp"
#include "tests/support/process.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/sim_kiosk.hpp"
#include "tests/support/temp_dir.hpp"

namespace minegate::test {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr int kKills = 20;
constexpr char kCampaign[] = "recensement-durabilite";

db::OpenOptions ReadOnly() {
  db::OpenOptions options;
  options.access = db::OpenOptions::Access::kReadOnly;
  return options;
}

/// Per device: events stored, distinct sequences, distinct ids, lowest and highest sequence.
struct Stored {
  std::int64_t count = 0, distinct_seq = 0, distinct_id = 0, lowest = 0, highest = 0;
};

std::map<std::string, Stored> StoredByDevice(const std::string& database) {
  std::map<std::string, Stored> stored;
  auto connection = db::Connection::Open(database, ReadOnly());
  if (!connection) return stored;
  auto rows = db::QueryAll(
      connection.value(),
      "SELECT device_id, COUNT(*), COUNT(DISTINCT device_seq), COUNT(DISTINCT event_id), "
      "MIN(device_seq), MAX(device_seq) FROM events GROUP BY device_id",
      [](const db::Statement& row) {
        return std::pair(row.ColumnText(0),
                         Stored{row.ColumnInt64(1), row.ColumnInt64(2), row.ColumnInt64(3),
                                row.ColumnInt64(4), row.ColumnInt64(5)});
      });
  if (rows) stored.insert(rows.value().begin(), rows.value().end());
  return stored;
}

/// The event ids a device has stored, as the hex of their bytes.
std::set<std::string> StoredIds(const std::string& database, const std::string& device) {
  std::set<std::string> ids;
  auto connection = db::Connection::Open(database, ReadOnly());
  if (!connection) return ids;
  auto rows = db::QueryAll(
      connection.value(), "SELECT hex(event_id) FROM events WHERE device_id = ?",
      [](const db::Statement& row) { return row.ColumnText(0); }, device);
  if (rows) ids.insert(rows.value().begin(), rows.value().end());
  return ids;
}

/// A census kiosk at the test server's site: each person tapped at the gate, then observed in
/// the campaign. It keeps its outbox (every event it made, by sequence) and what the server
/// acknowledged; it survives the kills by reconnecting, and resends from the Welcome.
class CensusKiosk {
 public:
  explicit CensusKiosk(ClientOptions client) : kiosk_(std::move(client)) {}

  bool Enrol(const std::string& code) { return kiosk_.Enrol(code).has_value(); }

  /// Streams until a stop is requested (the thread's owner asks it when it goes, a failed
  /// assertion included).
  void Run(const std::stop_token& stop) {
    while (!stop.stop_requested()) {
      if (!Step()) std::this_thread::sleep_for(100ms);
      std::this_thread::sleep_for(100ms);  // a busy gate's pace, not a flood
    }
  }

  /// Once the server is up for good: sends what the server has not acknowledged yet (bounded).
  void Drain() {
    const auto deadline = Clock::now() + 60s;
    while (acked_ < outbox_.size() && Clock::now() < deadline) {
      if (!Step(/*only_resend=*/true)) std::this_thread::sleep_for(100ms);
    }
    kiosk_.Disconnect();
  }

  const std::vector<v1::Event>& outbox() const { return outbox_; }
  std::uint64_t acked() const { return acked_; }
  /// Welcomes that said less than this kiosk had seen acknowledged.
  int lost() const { return lost_; }
  int reconnects() const { return reconnects_; }
  SimulatedKiosk& kiosk() { return kiosk_; }

 private:
  /// One batch: connects if needed, sends what follows the acknowledged sequence (new events
  /// unless `only_resend`), waits for its Ack. False when the server was not there.
  bool Step(bool only_resend = false) {
    if (!connected_) {
      auto welcome = kiosk_.Connect(acked_);
      if (!welcome) {
        kiosk_.Disconnect();
        return false;
      }
      ++reconnects_;
      if (welcome.value().acked_seq() < acked_) ++lost_;
      acked_ = std::max<std::uint64_t>(acked_, welcome.value().acked_seq());
      connected_ = true;
    }
    const std::uint64_t next = acked_ + 1;
    std::vector<v1::Event> batch;
    for (std::uint64_t seq = next; seq < next + 10; ++seq) {
      if (seq > outbox_.size()) {
        if (only_resend) break;
        outbox_.push_back(Make(seq));
      }
      batch.push_back(outbox_[seq - 1]);
    }
    if (batch.empty()) return true;
    auto ack = kiosk_.SendAndWaitAck(batch, 5s);
    if (!ack) {
      kiosk_.Disconnect();
      connected_ = false;
      return false;
    }
    acked_ = std::max<std::uint64_t>(acked_, ack.value().acked_seq());
    return true;
  }

  /// Odd sequences: a person's verified entry at the gate; even ones: the same person observed
  /// in the campaign (so her census facts hold a first entry).
  v1::Event Make(std::uint64_t seq) const {
    v1::Event event = kiosk_.GatePassed(seq);
    std::string token(16, '\x5a');
    const std::uint64_t person = (seq + 1) / 2;
    for (std::size_t i = 0; i < 8; ++i) token[i] = static_cast<char>(person >> (8 * i));
    std::string uid = "\x04\x21\x43\x65";
    for (std::size_t i = 0; i < 3; ++i) uid.push_back(static_cast<char>(person >> (8 * i)));
    if (seq % 2 == 1) {
      event.mutable_gate_passed()->set_direction(v1::DIRECTION_IN);
      event.mutable_gate_passed()->set_person_token(token);
      event.mutable_gate_passed()->set_tag_uid(uid);
      return event;
    }
    auto* census = event.mutable_census_observed();  // replaces the gate passage
    census->set_campaign_id(kCampaign);
    census->set_person_token(token);
    census->set_tag_uid(uid);
    return event;
  }

  SimulatedKiosk kiosk_;
  std::vector<v1::Event> outbox_;
  std::uint64_t acked_ = 0;
  bool connected_ = false;
  int lost_ = 0;
  int reconnects_ = 0;
};

std::optional<Process> StartLoadgen(const ServerProcess& server, const std::filesystem::path& dir,
                                    std::string& error) {
  const ClientOptions client = server.client();
  ProcessOptions options;
  options.argv = {MINEGATE_LOADGEN_BIN, "--server",
                  "https://127.0.0.1:" + std::to_string(client.port), "--ca", client.ca_file,
                  "--state", (dir / "state").string(), "--data-dir",
                  std::filesystem::path(server.database()).parent_path().string(), "--minegatectl",
                  MINEGATECTL_BIN, "--kiosks", "10", "--days", "56", "--persons", "1000",
                  // 56 simulated days in about 34 s: the load lasts through the 20 kills.
                  "--speed", "140000", "--batch", "50", "--ack-timeout", "5", "--give-up", "60",
                  "--progress", "2"};
  options.stdout_path = (dir / "loadgen.out").string();
  options.stderr_path = (dir / "loadgen.err").string();
  return Process::Spawn(options, error);
}

TEST(ServerKillTest, TwentySigkillsUnderTenKiosksLoseNothingAndStoreNothingTwice) {
  std::string error;
  auto server = ServerProcess::Create(error);
  ASSERT_NE(server, nullptr) << error;
  TempDir dir("kill");
  ASSERT_TRUE(dir.ok());
  const auto closes = std::to_string(base::NowMs() + 24 * 3'600'000LL);
  auto campaign = server->Ctl({"census", "add", "--id", kCampaign, "--site", "1", "--fr",
                               "Recensement sous pannes", "--en", "Census under crashes",
                               "--closes-at", closes});
  ASSERT_TRUE(campaign.status.Succeeded()) << campaign.out << campaign.err;
  CensusKiosk census(server->client());
  ASSERT_TRUE(census.Enrol(server->NewEnrolmentCode())) << server->Log();

  // The ten kiosks: provisioned, enrolled, then streaming once the scenario line is out.
  auto loadgen = StartLoadgen(*server, dir.path(), error);
  ASSERT_TRUE(loadgen) << error;
  const std::string loadgen_out = (dir.path() / "loadgen.out").string();
  std::string text;
  ASSERT_TRUE(WaitForMatch(*loadgen, loadgen_out, std::regex("(scénario / scenario: )"), 90s, text))
      << text << ReadFile((dir.path() / "loadgen.err").string()) << server->Log();
  std::jthread census_thread([&census](const std::stop_token& stop) { census.Run(stop); });

  // The kills, at seeded random moments 0.6-1.4 s apart, each followed by a restart on the same
  // data directory (and port).
  std::mt19937 random(20261214);
  std::vector<double> restart_ms;
  const auto kills_began = Clock::now();
  for (int kill = 0; kill < kKills; ++kill) {
    std::this_thread::sleep_for(
        std::chrono::milliseconds(std::uniform_int_distribution(600, 1400)(random)));
    ASSERT_TRUE(loadgen->Running()) << "la charge s'est arrêtée avant la panne / the load ended "
                                       "before kill "
                                    << kill << "\n"
                                    << ReadFile(loadgen_out);
    server->Kill();
    const auto down = Clock::now();
    ASSERT_TRUE(server->Start(error)) << "restart " << kill << ": " << error;
    restart_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - down).count());
  }
  const double kills_s = std::chrono::duration<double>(Clock::now() - kills_began).count();
  census_thread.request_stop();
  census_thread.join();
  census.Drain();

  auto ended = loadgen->Wait(120s);
  if (!ended) loadgen->Kill();
  const std::string out = ReadFile(loadgen_out);
  ASSERT_TRUE(ended) << "loadgen did not finish\n" << out;
  EXPECT_TRUE(ended->Succeeded()) << out << ReadFile((dir.path() / "loadgen.err").string());
  std::smatch summary;
  ASSERT_TRUE(std::regex_search(
      out, summary,
      std::regex("loadgen: kiosks=10 enrolled=10 events=([0-9]+) acked=([0-9]+) refused=0 "
                 "reconcile_mismatch=0 failed_kiosks=0")))
      << out;
  EXPECT_EQ(summary[1].str(), summary[2].str()) << out;
  // Its own checks ran at every reconnection (a Welcome below what it had acknowledged fails it)
  // and the kills did reach it.
  EXPECT_EQ(out.find("perdu des événements"), std::string::npos) << out;
  EXPECT_NE(out.find("connexion"), std::string::npos) << "no kiosk saw a kill\n" << out;

  auto census_report = census.kiosk().Reconcile();
  ASSERT_TRUE(census_report) << server->Log();
  ASSERT_TRUE(server->Stop()) << server->Log();
  const std::string database = server->database();

  // Every device: its sequence from 1 to what it saw acknowledged, each once, no gap.
  const auto acked = StateAcked(dir.path() / "state");
  ASSERT_EQ(acked.size(), 10u);
  const auto stored = StoredByDevice(database);
  std::int64_t total = 0;
  for (const auto& [device, seq] : acked) {
    SCOPED_TRACE(device);
    ASSERT_TRUE(stored.count(device));
    const Stored& s = stored.at(device);
    EXPECT_GT(seq, 0u);
    EXPECT_EQ(s.count, static_cast<std::int64_t>(seq)) << "acknowledged vs stored";
    EXPECT_EQ(s.distinct_seq, s.count);
    EXPECT_EQ(s.distinct_id, s.count);
    EXPECT_EQ(s.lowest, 1);
    EXPECT_EQ(s.highest, s.count) << "a gap in the stored sequence";
    total += s.count;
  }
  EXPECT_EQ(std::to_string(total), summary[2].str());

  // The census kiosk: every event id it made (all of them acknowledged by now) stored, once.
  EXPECT_EQ(census.lost(), 0) << "a Welcome below what the census kiosk had seen acknowledged";
  ASSERT_EQ(census.acked(), census.outbox().size());
  std::set<std::string> sent;
  for (const v1::Event& event : census.outbox()) sent.insert(EventIdHex(event.event_id()));
  EXPECT_EQ(sent.size(), census.outbox().size());
  EXPECT_EQ(StoredIds(database, census.kiosk().device_id()), sent);
  const Stored& c = stored.at(census.kiosk().device_id());
  EXPECT_EQ(c.count, static_cast<std::int64_t>(census.outbox().size()));
  EXPECT_EQ(c.highest, c.count);
  EXPECT_EQ(census_report.value().event_count(), census.outbox().size());
  EXPECT_EQ(census_report.value().highest_seq(), census.outbox().size());
  EXPECT_EQ(census_report.value().contiguous_seq(), census.outbox().size());

  // The whole log: no id twice, no (device, seq) twice.
  const std::int64_t events = Count(database, "SELECT count(*) FROM events");
  EXPECT_EQ(events, total + c.count);
  EXPECT_EQ(Count(database, "SELECT count(DISTINCT event_id) FROM events"), events);
  EXPECT_EQ(Count(database,
                  "SELECT count(*) FROM (SELECT DISTINCT device_id, device_seq FROM "
                  "events)"),
            events);

  // The projections the server kept through the kills equal a rebuild from its log.
  const std::filesystem::path copy = dir.path() / "copy";
  std::error_code ec;
  std::filesystem::copy(std::filesystem::path(database).parent_path(), copy,
                        std::filesystem::copy_options::recursive, ec);
  ASSERT_FALSE(ec) << ec.message();
  auto rebuild = RunToCompletion(
      {MINEGATECTL_BIN, "--data-dir", copy.string(), "rebuild-projections"}, {}, 120s);
  ASSERT_TRUE(rebuild.status.Succeeded()) << rebuild.out << rebuild.err;
  const ProjectionSnapshot live = SnapshotProjections(database);
  const ProjectionSnapshot rebuilt = SnapshotProjections((copy / "minegate.db").string());
  ASSERT_FALSE(live.count("!error")) << live.at("!error").front();
  EXPECT_EQ(FirstDifference(live, rebuilt), "");
  EXPECT_GT(live.at("persons").size(), 0u);
  EXPECT_GT(live.at("passages").size(), 0u);
  EXPECT_EQ(live.at("census_observations").size(), census.outbox().size() / 2);
  // The comparison sees a difference when there is one: one census fact changed in the copy.
  {
    auto writable = db::Connection::Open((copy / "minegate.db").string(), db::OpenOptions{});
    ASSERT_TRUE(writable);
    ASSERT_TRUE(writable.value().Execute(
        "UPDATE census_observations SET first_entry_ms = NULL WHERE person_token = "
        "(SELECT person_token FROM census_observations WHERE first_entry_ms IS NOT NULL LIMIT 1)"));
  }
  EXPECT_NE(FirstDifference(live, SnapshotProjections((copy / "minegate.db").string()))
                .find("census_observations"),
            std::string::npos);

  // loadgen's own figures: throughput, latency, errors by kind (the kills), reconcile.
  const auto bilan = out.find("--- bilan / summary ---");
  if (bilan != std::string::npos) std::printf("%s", out.substr(bilan).c_str());
  double slowest = 0;
  for (const double ms : restart_ms) slowest = std::max(slowest, ms);
  std::printf(
      "durabilité / durability: %d SIGKILL en / in %.1f s, redémarrage le plus lent / slowest "
      "restart %.0f ms; %lld événements / events (%lld de 10 bornes / from 10 kiosks, %lld du "
      "recensement / from the census kiosk, %d reconnexions / reconnects)\n",
      kKills, kills_s, slowest, static_cast<long long>(events), static_cast<long long>(total),
      static_cast<long long>(c.count), census.reconnects());
}

}  // namespace
}  // namespace minegate::test
