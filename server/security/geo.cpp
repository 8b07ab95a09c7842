#include "server/security/geo.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace minegate::server::security {

double HaversineKm(GeoPoint a, GeoPoint b) {
  constexpr double kRadiansPerDegree = std::numbers::pi / 180.0;
  const double phi1 = a.latitude * kRadiansPerDegree;
  const double phi2 = b.latitude * kRadiansPerDegree;
  const double half_dphi = (phi2 - phi1) / 2;
  const double half_dlambda = (b.longitude - a.longitude) * kRadiansPerDegree / 2;
  const double h = std::sin(half_dphi) * std::sin(half_dphi) + std::cos(phi1) * std::cos(phi2) *
                                                                   std::sin(half_dlambda) *
                                                                   std::sin(half_dlambda);
  // Rounding can push h a hair above 1 for antipodal points: asin must not see it.
  return 2 * kEarthRadiusKm * std::asin(std::sqrt(std::clamp(h, 0.0, 1.0)));
}

}  // namespace minegate::server::security
