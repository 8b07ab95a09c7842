#include "tests/support/population/fleet.hpp"

#include "tests/support/population/random.hpp"

namespace minegate::test::population {

std::vector<SiteLayout> KedougouSites() {
  // Kédougou town is at 12.556 N, 12.174 W; the sites are the diouras around it and Saraya.
  return {
      {"Bantako", "kedougou", 12.596, -12.034, {"Porte nord", "Porte du marché"}},
      {"Sabodala", "saraya", 13.172, -12.116, {"Porte principale", "Porte de la piste"}},
      {"Khossanto", "saraya", 12.951, -11.879, {"Porte principale"}},
      {"Tenkoto", "kedougou", 12.860, -12.056, {"Porte principale"}},
      {"Kharakhena", "saraya", 13.009, -11.746, {"Porte principale"}},
      {"Mako", "kedougou", 12.862, -12.347, {"Porte du pont"}},
  };
}

credential::Seed KioskKeySeed(std::uint64_t seed, std::size_t index) {
  Random random(seed ^ (0x6b696f736b000000ULL + index));
  credential::Seed out{};
  for (auto& byte : out) byte = static_cast<std::uint8_t>(random.Next() & 0xFF);
  return out;
}

}  // namespace minegate::test::population
