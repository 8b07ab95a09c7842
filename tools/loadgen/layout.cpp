#include "tools/loadgen/layout.hpp"

#include <algorithm>
#include <cctype>

#include "tests/support/population/fleet.hpp"

namespace minegate::loadgen {

std::size_t RegionCount(std::size_t kiosks) { return std::max<std::size_t>(1, kiosks / 8); }

std::vector<KioskPlace> PlaceKiosks(std::size_t kiosks) {
  std::vector<KioskPlace> places;
  if (kiosks < kMinKiosks) return places;
  const auto sites = test::population::KedougouSites();
  const std::size_t regions = RegionCount(kiosks);
  for (std::size_t region = 0; region < regions; ++region) {
    // The kiosks shared out evenly; the first regions take the remainder.
    const std::size_t count = kiosks / regions + (region < kiosks % regions ? 1 : 0);
    std::vector<std::size_t> gates(sites.size(), 1);
    // Extra gates go round the sites in the order of the real layout's gate counts (Bantako and
    // Sabodala have two), then one site after another.
    for (std::size_t extra = 0; extra + sites.size() < count; ++extra) {
      ++gates[extra % sites.size()];
    }
    for (std::size_t site = 0; site < sites.size(); ++site) {
      for (std::size_t gate = 0; gate < gates[site]; ++gate) {
        KioskPlace place;
        place.region = region;
        place.site = site;
        place.gate_name = gate < sites[site].gates.size() ? sites[site].gates[gate]
                                                          : "Porte " + std::to_string(gate + 1);
        places.push_back(std::move(place));
      }
    }
  }
  return places;
}

std::string SiteName(std::size_t region, std::size_t site) {
  const std::string name = test::population::KedougouSites().at(site).name;
  return name + " [charge" + (region == 0 ? std::string() : " " + std::to_string(region + 1)) + "]";
}

std::string AgentId(std::size_t region, std::size_t site) {
  std::string id = "charge.";
  const std::string name = test::population::KedougouSites().at(site).name;
  for (char c : name) {
    if (std::isalpha(static_cast<unsigned char>(c))) {
      id.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  }
  return region == 0 ? id : id + "-" + std::to_string(region + 1);
}

}  // namespace minegate::loadgen
