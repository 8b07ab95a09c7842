// An EMAPE census over a generated population: the taps a site's kiosk records during a
// campaign (CensusObserved) and the miners' cards it links (MinerCardLinked, a DESFire card with
// a miner's card credential signed by that kiosk's key), appended to the kiosk's stream after
// its last event, with the round that delivers them. The campaign itself is the server's
// (admin::CensusCampaignRegistry): the caller opens it before delivering.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "tests/support/population/delivery.hpp"
#include "tests/support/population/fleet.hpp"
#include "tests/support/population/population.hpp"

namespace minegate::test::population {

struct CensusTap {
  /// 16 raw bytes: a registered person's, or any other for an observation whose registration
  /// has not reached the server.
  std::string person_token;
  /// Also link a miner's card to her or him, right after the tap.
  bool link_card = false;
};

struct CensusPlan {
  /// Index into Fleet::sites.
  std::size_t site = 0;
  std::string campaign_id;
  /// The first tap; the others follow a few seconds apart.
  std::int64_t at_ms = 0;
  std::vector<CensusTap> taps;
  std::uint64_t seed = 13;
};

/// Appends the plan's events to the stream of the site's first kiosk (device_seq continuing)
/// and returns the round that sends exactly them, at the last tap's time plus a minute; an
/// empty round and `error` set when a credential could not be signed.
DeliveryRound AppendCensus(Population& population, const Fleet& fleet, const CensusPlan& plan,
                           std::string& error);

}  // namespace minegate::test::population
