#pragma once
/// Sites (the mining sites, whose id is written on every bracelet issued there) and their gates.
/// Threading: uses its connection, so it belongs to that connection's thread.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/clock.hpp"
#include "db/connection.hpp"
#include "server/admin/department.hpp"
#include "server/admin/error.hpp"

namespace minegate::server::admin {

inline constexpr std::size_t kMaxSiteNameChars = 128;
inline constexpr std::size_t kMaxGateNameChars = 64;

struct SiteInfo {
  std::int64_t site_id = 0;
  std::string name;
  Department department = Department::kKedougou;
  std::int64_t created_at_ms = 0;
  /// Decimal degrees (WGS 84), both set or neither: unset until an administrator locates the
  /// site, and a site without them takes part in no suspected-clone check (server/security).
  std::optional<double> latitude;
  std::optional<double> longitude;
};

struct GateInfo {
  std::int64_t gate_id = 0;
  std::int64_t site_id = 0;
  std::string name;
  std::int64_t created_at_ms = 0;
};

class SiteRegistry {
 public:
  explicit SiteRegistry(db::Connection& connection, base::Clock clock = base::NowMs)
      : connection_(connection), clock_(std::move(clock)) {}

  /// Creates a site and returns its id. Errc::bad_name, Errc::site_exists (names are unique
  /// across the region, so people and reports can name a site unambiguously).
  Result<std::int64_t> AddSite(std::string_view name, Department department);
  /// Creates a gate of a site and returns its id. Errc::bad_name, Errc::unknown_site,
  /// Errc::gate_exists (unique per site).
  Result<std::int64_t> AddGate(std::int64_t site_id, std::string_view name);

  /// Sets where the site is: latitude -90..90, longitude -180..180, decimal degrees.
  /// Errc::bad_coordinates (also for NaN or infinity), Errc::unknown_site.
  Result<void> SetLocation(std::int64_t site_id, double latitude, double longitude);

  /// Errc::unknown_site when there is none.
  Result<SiteInfo> FindSite(std::int64_t site_id);
  /// Errc::unknown_gate when there is none.
  Result<GateInfo> FindGate(std::int64_t gate_id);
  /// Every site, by id.
  Result<std::vector<SiteInfo>> ListSites();
  /// Every gate, or only those of `site_id` (Errc::unknown_site if it does not exist), by id.
  Result<std::vector<GateInfo>> ListGates(std::optional<std::int64_t> site_id = std::nullopt);

 private:
  db::Connection& connection_;
  base::Clock clock_;
};

}  // namespace minegate::server::admin
