// Benchmark: tag placed on the reader -> TagPresented delivered to a connected
// client, through the PN532 emulator, real libnfc and minegate-bridge.
//
// A latency distribution across three processes is not what Google Benchmark
// measures (it times repeated calls in one process), so this is a plain
// program that prints its figures. Run: build/bench/bench_bridge_tap [taps]
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <numeric>
#include <string>
#include <thread>
#include <vector>

#include "proto/credential/issuer.hpp"
#include "proto/credential/person_token.hpp"
#include "proto/credential/signing_key.hpp"
#include "tests/support/bridge_harness.hpp"

namespace {

using namespace minegate;
using Clock = std::chrono::steady_clock;
constexpr std::chrono::milliseconds kWait{10'000};

double Percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  const auto rank = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
  return values[rank];
}

/// User + system CPU time of a process, in clock ticks (/proc/PID/stat fields 14, 15).
long CpuTicks(int pid) {
  std::FILE* file = std::fopen(("/proc/" + std::to_string(pid) + "/stat").c_str(), "r");
  if (file == nullptr) return -1;
  char buffer[1024] = {};
  const std::size_t size = std::fread(buffer, 1, sizeof(buffer) - 1, file);
  std::fclose(file);
  std::string stat(buffer, size);
  // Fields after the command name (which may contain spaces) start after ") ".
  std::size_t at = stat.rfind(") ");
  if (at == std::string::npos) return -1;
  at += 2;
  long fields[13] = {};
  for (int field = 3; field <= 15; ++field) {
    const std::size_t end = stat.find(' ', at);
    if (field >= 14) fields[field - 3] = std::atol(stat.substr(at, end - at).c_str());
    at = end + 1;
  }
  return fields[11] + fields[12];
}

double CpuPercent(int pid, std::chrono::seconds window) {
  const long before = CpuTicks(pid);
  std::this_thread::sleep_for(window);
  const long after = CpuTicks(pid);
  return 100.0 * static_cast<double>(after - before) / static_cast<double>(sysconf(_SC_CLK_TCK)) /
         static_cast<double>(window.count());
}

int Fail(const std::string& what, const test::BridgeHarness* harness) {
  std::fprintf(stderr, "bench_bridge_tap: %s\n%s\n", what.c_str(),
               harness != nullptr ? harness->BridgeLog().c_str() : "");
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  const int taps = argc > 1 ? std::max(1, std::atoi(argv[1])) : 200;
  const std::string uid_hex = "04A1B2C3D4E5F6";
  const std::string uid("\x04\xA1\xB2\xC3\xD4\xE5\xF6", 7);

  std::string error;
  auto harness = test::BridgeHarness::Start({"--tag", "ntag213:" + uid_hex}, error);
  if (!harness) return Fail(error, nullptr);
  auto client = harness->Connect();
  if (!client) return Fail("cannot connect to the bridge", harness.get());
  if (!client->WaitFor(bridge::IsTagPresented, kWait)) return Fail("no first tag", harness.get());

  // A real bracelet: the tag carries a signed credential, so each tap reads it all.
  auto key = credential::SigningKey::Generate().value();
  credential::CredentialFields fields;
  fields.person_token = credential::NewPersonToken().value();
  fields.site_id = 12;
  fields.issued_at_ms = 1'795'000'000'000;
  const std::vector<std::uint8_t> uid_bytes(uid.begin(), uid.end());
  const auto bytes = credential::Issue(fields, uid_bytes, key).value();
  v1::KioskMessage write;
  write.mutable_write_credential()->set_request_id(1);
  write.mutable_write_credential()->set_expected_uid(uid);
  write.mutable_write_credential()->set_credential(std::string(bytes.begin(), bytes.end()));
  client->Send(write);
  auto written =
      client->WaitFor([](const v1::BridgeMessage& m) { return m.has_write_result(); }, kWait);
  if (!written || written->write_result().outcome() != v1::WRITE_OUTCOME_OK) {
    return Fail("could not write the credential", harness.get());
  }

  std::vector<double> latency_ms;
  std::vector<double> libnfc_share;  // of the end-to-end latency
  std::vector<double> read_ms;       // selection -> message built, inside the bridge
  std::vector<double> read_share;    // of that read, inside libnfc
  for (int i = 0; i < taps; ++i) {
    if (harness->emulator().Control("remove").rfind("ok", 0) != 0) {
      return Fail("remove failed", harness.get());
    }
    if (!client->WaitFor(bridge::IsTagRemoved, kWait)) return Fail("no removal", harness.get());
    const auto placed = Clock::now();
    if (harness->emulator().Control("place ntag213 " + uid_hex).rfind("ok", 0) != 0) {
      return Fail("place failed", harness.get());
    }
    auto presented = client->WaitFor(bridge::IsTagPresented, kWait);
    const auto arrived = Clock::now();
    if (!presented || presented->tag_presented().credential_read() != v1::CREDENTIAL_READ_OK) {
      return Fail("tap " + std::to_string(i) + " not reported with its credential", harness.get());
    }
    const double ms = std::chrono::duration<double, std::milli>(arrived - placed).count();
    latency_ms.push_back(ms);
    read_ms.push_back(presented->tag_presented().read_micros() / 1000.0);
    libnfc_share.push_back(presented->tag_presented().libnfc_micros() / 1000.0 / ms);
    read_share.push_back(static_cast<double>(presented->tag_presented().libnfc_micros()) /
                         std::max(1u, presented->tag_presented().read_micros()));
  }

  const double mean_share = std::accumulate(libnfc_share.begin(), libnfc_share.end(), 0.0) /
                            static_cast<double>(libnfc_share.size());
  std::printf("bridge tap -> TagPresented over %d taps (NTAG213 with a 102-byte credential)\n",
              taps);
  std::printf("  latency ms: median %.1f  p95 %.1f  max %.1f\n", Percentile(latency_ms, 0.5),
              Percentile(latency_ms, 0.95), Percentile(latency_ms, 1.0));
  std::printf("  bridge read (select -> message) ms: median %.1f  p95 %.1f\n",
              Percentile(read_ms, 0.5), Percentile(read_ms, 0.95));
  std::printf("  share of latency inside libnfc calls: mean %.0f%%  median %.0f%%\n",
              100 * mean_share, 100 * Percentile(libnfc_share, 0.5));
  std::printf("  share of the bridge read inside libnfc calls: median %.0f%%\n",
              100 * Percentile(read_share, 0.5));
  std::printf(
      "  (the rest is the bridge's pause between polls of an empty field, --poll-ms,\n"
      "   and the socket hops)\n");
  std::printf("  target p95 <= 150 ms: %s\n",
              Percentile(latency_ms, 0.95) <= 150.0 ? "met" : "NOT met");

  // Idle cost: the bridge must never spin a core, with an empty field or unplugged.
  if (harness->emulator().Control("remove").rfind("ok", 0) != 0) return Fail("remove", nullptr);
  const double empty_field = CpuPercent(harness->bridge().pid(), std::chrono::seconds(5));
  if (harness->emulator().Control("unplug").rfind("ok", 0) != 0) return Fail("unplug", nullptr);
  const double unplugged = CpuPercent(harness->bridge().pid(), std::chrono::seconds(5));
  std::printf("  bridge CPU over 5 s: empty field %.1f%%  reader unplugged %.1f%% of one core\n",
              empty_field, unplugged);
  return 0;
}
