// minegate-loadgen run as a user runs it, on a real server: it provisions its fleet through
// minegatectl, plays a short scenario as fast as acknowledgements allow, prints its figures (the
// traffic by hour peaking at the shift changes among them) and exits 0; every event it says were
// acknowledged is in the server's database exactly once, and a second run on the same state
// (without the peaks) enrols nothing and continues each device's sequence. Also:
// SimulatedKiosk enrolled with a given key (the fleet's key from a seed) authenticates with it.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <regex>
#include <set>

#include "db/connection.hpp"
#include "db/statement.hpp"
#include "tests/support/loadgen_state.hpp"
#include "tests/support/population/fleet.hpp"
#include "tests/support/process.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/sim_kiosk.hpp"
#include "tests/support/temp_dir.hpp"

namespace minegate::test {
namespace {

struct Summary {
  std::uint64_t kiosks = 0, enrolled = 0, events = 0, acked = 0, refused = 0, mismatch = 0,
                failed = 0;
};

std::optional<Summary> ParseSummary(const std::string& out) {
  static const std::regex kLine(
      "loadgen: kiosks=([0-9]+) enrolled=([0-9]+) events=([0-9]+) acked=([0-9]+) "
      "refused=([0-9]+) reconcile_mismatch=([0-9]+) failed_kiosks=([0-9]+)");
  std::smatch match;
  if (!std::regex_search(out, match, kLine)) return std::nullopt;
  Summary s;
  s.kiosks = std::stoull(match[1]);
  s.enrolled = std::stoull(match[2]);
  s.events = std::stoull(match[3]);
  s.acked = std::stoull(match[4]);
  s.refused = std::stoull(match[5]);
  s.mismatch = std::stoull(match[6]);
  s.failed = std::stoull(match[7]);
  return s;
}

/// Per device: events stored, distinct sequences, highest sequence (agent.sim's kiosk aside).
struct Stored {
  std::int64_t count = 0;
  std::int64_t distinct_seq = 0;
  std::int64_t distinct_id = 0;
  std::int64_t highest = 0;
};

std::map<std::string, Stored> StoredByDevice(const std::string& database) {
  std::map<std::string, Stored> stored;
  db::OpenOptions options;
  options.access = db::OpenOptions::Access::kReadOnly;
  auto connection = db::Connection::Open(database, options);
  if (!connection) return stored;
  auto statement = connection.value().Prepare(
      "SELECT device_id, COUNT(*), COUNT(DISTINCT device_seq), COUNT(DISTINCT event_id), "
      "MAX(device_seq) FROM events GROUP BY device_id");
  if (!statement) return stored;
  for (auto row = statement.value().Step(); row && row.value(); row = statement.value().Step()) {
    Stored& s = stored[statement.value().ColumnText(0)];
    s.count = statement.value().ColumnInt64(1);
    s.distinct_seq = statement.value().ColumnInt64(2);
    s.distinct_id = statement.value().ColumnInt64(3);
    s.highest = statement.value().ColumnInt64(4);
  }
  return stored;
}

std::int64_t CountDevices(const std::string& database) {
  db::OpenOptions options;
  options.access = db::OpenOptions::Access::kReadOnly;
  auto connection = db::Connection::Open(database, options);
  if (!connection) return -1;
  auto statement = connection.value().Prepare("SELECT COUNT(*) FROM devices");
  if (!statement) return -1;
  auto row = statement.value().Step();
  return row && row.value() ? statement.value().ColumnInt64(0) : -1;
}

/// The summary's line of events sent by hour of the simulated day.
struct HourLine {
  std::string line;
  /// Each hour's share, rounded to the percent (a share under half a percent reads 0).
  std::array<double, 24> percent{};
  double percent_sum = 0;
  /// How far the sum may be from 100: half a percent per hour shown.
  double rounding = 0;
  /// The two busiest hours, and the second's traffic against the mean hour from 06h to 18h.
  std::set<int> peaks;
  double lower_peak_ratio = 0;
};

std::optional<HourLine> ParseHours(const std::string& out) {
  static const std::regex kLine(
      "envoyés par heure \\(UTC\\) / sent by hour \\(UTC\\): ([^|\n]*) \\| pointes / peaks: "
      "([0-9]{2})h ([0-9.]+) ×, ([0-9]{2})h ([0-9.]+) × l'heure moyenne de 06h à 18h / the mean "
      "hour from 06h to 18h");
  static const std::regex kShare("([0-9]{2})h (<1|[0-9]+) %");
  std::smatch match;
  if (!std::regex_search(out, match, kLine)) return std::nullopt;
  HourLine hours;
  hours.line = match[0].str();
  hours.peaks = {std::stoi(match[2].str()), std::stoi(match[4].str())};
  hours.lower_peak_ratio = std::stod(match[5].str());
  const std::string shares = match[1].str();
  for (auto it = std::sregex_iterator(shares.begin(), shares.end(), kShare);
       it != std::sregex_iterator(); ++it) {
    const double share = (*it)[2].str() == "<1" ? 0.0 : std::stod((*it)[2].str());
    hours.percent.at(static_cast<std::size_t>(std::stoi((*it)[1].str()))) = share;
    hours.percent_sum += share;
    hours.rounding += 0.5;
  }
  return hours;
}

RunResult RunLoadgen(const ServerProcess& server, const std::filesystem::path& state,
                     bool provision, const std::vector<std::string>& extra = {}) {
  const ClientOptions client = server.client();
  std::vector<std::string> argv = {MINEGATE_LOADGEN_BIN,
                                   "--server",
                                   "https://127.0.0.1:" + std::to_string(client.port),
                                   "--ca",
                                   client.ca_file,
                                   "--state",
                                   state.string(),
                                   "--minegatectl",
                                   MINEGATECTL_BIN,
                                   "--kiosks",
                                   "6",
                                   "--days",
                                   "56",
                                   "--persons",
                                   "40",
                                   "--fast",
                                   "--progress",
                                   "0.5"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  if (provision) {
    argv.push_back("--data-dir");
    argv.push_back(std::filesystem::path(server.database()).parent_path().string());
  }
  return RunToCompletion(argv, {}, std::chrono::minutes(3));
}

TEST(LoadgenTest, ProvisionsPlaysReportsAndResumesOnTheSameDevices) {
  std::string error;
  auto server = ServerProcess::Create(error);
  ASSERT_NE(server, nullptr) << error;
  TempDir dir("loadgen");
  const std::filesystem::path state = dir.path() / "state";

  const RunResult first = RunLoadgen(*server, state, /*provision=*/true);
  ASSERT_TRUE(first.status.Succeeded()) << first.out << first.err << server->Log();
  const auto one = ParseSummary(first.out);
  ASSERT_TRUE(one) << first.out;
  EXPECT_EQ(one->kiosks, 6u);
  EXPECT_EQ(one->enrolled, 6u);
  EXPECT_GT(one->events, 200u);
  EXPECT_EQ(one->acked, one->events);
  EXPECT_EQ(one->refused, 0u);
  EXPECT_EQ(one->mismatch, 0u);
  EXPECT_EQ(one->failed, 0u);
  // The figures a reader needs: progress while it ran, then throughput, latency, errors, the
  // default outage's catch-up (kiosk 5) and the reconcile.
  EXPECT_NE(first.out.find("jour / day"), std::string::npos) << first.out;
  EXPECT_TRUE(std::regex_search(first.out, std::regex("débit / throughput: [0-9]+ év./s")))
      << first.out;
  EXPECT_TRUE(std::regex_search(
      first.out, std::regex("per batch: p50 [0-9.]+ ms, p95 [0-9.]+ ms, p99 [0-9.]+ ms, max")))
      << first.out;
  EXPECT_NE(first.out.find("erreurs / errors: aucune / none"), std::string::npos) << first.out;
  EXPECT_TRUE(std::regex_search(first.out, std::regex("rattrapage / catch-up [a-z]+-[0-9]+: "
                                                      "[1-9][0-9]* événements")))
      << first.out;
  EXPECT_NE(first.out.find("rapprochement / reconcile: 6/6"), std::string::npos) << first.out;
  // What it sent by hour of the simulated day: trips gather at the shift changes (on by
  // default), whose first hours, 06h and 18h, each hold about a quarter of the trips' taps. A
  // registration's three or four events come at any gate hour and dilute that: with trips about
  // two events in three, each peak holds some 18 % of the events against 1/13 = 7.7 % for the
  // mean hour from 06h to 18h (where all of them are), about 2.3 times; 1.5 leaves a margin for
  // a small population's draws (tests/unit/population checks the generator's figures).
  const auto peaked = ParseHours(first.out);
  ASSERT_TRUE(peaked) << first.out;
  std::printf("%s\n", peaked->line.c_str());  // the load's shape, for whoever reads the log
  EXPECT_EQ(peaked->peaks, (std::set<int>{6, 18})) << peaked->line;
  EXPECT_GT(peaked->lower_peak_ratio, 1.5) << peaked->line;
  EXPECT_NEAR(peaked->percent_sum, 100.0, peaked->rounding) << peaked->line;

  // Every event it says were acknowledged is stored, once, and each device's sequence has no gap.
  auto acked = StateAcked(state);
  ASSERT_EQ(acked.size(), 6u) << ReadFile((state / "state.txt").string());
  auto stored = StoredByDevice(server->database());
  std::uint64_t total = 0;
  for (const auto& [device, seq] : acked) {
    SCOPED_TRACE(device);
    const Stored& s = stored[device];
    EXPECT_EQ(s.count, static_cast<std::int64_t>(seq));
    EXPECT_EQ(s.distinct_seq, s.count);
    EXPECT_EQ(s.distinct_id, s.count);
    EXPECT_EQ(s.highest, s.count);
    total += seq;
  }
  EXPECT_EQ(total, one->acked);
  const std::int64_t devices = CountDevices(server->database());
  EXPECT_EQ(devices, 6);

  // Again on the same state: the same devices, new events after the ones already stored.
  // Without the peaks this time: trips leave at any gate hour (from 07:00) and come back at any
  // hour, so 06h is a quiet hour rather than a peak.
  const RunResult second = RunLoadgen(*server, state, /*provision=*/false, {"--no-shift-peaks"});
  ASSERT_TRUE(second.status.Succeeded()) << second.out << second.err << server->Log();
  const auto flat = ParseHours(second.out);
  ASSERT_TRUE(flat) << second.out;
  std::printf("%s\n", flat->line.c_str());
  EXPECT_EQ(flat->peaks.count(6), 0u) << flat->line;
  EXPECT_LT(flat->lower_peak_ratio, peaked->lower_peak_ratio) << flat->line;
  EXPECT_LT(flat->percent[6], peaked->percent[6] / 2) << flat->line << "\n" << peaked->line;
  const auto two = ParseSummary(second.out);
  ASSERT_TRUE(two) << second.out;
  EXPECT_EQ(two->enrolled, 0u);
  EXPECT_GT(two->acked, 0u);
  EXPECT_EQ(two->acked, two->events);
  EXPECT_EQ(two->mismatch, 0u);
  EXPECT_NE(second.out.find("état repris / state resumed: 6"), std::string::npos) << second.out;
  EXPECT_EQ(CountDevices(server->database()), devices) << "a rerun enrolled new devices";
  const auto acked_again = StateAcked(state);
  stored = StoredByDevice(server->database());
  std::uint64_t added = 0;
  for (const auto& [device, seq] : acked_again) {
    SCOPED_TRACE(device);
    ASSERT_TRUE(acked.count(device)) << "a device the first run did not have";
    EXPECT_GT(seq, acked[device]) << "the sequence did not continue";
    added += seq - acked[device];
    const Stored& s = stored[device];
    EXPECT_EQ(s.count, static_cast<std::int64_t>(seq));
    EXPECT_EQ(s.distinct_seq, s.count);
    EXPECT_EQ(s.distinct_id, s.count);
    EXPECT_EQ(s.highest, s.count);
  }
  EXPECT_EQ(added, two->acked);
}

TEST(LoadgenTest, StateWithoutDataDirIsRefusedBeforeAnything) {
  std::string error;
  auto server = ServerProcess::Create(error);
  ASSERT_NE(server, nullptr) << error;
  TempDir dir("loadgen");
  const RunResult run = RunLoadgen(*server, dir.path() / "state", /*provision=*/false);
  EXPECT_EQ(run.status.exit_code, 2) << run.out << run.err;
  EXPECT_NE(run.err.find("--data-dir"), std::string::npos) << run.err;
  EXPECT_EQ(CountDevices(server->database()), 0);
}

TEST(SimulatedKioskWithKeyTest, EnrolsWithTheGivenKeyAndAuthenticatesWithIt) {
  std::string error;
  auto server = ServerProcess::Create(error);
  ASSERT_NE(server, nullptr) << error;
  const auto seed = population::KioskKeySeed(20261207, 3);
  auto key = credential::SigningKey::FromSeed(seed);
  ASSERT_TRUE(key);
  const auto public_key = key.value().public_key();
  SimulatedKiosk kiosk(server->client(), std::move(key).value());
  EXPECT_EQ(kiosk.key().public_key(), public_key);
  auto enrolled = kiosk.Enrol(server->NewEnrolmentCode());
  ASSERT_TRUE(enrolled) << server->Log();
  ASSERT_TRUE(kiosk.Connect()) << server->Log();
  auto ack = kiosk.SendAndWaitAck({kiosk.GatePassed(1)});
  ASSERT_TRUE(ack) << server->Log();
  EXPECT_EQ(ack.value().acked_seq(), 1u);

  // The same key from the same seed again signs for the device; another key does not.
  SimulatedKiosk again(server->client(), credential::SigningKey::FromSeed(seed).value());
  again.SetIdentity(enrolled.value().device_id(), enrolled.value().site_id(),
                    enrolled.value().gate_id());
  EXPECT_TRUE(again.Connect()) << server->Log();
  SimulatedKiosk other(
      server->client(),
      credential::SigningKey::FromSeed(population::KioskKeySeed(20261207, 4)).value());
  other.SetIdentity(enrolled.value().device_id(), enrolled.value().site_id(),
                    enrolled.value().gate_id());
  EXPECT_FALSE(other.Connect()) << "a key the device was not enrolled with authenticated";
  ASSERT_FALSE(other.pending().empty());
  ASSERT_TRUE(other.pending().front().has_error());
  EXPECT_EQ(other.pending().front().error().code(), v1::ERROR_CODE_BAD_SIGNATURE);
}

}  // namespace
}  // namespace minegate::test
