#include "tests/support/population/delivery.hpp"

#include <algorithm>
#include <numeric>

#include "tests/support/population/random.hpp"

namespace minegate::test::population {
namespace {

bool InReach(const DeliveryOptions& options, std::size_t kiosk, std::int64_t at_ms) {
  return std::none_of(options.outages.begin(), options.outages.end(), [&](const Outage& outage) {
    return outage.kiosk == kiosk && outage.from_ms <= at_ms && at_ms < outage.until_ms;
  });
}

}  // namespace

std::vector<DeliveryRound> PlanDelivery(const Population& population,
                                        const DeliveryOptions& options) {
  const std::size_t kiosks = population.streams.size();
  const std::size_t max_batch = std::max<std::size_t>(1, options.max_batch);
  Random random(options.seed);
  std::vector<std::size_t> sent(kiosks, 0);
  std::vector<DeliveryRound> rounds;
  const std::int64_t last = population.end_ms + options.period_ms;
  // The last round is after everything; kiosks still out of reach then send after it.
  for (std::int64_t at = population.start_ms + options.period_ms;; at += options.period_ms) {
    const bool final_round = at >= last;
    std::vector<std::vector<DeliveryBatch>> per_kiosk(kiosks);
    for (std::size_t kiosk = 0; kiosk < kiosks; ++kiosk) {
      if (!final_round && !InReach(options, kiosk, at)) continue;
      const std::vector<v1::Event>& stream = population.streams[kiosk];
      std::size_t upto = sent[kiosk];
      while (upto < stream.size() && (final_round || stream[upto].occurred_at_ms() <= at)) ++upto;
      for (std::size_t first = sent[kiosk]; first < upto; first += max_batch) {
        per_kiosk[kiosk].push_back({kiosk, first, std::min(max_batch, upto - first)});
      }
      sent[kiosk] = upto;
    }
    // Kiosks in a random order, one batch of each in turn.
    std::vector<std::size_t> order(kiosks);
    std::iota(order.begin(), order.end(), 0);
    for (std::size_t i = kiosks; i > 1; --i) std::swap(order[i - 1], order[random.Below(i)]);
    DeliveryRound round;
    round.at_ms = at;
    for (std::size_t turn = 0;; ++turn) {
      bool any = false;
      for (std::size_t kiosk : order) {
        if (turn < per_kiosk[kiosk].size()) {
          round.batches.push_back(per_kiosk[kiosk][turn]);
          any = true;
        }
      }
      if (!any) break;
    }
    if (!round.batches.empty()) rounds.push_back(std::move(round));
    if (final_round) break;
  }
  return rounds;
}

}  // namespace minegate::test::population
