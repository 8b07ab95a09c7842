#include "kiosk/gate/event_factory.hpp"

#include <sodium.h>

#include <vector>

#include "kiosk/gate/gate_error.hpp"

namespace minegate::kiosk::gate {

std::string NewEventId(std::int64_t now_ms) {
  std::string id(16, '\0');
  randombytes_buf(id.data(), id.size());
  const auto ms = static_cast<std::uint64_t>(now_ms);
  for (int i = 0; i < 6; ++i) {
    id[static_cast<std::size_t>(i)] = static_cast<char>(ms >> (40 - 8 * i));
  }
  // Version 7 and the RFC 9562 variant.
  id[6] = static_cast<char>(0x70 | (id[6] & 0x0F));
  id[8] = static_cast<char>(0x80 | (id[8] & 0x3F));
  return id;
}

v1::Event EventFactory::Envelope(const std::string& agent_id, std::int64_t now_ms) const {
  v1::Event event;
  event.set_event_id(NewEventId(now_ms));
  event.set_device_id(origin_.device_id);
  event.set_occurred_at_ms(now_ms);
  event.set_site_id(origin_.site_id);
  event.set_gate_id(origin_.gate_id);
  event.set_agent_id(agent_id);
  return event;
}

Result<v1::Event> EventFactory::Seal(const v1::Event& event) const {
  if (origin_.sealing_public_key.size() != crypto_box_PUBLICKEYBYTES ||
      origin_.sealing_key_id.size() != 8) {
    return make_error_code(GateErrc::not_enrolled);
  }
  // The sealed inner event repeats the outer id and carries only the body, so
  // the server can check it was not moved into another envelope.
  v1::Event inner;
  inner.set_event_id(event.event_id());
  switch (event.body_case()) {
    case v1::Event::kPersonRegistered:
      *inner.mutable_person_registered() = event.person_registered();
      break;
    case v1::Event::kBraceletIssued:
      *inner.mutable_bracelet_issued() = event.bracelet_issued();
      break;
    case v1::Event::kBraceletRevoked:
      *inner.mutable_bracelet_revoked() = event.bracelet_revoked();
      break;
    case v1::Event::kGatePassed:
      *inner.mutable_gate_passed() = event.gate_passed();
      break;
    case v1::Event::kCompanionRecorded:
      *inner.mutable_companion_recorded() = event.companion_recorded();
      break;
    case v1::Event::kMinerCardLinked:
      *inner.mutable_miner_card_linked() = event.miner_card_linked();
      break;
    case v1::Event::kCensusObserved:
      *inner.mutable_census_observed() = event.census_observed();
      break;
    case v1::Event::kSealed:
    case v1::Event::BODY_NOT_SET:
      return make_error_code(GateErrc::seal_failed);
  }
  std::string plain;
  if (!inner.SerializeToString(&plain)) return make_error_code(GateErrc::seal_failed);
  std::vector<unsigned char> box(plain.size() + crypto_box_SEALBYTES);
  if (crypto_box_seal(
          box.data(), reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
          reinterpret_cast<const unsigned char*>(origin_.sealing_public_key.data())) != 0) {
    return make_error_code(GateErrc::seal_failed);
  }
  // Wipe the clear copy: it is personal data.
  sodium_memzero(plain.data(), plain.size());
  v1::Event sealed = event;
  sealed.clear_body();
  sealed.mutable_sealed()->set_recipient_key_id(origin_.sealing_key_id);
  sealed.mutable_sealed()->set_ciphertext(std::string(box.begin(), box.end()));
  return sealed;
}

Result<void> EventFactory::SealAll(std::vector<v1::Event>& events) const {
  std::vector<v1::Event> sealed;
  sealed.reserve(events.size());
  for (const v1::Event& event : events) {
    if (event.has_sealed()) {
      sealed.push_back(event);
      continue;
    }
    auto box = Seal(event);
    if (!box) return box.error();
    sealed.push_back(std::move(box).value());
  }
  events = std::move(sealed);
  return boost::outcome_v2::success();
}

}  // namespace minegate::kiosk::gate
