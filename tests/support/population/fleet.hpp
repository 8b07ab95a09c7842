// The sites, gates and kiosks a population moves through: the layout a scenario asks for (names,
// departments, coordinates, gates), and the fleet as a server provisioned it (the ids its
// registries gave, each kiosk's agent and device key). Kiosk keys come from the population's
// seed, so a seed gives the same bracelet credentials on every run.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "proto/credential/signing_key.hpp"

namespace minegate::test::population {

struct SiteLayout {
  std::string name;
  /// "kedougou", "saraya" or "salemata" (server/admin/department.hpp).
  std::string department;
  double latitude = 0.0;
  double longitude = 0.0;
  /// One kiosk per gate.
  std::vector<std::string> gates;
};

/// Six gold-mining sites of the Kédougou region, eight gates (coordinates approximate, all
/// within about 100 km: a day's travel by road).
std::vector<SiteLayout> KedougouSites();

/// One kiosk, at one gate, as the server knows it.
struct KioskIdentity {
  std::string device_id;
  std::uint32_t site_id = 0;
  std::uint32_t gate_id = 0;
  /// The gate agent whose events it records (assigned to its site).
  std::string agent_id;
  std::shared_ptr<const credential::SigningKey> key;
};

struct FleetSite {
  std::uint32_t site_id = 0;
  std::string name;
  /// Indexes into Fleet::kiosks.
  std::vector<std::size_t> kiosks;
};

/// Sites in the layout's order.
struct Fleet {
  std::vector<FleetSite> sites;
  std::vector<KioskIdentity> kiosks;
};

/// The device-key seed of kiosk number `index` (in layout order) for a population seed.
credential::Seed KioskKeySeed(std::uint64_t seed, std::size_t index);

}  // namespace minegate::test::population
