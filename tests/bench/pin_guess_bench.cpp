// What a stolen kiosk's PIN hashes cost to guess offline: the time of one
// Argon2id verification (crypto_pwhash_str_verify, what a guesser must run per
// PIN) at the kiosk-PIN cost and at libsodium's interactive cost, in the same
// run, and the size of the PIN space the policy leaves (admin::CheckPin).
// Prints figures; docs/PERFORMANCE.md and kiosk/README.md record them.
#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "server/admin/internal/password_hash.hpp"
#include "server/admin/pin_policy.hpp"

namespace {

double MedianVerifyMs(const std::string& hash, int runs) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    const auto start = std::chrono::steady_clock::now();
    // A wrong PIN: what nearly every guess is.
    if (crypto_pwhash_str_verify(hash.c_str(), "000001", 6) == 0) return -1;
    times.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

}  // namespace

int main() {
  if (sodium_init() < 0) return 1;
  std::size_t allowed = 0;
  for (int value = 0; value < 1'000'000; ++value) {
    char pin[7];
    std::snprintf(pin, sizeof pin, "%06d", value);
    if (minegate::server::admin::CheckPin(pin)) ++allowed;
  }
  std::printf("6-digit PINs the policy allows: %zu of 1000000 (%.1f %% refused)\n", allowed,
              100.0 * static_cast<double>(1'000'000 - allowed) / 1e6);

  const auto pin_hash = minegate::server::admin::internal::HashPin("482915").value();
  char interactive[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(interactive, "482915", 6, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return 1;
  }
  constexpr int kRuns = 9;
  const double pin_ms = MedianVerifyMs(pin_hash, kRuns);
  const double interactive_ms = MedianVerifyMs(interactive, kRuns);
  // "$argon2id$v=19$m=131072,t=3,p=1$salt$hash": the parameters, not the salt or the hash.
  std::size_t end = 0;
  for (int dollars = 0; dollars < 3 && end != std::string::npos; ++dollars) {
    end = pin_hash.find('$', end + 1);
  }
  std::printf("kiosk PIN hash parameters: %s\n", pin_hash.substr(0, end).c_str());
  std::printf("one guess, kiosk PIN cost: median %.1f ms (%d runs)\n", pin_ms, kRuns);
  std::printf("one guess, interactive cost: median %.1f ms (%d runs); ratio %.2f\n", interactive_ms,
              kRuns, pin_ms / interactive_ms);
  const double all_hours = static_cast<double>(allowed) * pin_ms / 3.6e6;
  std::printf(
      "every allowed 6-digit PIN of ONE agent on one core: %.1f h (%.1f days); "
      "half of that on average\n",
      all_hours, all_hours / 24);
  std::printf("the same at the interactive cost: %.1f h\n",
              static_cast<double>(allowed) * interactive_ms / 3.6e6);
  return 0;
}
