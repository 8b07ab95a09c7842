// When the kiosks' events reach the server: every few hours each kiosk in reach sends what it
// recorded since its last send, in batches in device_seq order, the kiosks of a round
// interleaved; a kiosk out of reach keeps its backlog and sends it when it is back, possibly
// after the scenario's end (so the server sees some events weeks after events recorded later
// elsewhere). A plan only: sending is the caller's (in process, or over the sync protocol).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "tests/support/population/population.hpp"

namespace minegate::test::population {

/// Kiosk `kiosk` (Fleet::kiosks' index) is out of reach from `from_ms` until `until_ms`; an
/// outage reaching the population's end lasts until after the last round.
struct Outage {
  std::size_t kiosk = 0;
  std::int64_t from_ms = 0;
  std::int64_t until_ms = 0;
};

struct DeliveryOptions {
  std::int64_t period_ms = 4 * 3'600'000;
  /// Events per batch, at most (the server takes 256).
  std::size_t max_batch = 100;
  std::vector<Outage> outages;
  /// The order of the kiosks within each round.
  std::uint64_t seed = 1;
};

/// Events [first, first + count) of kiosk `kiosk`'s stream.
struct DeliveryBatch {
  std::size_t kiosk = 0;
  std::size_t first = 0;
  std::size_t count = 0;
};

/// What reaches the server at `at_ms` (its clock then), in this order.
struct DeliveryRound {
  std::int64_t at_ms = 0;
  std::vector<DeliveryBatch> batches;
};

/// Every event of `population` exactly once, each kiosk's in device_seq order.
std::vector<DeliveryRound> PlanDelivery(const Population& population,
                                        const DeliveryOptions& options);

}  // namespace minegate::test::population
