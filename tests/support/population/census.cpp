#include "tests/support/population/census.hpp"

#include <algorithm>
#include <span>

#include "proto/credential/issuer.hpp"
#include "tests/support/population/random.hpp"

namespace minegate::test::population {
namespace {

/// A UUIDv7 of `at_ms`, as kiosks make event ids.
std::string EventId(Random& random, std::int64_t at_ms) {
  std::string id = random.Bytes(16);
  const auto ms = static_cast<std::uint64_t>(at_ms);
  for (int i = 0; i < 6; ++i)
    id[static_cast<std::size_t>(i)] = static_cast<char>(ms >> (40 - 8 * i));
  id[6] = static_cast<char>(0x70 | (id[6] & 0x0F));
  id[8] = static_cast<char>(0x80 | (id[8] & 0x3F));
  return id;
}

}  // namespace

DeliveryRound AppendCensus(Population& population, const Fleet& fleet, const CensusPlan& plan,
                           std::string& error) {
  Random random(plan.seed);
  const std::size_t kiosk = fleet.sites.at(plan.site).kiosks.front();
  const KioskIdentity& identity = fleet.kiosks[kiosk];
  std::vector<v1::Event>& stream = population.streams[kiosk];
  const std::size_t first = stream.size();
  std::uint64_t seq = stream.empty() ? 0 : stream.back().device_seq();
  const auto envelope = [&](std::int64_t at_ms) {
    v1::Event event;
    event.set_event_id(EventId(random, at_ms));
    event.set_device_id(identity.device_id);
    event.set_device_seq(++seq);
    event.set_occurred_at_ms(at_ms);
    event.set_site_id(identity.site_id);
    event.set_gate_id(identity.gate_id);
    event.set_agent_id(identity.agent_id);
    return event;
  };
  std::int64_t at = plan.at_ms;
  std::size_t cards = 0;
  for (const CensusTap& tap : plan.taps) {
    // A 7-byte UID as an NTAG213 has: the census reads the bracelet, not its UID.
    const std::string tag_uid = "\x04" + random.Bytes(6);
    v1::Event observed = envelope(at);
    auto* census = observed.mutable_census_observed();
    census->set_campaign_id(plan.campaign_id);
    census->set_person_token(tap.person_token);
    census->set_tag_uid(tag_uid);
    stream.push_back(std::move(observed));
    if (tap.link_card) {
      at += 1000;
      // A DESFire EV1's 7-byte UID, and a card number from an EMAPE series.
      const std::string card_uid = "\x04" + random.Bytes(6);
      credential::CredentialFields fields;
      fields.kind = credential::Kind::miner_card;
      std::copy(tap.person_token.begin(), tap.person_token.end(), fields.person_token.begin());
      fields.site_id = identity.site_id;
      fields.issued_at_ms = at;
      fields.card_number = "EM-" + std::to_string(100000 + ++cards);
      auto written = credential::Issue(
          fields,
          std::span(reinterpret_cast<const std::uint8_t*>(card_uid.data()), card_uid.size()),
          *identity.key);
      if (!written) {
        error = "credential: " + written.error().message();
        return {};
      }
      v1::Event linked = envelope(at);
      auto* card = linked.mutable_miner_card_linked();
      card->set_person_token(tap.person_token);
      card->set_card_uid(card_uid);
      card->set_card_number(fields.card_number);
      card->set_credential(std::string(written.value().begin(), written.value().end()));
      stream.push_back(std::move(linked));
    }
    at += 5000;
  }
  DeliveryRound round;
  round.at_ms = at + 60'000;
  // Batches of at most 100 events, as the delivery plan makes them.
  for (std::size_t start = first; start < stream.size(); start += 100) {
    round.batches.push_back(
        DeliveryBatch{kiosk, start, std::min<std::size_t>(100, stream.size() - start)});
  }
  return round;
}

}  // namespace minegate::test::population
