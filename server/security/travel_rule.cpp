#include "server/security/travel_rule.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace minegate::server::security {
namespace {

constexpr double kMsPerHour = 3'600'000.0;

/// Hours it takes to cover `distance_km` at the rule's speed.
double HoursAtMaxSpeed(const TravelRule& rule, double distance_km) {
  return distance_km / static_cast<double>(rule.max_speed_kmh);
}

}  // namespace

bool IsImplausible(const TravelRule& rule, double distance_km, std::int64_t elapsed_ms) {
  if (rule.max_speed_kmh <= 0 || !(distance_km > 0)) return false;
  const double available_ms =
      static_cast<double>(std::llabs(elapsed_ms)) + static_cast<double>(rule.clock_allowance_ms);
  return HoursAtMaxSpeed(rule, distance_km) * kMsPerHour > available_ms;
}

std::int64_t ImplausibleWithinMs(const TravelRule& rule, double distance_km) {
  if (rule.max_speed_kmh <= 0 || !(distance_km > 0)) return -1;
  const double bound = std::ceil(HoursAtMaxSpeed(rule, distance_km) * kMsPerHour) -
                       static_cast<double>(rule.clock_allowance_ms);
  if (bound < 0) return -1;
  // Half the Earth at 1 km/h is about 7e10 ms: far inside int64, clamped all the same.
  constexpr double kLimit = static_cast<double>(std::numeric_limits<std::int64_t>::max() / 4);
  return static_cast<std::int64_t>(std::min(bound, kLimit));
}

double RequiredSpeedKmh(double distance_km, std::int64_t elapsed_ms) {
  if (elapsed_ms == 0) return 0;
  return distance_km / (static_cast<double>(std::llabs(elapsed_ms)) / kMsPerHour);
}

}  // namespace minegate::server::security
