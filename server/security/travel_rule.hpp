#pragma once
/// The decision behind a suspected clone: could one bracelet have been carried from one site to
/// the other in the time between its two taps? Pure arithmetic, no I/O, so every case is a unit
/// test.

#include <cstdint>

namespace minegate::server::security {

/// Roads and tracks of the Kédougou region: a motorbike on laterite, a bush taxi on the N7.
inline constexpr std::int32_t kDefaultMaxSpeedKmh = 60;
inline constexpr std::int32_t kMinSpeedKmh = 1;
inline constexpr std::int32_t kMaxSpeedKmh = 1000;

/// Added to the time between two taps before dividing. Each kiosk stamps its taps with its own
/// clock, and a kiosk offline for weeks drifts: without it two neighbouring sites (5 km apart)
/// whose kiosks disagree by a few minutes would report a bracelet that walked between them. With
/// it, a pair of taps is suspect only if the distance could not be covered even with 5 more
/// minutes — 300 km in 10 minutes stays suspect (1,200 km/h), 3 km at the same instant does not.
inline constexpr std::int64_t kClockAllowanceMs = 5 * 60 * 1000;

struct TravelRule {
  /// The fastest a person plausibly travels between sites, km/h (kMinSpeedKmh..kMaxSpeedKmh).
  std::int32_t max_speed_kmh = kDefaultMaxSpeedKmh;
  std::int64_t clock_allowance_ms = kClockAllowanceMs;
};

/// True when going `distance_km` in |elapsed_ms| plus the allowance needs more than the rule's
/// speed. Taps at the same instant (or in the "wrong" order: `elapsed_ms` is taken absolute) at
/// two sites far enough apart are implausible; two sites at the same place never are.
bool IsImplausible(const TravelRule& rule, double distance_km, std::int64_t elapsed_ms);

/// A bound W for the search: every implausible pair of taps `distance_km` apart has
/// |elapsed_ms| <= W (rounded up, so a pair at the limit is searched and IsImplausible decides).
/// Negative when no pair of taps at that distance can be implausible.
std::int64_t ImplausibleWithinMs(const TravelRule& rule, double distance_km);

/// The speed two taps would need, km/h: distance over |elapsed| (without the allowance), for
/// people to read; 0 when the taps have the same time (the page says "at the same moment").
double RequiredSpeedKmh(double distance_km, std::int64_t elapsed_ms);

}  // namespace minegate::server::security
