// What an official's sign-in costs the server: the time and memory of one Argon2id verification
// (crypto_pwhash_str_verify, run once per sign-in and once per failed attempt, for unknown ids
// too) at the cost the server uses (server/admin/internal/password_hash) and at OWASP's two
// minimum settings, and how many sign-ins per second one and two worker threads clear (a burst
// of officials signing in at the start of the day); then a whole auth::SessionService::SignIn
// on a real database file (the verification plus its durable commit: the session, or the
// throttle's count of a failure). Prints figures; docs/PERFORMANCE.md records them.
//
// Memory is the growth of the process's peak resident set (VmHWM, reset through
// /proc/self/clear_refs before each measure): what one verification really touches, not the
// parameter it was given.
#include <sodium.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "server/admin/internal/password_hash.hpp"
#include "server/admin/user_registry.hpp"
#include "server/auth/session_service.hpp"
#include "server/store/open_store.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

constexpr char kPassword[] = "correct horse battery";
constexpr char kWrongPassword[] = "correct horse battery!";

struct Cost {
  const char* name;
  unsigned long long opslimit;
  std::size_t memlimit;
};

/// The kilobytes of a /proc/self/status line ("VmHWM:   123456 kB"), or -1.
long StatusKb(const std::string& key) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(key + ":", 0) == 0) return std::stol(line.substr(key.size() + 1));
  }
  return -1;
}

/// Resets VmHWM to the current resident set (Linux 4.0+); false when refused.
bool ResetPeak() {
  std::ofstream clear("/proc/self/clear_refs");
  clear << "5";
  return static_cast<bool>(clear.flush());
}

double MedianVerifyMs(const std::string& hash, int runs) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    const auto start = std::chrono::steady_clock::now();
    // A wrong password: the failed attempts an attacker sends, and the refusals that must take
    // as long as a success.
    if (crypto_pwhash_str_verify(hash.c_str(), kWrongPassword, sizeof kWrongPassword - 1) == 0) {
      return -1;
    }
    times.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

/// Peak resident growth of one verification, in MiB.
double VerifyPeakMiB(const std::string& hash) {
  if (!ResetPeak()) return -1;
  const long before = StatusKb("VmHWM");
  const bool matched = crypto_pwhash_str_verify(hash.c_str(), kPassword, sizeof kPassword - 1) == 0;
  const long after = StatusKb("VmHWM");
  return matched ? static_cast<double>(after - before) / 1024.0 : -1;
}

/// Sign-ins per second when `threads` workers verify `per_thread` passwords each at once.
double VerifiesPerSecond(const std::string& hash, int threads, int per_thread) {
  std::atomic<int> failures{0};
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&hash, per_thread, &failures] {
      for (int i = 0; i < per_thread; ++i) {
        if (crypto_pwhash_str_verify(hash.c_str(), kPassword, sizeof kPassword - 1) != 0) {
          ++failures;
        }
      }
    });
  }
  for (auto& worker : workers) worker.join();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return failures == 0 ? threads * per_thread / seconds : -1;
}

/// "$argon2id$v=19$m=65536,t=2,p=1": the parameters of a stored string, not its salt or hash.
std::string Parameters(const std::string& hash) {
  std::size_t end = 0;
  for (int dollars = 0; dollars < 3 && end != std::string::npos; ++dollars) {
    end = hash.find('$', end + 1);
  }
  return hash.substr(0, end);
}

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

/// Median milliseconds of SessionService::SignIn, accepted and refused, on a fresh database.
bool MeasureSignIn(int runs) {
  using namespace minegate;
  test::TempDir dir("sign-in-bench");
  if (!dir.ok()) return false;
  auto connection = server::OpenStore(dir.path() / "minegate.db");
  if (!connection) return false;
  if (!server::admin::UserRegistry(connection.value())
           .AddUser("awa.diallo", "Awa Diallo", server::admin::Role::kBorderPolice, kPassword)) {
    return false;
  }
  server::auth::SessionService sessions(connection.value());
  std::vector<double> accepted;
  std::vector<double> refused;
  for (int i = 0; i < runs; ++i) {
    // A fresh id and address per refusal, so that the throttle never locks (a locked attempt
    // costs no verification and would flatter the figure).
    const std::string address = "10.0." + std::to_string(i) + ".1";
    auto start = std::chrono::steady_clock::now();
    if (!sessions.SignIn("awa.diallo", kPassword, address)) return false;
    accepted.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count());
    start = std::chrono::steady_clock::now();
    if (sessions.SignIn("nobody." + std::to_string(i), kPassword, address + "0")) return false;
    refused.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count());
  }
  std::printf(
      "SessionService::SignIn on a database file: accepted median %.1f ms, refused "
      "(unknown id) median %.1f ms (%d runs each)\n",
      Median(accepted), Median(refused), runs);
  return true;
}

}  // namespace

int main() {
  if (sodium_init() < 0) return 1;
  const auto server_hash = minegate::server::admin::internal::HashSecret(kPassword);
  if (!server_hash) return 1;
  std::printf("server password hash parameters: %s\n", Parameters(server_hash.value()).c_str());

  // Smallest memory first, so that each peak measure starts below the next one's.
  const Cost costs[] = {
      {"OWASP m=19 MiB t=2", 2, 19u * 1024 * 1024},
      {"OWASP m=46 MiB t=1", 1, 46u * 1024 * 1024},
      {"libsodium interactive m=64 MiB t=2", crypto_pwhash_OPSLIMIT_INTERACTIVE,
       crypto_pwhash_MEMLIMIT_INTERACTIVE},
  };
  constexpr int kRuns = 9;
  constexpr int kBurstPerThread = 8;
  std::printf("%-36s %12s %10s %14s %14s\n", "cost", "verify ms", "peak MiB", "1 thread /s",
              "2 threads /s");
  for (const Cost& cost : costs) {
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, kPassword, sizeof kPassword - 1, cost.opslimit, cost.memlimit) !=
        0) {
      return 1;
    }
    const std::string text(hash);
    const double peak = VerifyPeakMiB(text);
    const double ms = MedianVerifyMs(text, kRuns);
    const double one = VerifiesPerSecond(text, 1, kBurstPerThread);
    const double two = VerifiesPerSecond(text, 2, kBurstPerThread);
    std::printf("%-36s %12.1f %10.1f %14.1f %14.1f\n", cost.name, ms, peak, one, two);
  }
  std::printf(
      "(verify ms: median of %d wrong-password verifications; /s: %d verifications per "
      "thread, all threads at once)\n",
      kRuns, kBurstPerThread);
  std::printf("server cost, median verify: %.1f ms\n", MedianVerifyMs(server_hash.value(), kRuns));
  return MeasureSignIn(kRuns) ? 0 : 1;
}
