#pragma once
/// The located sites, as CloneWatch reads them once per batch: administrators set coordinates
/// on another connection at any time, and a batch judges all its taps with one view of them.

#include <cstdint>
#include <map>
#include <optional>

#include "db/connection.hpp"
#include "server/security/error.hpp"
#include "server/security/geo.hpp"

namespace minegate::server::security {

class SiteLocations {
 public:
  /// Every site with both coordinates set.
  static Result<SiteLocations> Read(db::Connection& connection);

  std::optional<GeoPoint> Find(std::int64_t site_id) const;
  /// The distance from `site_id` to the located site farthest from it, km; 0 when it is the only
  /// one (or not located).
  double FarthestFrom(std::int64_t site_id) const;
  std::size_t size() const { return points_.size(); }

 private:
  std::map<std::int64_t, GeoPoint> points_;
};

}  // namespace minegate::server::security
