#pragma once
/// What a kiosk PIN must be. A stolen kiosk holds its site's PIN hashes, open
/// to offline guessing; the PIN's length and the refusal of the PINs people
/// pick first are what make that guessing long (see kiosk/README.md for the
/// measured cost).

#include <cstddef>
#include <string_view>

#include "server/admin/error.hpp"

namespace minegate::server::admin {

inline constexpr std::size_t kMinPinDigits = 6;
inline constexpr std::size_t kMaxPinDigits = 12;

/// Errc::bad_pin unless 6 to 12 digits; Errc::trivial_pin for one digit
/// repeated, a run of consecutive digits up or down, a short pattern repeated
/// (121212, 123123) or a PIN that starts or ends with a year from 1930 to 2039.
Result<void> CheckPin(std::string_view pin);

}  // namespace minegate::server::admin
