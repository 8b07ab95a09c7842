// Benchmark: what CloneWatch (server/security) costs the writer. A server database with S located
// sites spread over the Kédougou region, a kiosk and a gate at each, and a history of H bracelets
// each tapped T times over 30 days; then M new valid taps of those bracelets (random sites, the
// last day), stored through the real EventStore in batches of 50, 20 batches per transaction as
// the writer groups them when busy, once with CloneWatch observing and once without, each on a
// fresh copy of the same database, in the order off, on, on, off. Prints taps per second, the
// cost per tap, and how many security events the taps raised.
//
// Run: build/bench/bench_clone_watch [sites] [bracelets] [taps_per_bracelet] [new_taps]
//      (default 300 20000 6 20000)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "db/connection.hpp"
#include "db/query.hpp"
#include "db/transaction.hpp"
#include "server/admin/site_registry.hpp"
#include "server/ingest/event_store.hpp"
#include "server/security/clone_watch.hpp"
#include "server/store/open_store.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

using namespace minegate;
using Clock = std::chrono::steady_clock;

constexpr std::int64_t kNow = 1'796'000'000'000;
constexpr std::int64_t kDay = 86'400'000;
constexpr std::size_t kBatch = 50;
constexpr std::size_t kBatchesPerTransaction = 20;

void Die(const char* what, const boost::system::error_code& error) {
  std::fprintf(stderr, "%s: %s\n", what, error.message().c_str());
  std::exit(1);
}

std::string Uid(std::uint32_t bracelet) {
  std::string uid = "\x04\xB0";
  for (int i = 3; i >= 0; --i) uid.push_back(static_cast<char>(bracelet >> (8 * i)));
  uid.push_back('\x01');
  return uid;
}

/// A valid tap of `bracelet` at `site` (its kiosk's `seq`-th event) at `at`.
v1::Event Tap(std::uint32_t site, std::uint64_t seq, std::uint32_t bracelet, std::int64_t at) {
  v1::Event event;
  std::string id(16, '\0');
  for (int i = 0; i < 4; ++i) id[static_cast<std::size_t>(i)] = static_cast<char>(site >> (8 * i));
  for (int i = 0; i < 8; ++i)
    id[static_cast<std::size_t>(15 - i)] = static_cast<char>(seq >> (8 * i));
  id[6] = static_cast<char>(0x70);
  id[8] = static_cast<char>(0x80);
  event.set_event_id(id);
  event.set_device_id("k-" + std::to_string(site));
  event.set_device_seq(seq);
  event.set_occurred_at_ms(at);
  event.set_site_id(site);
  event.set_gate_id(site);
  event.set_agent_id("agent");
  auto* gate = event.mutable_gate_passed();
  gate->set_direction(v1::DIRECTION_IN);
  gate->set_tag_uid(Uid(bracelet));
  gate->set_verification(v1::VERIFICATION_VALID);
  gate->set_person_token(std::string(16, '\x42'));
  return event;
}

/// Stores `taps` (each kiosk's in order) in batches of one kiosk each, kBatchesPerTransaction
/// batches per transaction; returns the seconds it took.
double Store(db::Connection& connection, server::EventStore& store,
             const std::vector<v1::Event>& taps) {
  // Batches come from one kiosk: group each kiosk's taps, in the order given.
  std::map<std::string, std::vector<v1::Event>> by_kiosk;
  for (const v1::Event& tap : taps) by_kiosk[tap.device_id()].push_back(tap);
  std::vector<server::IncomingBatch> batches;
  for (auto& [device, events] : by_kiosk) {
    for (std::size_t at = 0; at < events.size(); at += kBatch) {
      server::IncomingBatch batch;
      batch.device_id = device;
      batch.received_at_ms = kNow;
      batch.events.assign(
          events.begin() + static_cast<std::ptrdiff_t>(at),
          events.begin() + static_cast<std::ptrdiff_t>(std::min(events.size(), at + kBatch)));
      batches.push_back(std::move(batch));
    }
  }
  std::shuffle(batches.begin(), batches.end(), std::mt19937(7));  // kiosks interleave
  const auto start = Clock::now();
  for (std::size_t at = 0; at < batches.size(); at += kBatchesPerTransaction) {
    auto transaction = db::Transaction::Begin(connection, db::Transaction::Mode::kImmediate);
    if (!transaction) Die("begin", transaction.error());
    for (std::size_t b = at; b < std::min(batches.size(), at + kBatchesPerTransaction); ++b) {
      auto stored = store.Append(batches[b]);
      if (!stored) Die("append", stored.error());
    }
    if (auto committed = transaction.value().Commit(); !committed) Die("commit", committed.error());
  }
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  const auto arg = [&](int i, long fallback) { return argc > i ? std::atol(argv[i]) : fallback; };
  const auto sites = static_cast<std::uint32_t>(arg(1, 300));
  const auto bracelets = static_cast<std::uint32_t>(arg(2, 20'000));
  const auto per_bracelet = static_cast<std::uint32_t>(arg(3, 6));
  const auto new_taps = static_cast<std::size_t>(arg(4, 20'000));
  test::TempDir dir("clonebench");
  const std::filesystem::path base = dir.path() / "base.db";
  std::mt19937 random(2026);
  std::vector<std::uint64_t> seqs(sites + 1, 0);
  {
    auto opened = server::OpenStore(base);
    if (!opened) Die("open", opened.error());
    db::Connection& connection = opened.value();
    std::uniform_real_distribution<double> latitude(12.3, 13.2), longitude(-12.8, -11.3);
    auto transaction = db::Transaction::Begin(connection, db::Transaction::Mode::kImmediate);
    if (!transaction) Die("begin", transaction.error());
    server::admin::SiteRegistry registry(connection);
    for (std::uint32_t site = 1; site <= sites; ++site) {
      const std::string id = std::to_string(site);
      auto added = db::Execute(connection,
                               "INSERT INTO sites (site_id, name, department, created_at_ms) "
                               "VALUES (?1, 'site ' || ?1, 'kedougou', 0)",
                               static_cast<std::int64_t>(site));
      if (!added) Die("site", added.error());
      if (!db::Execute(connection,
                       "INSERT INTO gates (gate_id, site_id, name, created_at_ms) VALUES (?1, ?1, "
                       "'porte', 0)",
                       static_cast<std::int64_t>(site))) {
        std::exit(1);
      }
      if (!db::Execute(connection,
                       "INSERT INTO devices (device_id, site_id, created_at_ms) VALUES (?1, ?2, 0)",
                       "k-" + id, static_cast<std::int64_t>(site))) {
        std::exit(1);
      }
      if (!registry.SetLocation(site, latitude(random), longitude(random))) std::exit(1);
    }
    if (!transaction.value().Commit()) std::exit(1);
    // The history: each bracelet at its home site and a neighbour's, over 30 days (no observer:
    // only the rows matter here).
    auto store = server::EventStore::Create(connection);
    if (!store) Die("store", store.error());
    std::vector<v1::Event> history;
    std::uniform_int_distribution<std::uint32_t> any_site(1, sites);
    std::uniform_int_distribution<std::int64_t> in_month(kNow - 31 * kDay, kNow - kDay);
    for (std::uint32_t bracelet = 1; bracelet <= bracelets; ++bracelet) {
      const std::uint32_t home = any_site(random);
      for (std::uint32_t tap = 0; tap < per_bracelet; ++tap) {
        const std::uint32_t site = tap % 3 == 2 ? any_site(random) : home;
        history.push_back(Tap(site, ++seqs[site], bracelet, in_month(random)));
      }
    }
    const double seconds = Store(connection, *store.value(), history);
    std::printf("history: %u sites, %zu taps of %u bracelets stored in %.1f s\n", sites,
                history.size(), bracelets, seconds);
  }
  // The new taps: the last day, each bracelet at a random site (some of them far from the
  // bracelet's last site: those raise events).
  std::vector<v1::Event> fresh;
  std::uniform_int_distribution<std::uint32_t> any_site(1, sites), any_bracelet(1, bracelets);
  std::uniform_int_distribution<std::int64_t> in_day(kNow - kDay, kNow);
  for (std::size_t i = 0; i < new_taps; ++i) {
    const std::uint32_t site = any_site(random);
    fresh.push_back(Tap(site, ++seqs[site], any_bracelet(random), in_day(random)));
  }

  double seconds[2] = {0, 0};
  std::int64_t events = 0;
  int run = 0;
  for (const bool on : {false, true, true, false}) {
    const std::filesystem::path copy = dir.path() / ("run-" + std::to_string(++run) + ".db");
    std::filesystem::copy_file(base, copy);
    auto opened = server::OpenStore(copy);
    if (!opened) Die("open", opened.error());
    std::vector<server::EventObserverFactory> observers;
    if (on) observers.push_back(server::security::CloneWatchFactory());
    auto store = server::EventStore::Create(opened.value(), observers);
    if (!store) Die("store", store.error());
    const double taken = Store(opened.value(), *store.value(), fresh);
    seconds[on ? 1 : 0] += taken;
    auto raised = db::QueryOne(opened.value(), "SELECT count(*) FROM security_events",
                               [](const db::Statement& row) { return row.ColumnInt64(0); });
    if (on && raised) events = raised.value();
    std::printf("run %d (CloneWatch %s): %zu taps in %.2f s, %.0f taps/s\n", run,
                on ? "on " : "off", fresh.size(), taken, static_cast<double>(fresh.size()) / taken);
  }
  const double off = static_cast<double>(2 * fresh.size()) / seconds[0];
  const double on = static_cast<double>(2 * fresh.size()) / seconds[1];
  std::printf(
      "CloneWatch off %.0f taps/s, on %.0f taps/s: ratio %.3f, %.1f us more per tap; %lld "
      "security events raised by %zu taps\n",
      off, on, on / off, (seconds[1] - seconds[0]) / static_cast<double>(2 * fresh.size()) * 1e6,
      static_cast<long long>(events), fresh.size());
  return 0;
}
