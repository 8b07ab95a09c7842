#include "server/admin/pin_policy.hpp"

#include <algorithm>
#include <charconv>

namespace minegate::server::admin {
namespace {

bool IsDigits(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// Every digit `step` more than the one before (0 repeats one digit).
bool Steps(std::string_view pin, int step) {
  for (std::size_t i = 1; i < pin.size(); ++i) {
    if (pin[i] - pin[i - 1] != step) return false;
  }
  return true;
}

/// The PIN is a shorter block (of 2 or 3 digits) written again and again.
bool RepeatsABlock(std::string_view pin) {
  for (std::size_t period = 2; period <= 3; ++period) {
    if (pin.size() % period != 0) continue;
    bool repeats = true;
    for (std::size_t i = period; i < pin.size() && repeats; ++i)
      repeats = pin[i] == pin[i - period];
    if (repeats) return true;
  }
  return false;
}

bool IsYear(std::string_view four) {
  int year = 0;
  std::from_chars(four.data(), four.data() + four.size(), year);
  return year >= 1930 && year <= 2039;
}

}  // namespace

Result<void> CheckPin(std::string_view pin) {
  if (pin.size() < kMinPinDigits || pin.size() > kMaxPinDigits || !IsDigits(pin)) {
    return Errc::bad_pin;
  }
  if (Steps(pin, 0) || Steps(pin, 1) || Steps(pin, -1) || RepeatsABlock(pin)) {
    return Errc::trivial_pin;
  }
  // A birth year (the agent's or a child's) is among the first guesses.
  if (IsYear(pin.substr(0, 4)) || IsYear(pin.substr(pin.size() - 4))) return Errc::trivial_pin;
  return Success();
}

}  // namespace minegate::server::admin
