#pragma once
/// Where a site is, and how far apart two sites are.

namespace minegate::server::security {

/// A point in decimal degrees, WGS 84 (what a phone's GPS or a map gives: Kédougou is
/// 12.5556, -12.1743).
struct GeoPoint {
  double latitude = 0;   ///< -90..90, north positive
  double longitude = 0;  ///< -180..180, east positive
};

/// Mean Earth radius (IUGG), km.
inline constexpr double kEarthRadiusKm = 6371.0088;

/// Great-circle distance in km (haversine formula), exact to about 0.5 % on the ellipsoid —
/// well inside what the decision needs. It is a lower bound on any road or track between the
/// two sites, so the speed a pair of taps needs is never overstated: an error goes the way of
/// not flagging.
double HaversineKm(GeoPoint a, GeoPoint b);

}  // namespace minegate::server::security
