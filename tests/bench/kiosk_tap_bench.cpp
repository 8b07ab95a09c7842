// Benchmark: bracelet placed on the reader -> event committed by the kiosk ->
// result on the kiosk's page, through the PN532 emulator, real libnfc,
// minegate-bridge, minegate-kiosk (SQLite, synchronous=FULL) and its
// WebSocket, with minegate-server syncing alongside as in the field.
//
// A second client on the bridge sees the same taps, so each tap is split, in
// the same run, into the bridge's part (placed -> TagPresented) and the
// kiosk's (TagPresented -> TapOutcome on the page). Then the kiosk's resident
// memory after many taps.
//
// Run: build/bench/bench_kiosk_tap [latency_taps=200] [memory_taps=10000]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "tests/support/kiosk_chain.hpp"

namespace {

using namespace minegate;
using Clock = std::chrono::steady_clock;
constexpr std::chrono::milliseconds kWait{10'000};
const std::string kUidHex = "04A1B2C3D4E5F6";

double Percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  const auto rank = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
  return values[rank];
}

/// A "VmRSS:"-style line of /proc/PID/status, in MiB.
double StatusMiB(int pid, const std::string& field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field + ":", 0) == 0) return std::stod(line.substr(field.size() + 1)) / 1024.0;
  }
  return -1;
}

int Fail(const std::string& what, const test::KioskChain* chain) {
  std::fprintf(stderr, "bench_kiosk_tap: %s\n%s\n", what.c_str(),
               chain != nullptr ? chain->Diagnostics().c_str() : "");
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  const int latency_taps = argc > 1 ? std::max(1, std::atoi(argv[1])) : 200;
  const int memory_taps = argc > 2 ? std::max(0, std::atoi(argv[2])) : 10'000;
  std::string error;
  auto chain = test::KioskChain::Start(error);
  if (!chain) return Fail(error, nullptr);
  if (!chain->SignIn()) return Fail("sign-in refused", chain.get());
  auto registered = chain->Register(kUidHex, "Mariama");
  if (!registered || registered->result() != v1::TAP_RESULT_REGISTERED) {
    return Fail("registration failed", chain.get());
  }
  if (!chain->SetMode(v1::KIOSK_MODE_GATE)) return Fail("gate mode refused", chain.get());
  auto observer = chain->bridge().Connect();
  if (!observer) return Fail("cannot connect to the bridge", chain.get());
  auto& emulator = chain->bridge().emulator();
  const int kiosk_pid = chain->kiosk().process().pid();
  // Whatever the bridge sent before this client's first tap (the registration's
  // presentation) is not a measurement: only newer presentations count.
  std::uint64_t last_presentation = 0;
  while (auto early = observer->Next(std::chrono::milliseconds(300))) {
    if (early->has_tag_presented()) {
      last_presentation = std::max(last_presentation, early->tag_presented().presentation_id());
    }
  }

  std::vector<double> total_ms, bridge_ms, kiosk_ms;
  for (int i = 0; i < latency_taps; ++i) {
    const auto placed = Clock::now();
    if (emulator.Control("place ntag213 " + kUidHex).rfind("ok", 0) != 0) {
      return Fail("place failed", chain.get());
    }
    auto presented = observer->WaitFor(
        [&](const v1::BridgeMessage& m) {
          return m.has_tag_presented() && m.tag_presented().presentation_id() > last_presentation;
        },
        kWait);
    const auto seen_by_bridge = Clock::now();
    auto outcome = chain->page().NextTap(kWait);
    const auto on_page = Clock::now();
    if (!presented || !outcome || outcome->result() != v1::TAP_RESULT_ACCEPTED ||
        !outcome->recorded()) {
      return Fail("tap " + std::to_string(i) + " not accepted and recorded", chain.get());
    }
    last_presentation = presented->tag_presented().presentation_id();
    if (outcome->presentation_id() != last_presentation) {
      return Fail("the page and the bridge client saw different taps", chain.get());
    }
    total_ms.push_back(std::chrono::duration<double, std::milli>(on_page - placed).count());
    bridge_ms.push_back(std::chrono::duration<double, std::milli>(seen_by_bridge - placed).count());
    kiosk_ms.push_back(std::chrono::duration<double, std::milli>(on_page - seen_by_bridge).count());
    if (emulator.Control("remove").rfind("ok", 0) != 0) return Fail("remove", chain.get());
    if (!observer->WaitFor(bridge::IsTagRemoved, kWait)) return Fail("no removal", chain.get());
  }
  const double rss_after_latency = StatusMiB(kiosk_pid, "VmRSS");

  std::printf("kiosk tap -> committed -> result on the page, over %d taps (NTAG213 bracelet)\n",
              latency_taps);
  std::printf("  end to end ms:            median %.1f  p95 %.1f  max %.1f\n",
              Percentile(total_ms, 0.5), Percentile(total_ms, 0.95), Percentile(total_ms, 1.0));
  std::printf("  bridge (placed -> TagPresented) ms: median %.1f  p95 %.1f\n",
              Percentile(bridge_ms, 0.5), Percentile(bridge_ms, 0.95));
  std::printf(
      "  kiosk (TagPresented -> verified, committed, on the page) ms: median %.1f  p95 %.1f\n",
      Percentile(kiosk_ms, 0.5), Percentile(kiosk_ms, 0.95));
  std::printf("  kiosk share of the end-to-end median: %.0f%%\n",
              100.0 * Percentile(kiosk_ms, 0.5) / Percentile(total_ms, 0.5));
  std::printf("  target p95 <= 250 ms: %s\n",
              Percentile(total_ms, 0.95) <= 250.0 ? "met" : "NOT met");

  if (memory_taps > 0) {
    for (int i = 0; i < memory_taps; ++i) {
      auto outcome = chain->Tap(kUidHex);
      if (!outcome || !outcome->recorded()) {
        return Fail("memory tap " + std::to_string(i) + " not recorded", chain.get());
      }
      if (!observer->WaitFor(bridge::IsTagRemoved, kWait)) return Fail("no removal", chain.get());
    }
    const double rss = StatusMiB(kiosk_pid, "VmRSS");
    const double peak = StatusMiB(kiosk_pid, "VmHWM");
    std::printf(
        "kiosk resident memory: %.1f MiB after %d taps, %.1f MiB after %d more "
        "(peak %.1f MiB)\n",
        rss_after_latency, latency_taps + 1, rss, memory_taps, peak);
    std::printf("  target <= 60 MB after 10,000 taps: %s\n",
                memory_taps >= 10'000 ? (rss * 1.048576 <= 60.0 ? "met" : "NOT met")
                                      : "not measured (fewer taps)");
  }
  return 0;
}
