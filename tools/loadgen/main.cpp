// minegate-loadgen: simulated kiosks send a generated Kédougou region's traffic to a running
// minegate-server over the real sync protocol, and say what the server sustained. README.md.
#include <sys/stat.h>

#include <cstdio>
#include <iostream>
#include <thread>

#include "base/clock.hpp"
#include "tools/loadgen/kiosk_runner.hpp"
#include "tools/loadgen/layout.hpp"
#include "tools/loadgen/options.hpp"
#include "tools/loadgen/provision.hpp"
#include "tools/loadgen/scenario.hpp"
#include "tools/loadgen/state.hpp"

namespace {

using namespace minegate;
using namespace minegate::loadgen;

constexpr std::int64_t kHourMs = 3'600'000;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;

/// Fast: once every kiosk has everything it recorded up to now acknowledged (or is offline, or
/// done), the clock moves to the next hour in which a kiosk records something or an outage
/// begins or ends.
void AdvanceIfIdle(SimClock& clock, const std::vector<std::unique_ptr<KioskRunner>>& runners) {
  const std::int64_t now = clock.Now();
  std::int64_t next = std::numeric_limits<std::int64_t>::max();
  for (const auto& runner : runners) {
    if (runner->done()) continue;
    if (runner->idle_at() < now) return;
    next = std::min(next, runner->next_event_ms());
    for (const OfflineWindow& window : runner->plan().offline) {
      if (window.from_ms > now) next = std::min(next, window.from_ms);
      if (window.until_ms > now) next = std::min(next, window.until_ms);
    }
  }
  if (next == std::numeric_limits<std::int64_t>::max()) return;
  clock.Advance(std::max(now + kHourMs, next));
}

void PrintProgress(const SimClock& clock, std::int64_t start_ms, LoadStats& stats,
                   const std::vector<std::unique_ptr<KioskRunner>>& runners) {
  const std::int64_t now = clock.Now();
  const std::int64_t day = (now - start_ms) / (24 * kHourMs) + 1;
  const std::int64_t hour = (now - start_ms) % (24 * kHourMs) / kHourMs;
  std::size_t offline = 0;
  for (const auto& runner : runners) {
    if (runner->offline()) ++offline;
  }
  const LoadStats::Interval interval = stats.TakeInterval();
  char p99[32] = "-";
  if (interval.p99_ms) std::snprintf(p99, sizeof p99, "%.1f ms", *interval.p99_ms);
  std::printf(
      "jour / day %lld %02lld:00 | envoyés / sent %llu | acquittés / acked %llu | %.0f év./s / "
      "ev/s | p99 %s | erreurs / errors %llu | hors ligne / offline %zu\n",
      static_cast<long long>(day), static_cast<long long>(hour),
      static_cast<unsigned long long>(interval.sent),
      static_cast<unsigned long long>(interval.acked), interval.events_per_second, p99,
      static_cast<unsigned long long>(interval.errors), offline);
  std::fflush(stdout);
}

int Run(const LoadOptions& options) {
  const std::filesystem::path state_dir = options.state_dir;
  std::error_code ec;
  std::filesystem::create_directories(state_dir, ec);
  ::chmod(state_dir.c_str(), 0700);
  test::ClientOptions client;
  client.address = options.address;
  client.port = options.port;
  client.ca_file = options.ca_file;
  client.verify_name = options.address;
  client.timeout = std::chrono::seconds(10);

  std::string error;
  std::optional<LoadState> state = ReadState(state_dir, error);
  if (!error.empty()) {
    std::fprintf(stderr, "%s\n", error.c_str());
    return kExitUsage;
  }
  std::size_t enrolled = 0;
  if (!state) {
    if (options.data_dir.empty()) {
      std::fprintf(stderr,
                   "aucun état dans %s : --data-dir est requis pour inscrire la flotte / no state "
                   "in %s: --data-dir is required to provision the fleet\n",
                   state_dir.c_str(), state_dir.c_str());
      return kExitUsage;
    }
    std::printf(
        "inscription de %zu bornes / provisioning %zu kiosks (%zu région(s) / "
        "region(s))\n",
        options.kiosks, options.kiosks, RegionCount(options.kiosks));
    LoadState fresh;
    if (!ProvisionFleet(options, client, fresh, std::cout, error) ||
        !WriteState(state_dir, fresh, error)) {
      std::fprintf(stderr, "%s\n", error.c_str());
      return kExitFailed;
    }
    enrolled = fresh.kiosks.size();
    state = std::move(fresh);
  } else {
    std::printf("état repris / state resumed: %zu bornes / kiosks, %zu exécution(s) / run(s)\n",
                state->kiosks.size(), state->runs);
  }

  const auto scenario = BuildScenario(options, *state, base::NowMs(), error);
  if (!scenario) {
    std::fprintf(stderr, "%s\n", error.c_str());
    return kExitFailed;
  }
  std::printf(
      "scénario / scenario: %s -> %s, %d jours / days, %zu personnes / persons, %zu "
      "événements / events, %s\n",
      base::FormatUtcMs(scenario->start_ms).c_str(), base::FormatUtcMs(scenario->end_ms).c_str(),
      options.days, scenario->persons, scenario->events,
      options.fast ? "--fast" : ("x" + std::to_string(options.speed)).c_str());
  std::fflush(stdout);

  SimClock clock(scenario->start_ms, options.speed, options.fast);
  LoadStats stats;
  RunnerSettings settings;
  settings.batch = options.batch;
  settings.window = options.window;
  settings.ack_timeout = std::chrono::seconds(options.ack_timeout_seconds);
  settings.give_up = std::chrono::seconds(options.give_up_seconds);
  std::vector<std::unique_ptr<KioskRunner>> runners;
  for (std::size_t index = 0; index < state->kiosks.size(); ++index) {
    const KioskRecord& record = state->kiosks[index];
    auto kiosk = std::make_unique<test::SimulatedKiosk>(client, KioskKey(state->seed, index));
    kiosk->SetIdentity(record.device_id, record.site_id, record.gate_id);
    runners.push_back(std::make_unique<KioskRunner>(scenario->kiosks[index], std::move(kiosk),
                                                    clock, stats, settings));
  }
  std::vector<std::thread> threads;
  for (auto& runner : runners) threads.emplace_back([&runner] { runner->Run(); });

  const auto progress_every = std::chrono::duration<double>(options.progress_seconds);
  auto last_progress = std::chrono::steady_clock::now();
  for (;;) {
    const bool all_done = std::all_of(runners.begin(), runners.end(),
                                      [](const auto& runner) { return runner->done(); });
    if (all_done) break;
    if (options.fast) AdvanceIfIdle(clock, runners);
    if (std::chrono::steady_clock::now() - last_progress >= progress_every) {
      PrintProgress(clock, scenario->start_ms, stats, runners);
      last_progress = std::chrono::steady_clock::now();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(options.fast ? 1 : 20));
  }
  for (auto& thread : threads) thread.join();
  PrintProgress(clock, scenario->start_ms, stats, runners);

  // Both sides' counts: what each kiosk had acknowledged, and what the server says it holds.
  std::size_t mismatches = 0;
  std::size_t failed = 0;
  std::uint64_t acked_this_run = 0;
  for (std::size_t index = 0; index < runners.size(); ++index) {
    KioskRunner& runner = *runners[index];
    if (runner.failed()) {
      ++failed;
      std::printf("ÉCHEC / FAILED: %s\n", runner.failure().c_str());
    }
    acked_this_run += runner.acked_seq() - runner.base_seq();
    state->kiosks[index].acked_seq = runner.acked_seq();
    auto report = runner.kiosk().Reconcile();
    const bool equal = report && report.value().event_count() == runner.acked_seq() &&
                       report.value().highest_seq() == runner.acked_seq() &&
                       report.value().contiguous_seq() == runner.acked_seq();
    if (!equal) {
      ++mismatches;
      std::printf(
          "rapprochement DIFFÉRENT / reconcile DIFFERS %s: borne / kiosk %llu, serveur / "
          "server %s\n",
          state->kiosks[index].device_id.c_str(),
          static_cast<unsigned long long>(runner.acked_seq()),
          report ? std::to_string(report.value().event_count()).c_str()
                 : report.error().message().c_str());
    }
  }
  ++state->runs;
  if (!WriteState(state_dir, *state, error)) {
    std::fprintf(stderr, "%s\n", error.c_str());
    ++failed;
  }
  const LoadStats::Summary summary = stats.Summarize();
  std::cout << "--- bilan / summary ---\n";
  PrintSummary(summary, std::cout);
  std::printf(
      "rapprochement / reconcile: %zu/%zu bornes égales des deux côtés / kiosks equal "
      "on both sides\n",
      runners.size() - mismatches, runners.size());
  std::printf(
      "loadgen: kiosks=%zu enrolled=%zu events=%zu acked=%llu refused=%llu "
      "reconcile_mismatch=%zu failed_kiosks=%zu\n",
      runners.size(), enrolled, scenario->events, static_cast<unsigned long long>(acked_this_run),
      static_cast<unsigned long long>(summary.refused), mismatches, failed);
  std::fflush(stdout);
  return summary.refused == 0 && mismatches == 0 && failed == 0 ? 0 : kExitFailed;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    LoadOptions options;
    std::string text;
    switch (ParseLoadOptions(std::vector<std::string>(argv + 1, argv + argc), options, text)) {
      case Parsed::help:
      case Parsed::version:
        std::printf("%s", text.c_str());
        return 0;
      case Parsed::error:
        std::fprintf(stderr, "%s\n", text.c_str());
        return kExitUsage;
      case Parsed::run:
        break;
    }
    return Run(options);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "minegate-loadgen : %s\n", e.what());
    return kExitFailed;
  }
}
