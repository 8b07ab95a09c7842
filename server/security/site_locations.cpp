#include "server/security/site_locations.hpp"

#include <algorithm>

#include "db/query.hpp"

namespace minegate::server::security {

Result<SiteLocations> SiteLocations::Read(db::Connection& connection) {
  SiteLocations locations;
  auto rows = db::QueryAll(
      connection,
      "SELECT site_id, latitude, longitude FROM sites "
      "WHERE latitude IS NOT NULL AND longitude IS NOT NULL",
      [](const db::Statement& row) {
        return std::pair{row.ColumnInt64(0), GeoPoint{row.ColumnDouble(1), row.ColumnDouble(2)}};
      });
  if (!rows) return rows.error();
  for (const auto& [site_id, point] : rows.value()) locations.points_.emplace(site_id, point);
  return locations;
}

std::optional<GeoPoint> SiteLocations::Find(std::int64_t site_id) const {
  const auto found = points_.find(site_id);
  if (found == points_.end()) return std::nullopt;
  return found->second;
}

double SiteLocations::FarthestFrom(std::int64_t site_id) const {
  const std::optional<GeoPoint> here = Find(site_id);
  if (!here) return 0;
  double farthest = 0;
  for (const auto& [other, point] : points_) {
    if (other != site_id) farthest = std::max(farthest, HaversineKm(*here, point));
  }
  return farthest;
}

}  // namespace minegate::server::security
