// Where the simulated kiosks stand: the six sites of the Kédougou region (the population's
// embedded cases name them), repeated as many times as the fleet needs, one kiosk per gate.
// A region holds at least eight gates (six when the fleet has only six or seven kiosks): one per
// site, then more gates at the busiest sites first, as the real layout has.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace minegate::loadgen {

/// The fewest kiosks a region needs: one gate per site.
inline constexpr std::size_t kMinKiosks = 6;

struct KioskPlace {
  std::size_t region = 0;
  /// Index into population::KedougouSites().
  std::size_t site = 0;
  std::string gate_name;
};

/// How many copies of the region `kiosks` kiosks make (at least one).
std::size_t RegionCount(std::size_t kiosks);
/// The kiosks in order: region by region, site by site. Empty when `kiosks` < kMinKiosks.
std::vector<KioskPlace> PlaceKiosks(std::size_t kiosks);
/// "Bantako [charge]" in the first region, "Bantako [charge 2]" in the second: marked, so that
/// they never take a real site's name on the server they load.
std::string SiteName(std::size_t region, std::size_t site);
/// The gate agent of a site: "charge.bantako", "charge.bantako-2".
std::string AgentId(std::size_t region, std::size_t site);

}  // namespace minegate::loadgen
