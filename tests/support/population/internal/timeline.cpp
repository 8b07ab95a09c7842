#include "tests/support/population/internal/timeline.hpp"

#include <algorithm>
#include <span>

#include "proto/credential/issuer.hpp"

namespace minegate::test::population::internal {

Timeline::Timeline(const Fleet& fleet, Random& random)
    : fleet_(fleet), random_(random), planned_(fleet.kiosks.size()) {}

std::size_t Timeline::KioskAt(std::size_t site) {
  const std::vector<std::size_t>& kiosks = fleet_.sites.at(site).kiosks;
  return kiosks[random_.Below(kiosks.size())];
}

v1::Event Timeline::Envelope(std::size_t kiosk, std::int64_t at_ms) {
  const KioskIdentity& identity = fleet_.kiosks[kiosk];
  v1::Event event;
  // A UUIDv7 as the kiosk makes it: 48 bits of milliseconds, version 7, RFC 9562 variant.
  std::string id = random_.Bytes(16);
  const auto ms = static_cast<std::uint64_t>(at_ms);
  for (int i = 0; i < 6; ++i) {
    id[static_cast<std::size_t>(i)] = static_cast<char>(ms >> (40 - 8 * i));
  }
  id[6] = static_cast<char>(0x70 | (id[6] & 0x0F));
  id[8] = static_cast<char>(0x80 | (id[8] & 0x3F));
  event.set_event_id(id);
  event.set_device_id(identity.device_id);
  event.set_occurred_at_ms(at_ms);
  event.set_site_id(identity.site_id);
  event.set_gate_id(identity.gate_id);
  event.set_agent_id(identity.agent_id);
  return event;
}

void Timeline::Fail(const std::string& what) {
  if (error_.empty()) error_ = what;
}

void Timeline::Plan(std::size_t kiosk, v1::Event event) {
  const std::int64_t at = event.occurred_at_ms();
  planned_[kiosk].push_back(Planned{at, order_++, std::move(event)});
}

void Timeline::Register(std::size_t site, std::int64_t at_ms, const v1::PersonRegistered& record,
                        const std::optional<CompanionSpec>& companion) {
  const std::size_t kiosk = KioskAt(site);
  const KioskIdentity& identity = fleet_.kiosks[kiosk];
  const std::string& token = record.person_token();

  v1::Event person = Envelope(kiosk, at_ms);
  *person.mutable_person_registered() = record;
  Plan(kiosk, std::move(person));

  // An NTAG213: a 7-byte UID, NXP's manufacturer byte first.
  std::string uid = "\x04" + random_.Bytes(6);
  tags_[token] = uid;
  credential::CredentialFields fields;
  fields.kind = credential::Kind::bracelet;
  std::copy(token.begin(), token.end(), fields.person_token.begin());
  fields.site_id = identity.site_id;
  fields.issued_at_ms = at_ms;
  auto written = credential::Issue(
      fields, std::span(reinterpret_cast<const std::uint8_t*>(uid.data()), uid.size()),
      *identity.key);
  if (!written) {
    Fail("credential: " + written.error().message());
    return;
  }
  v1::Event issued = Envelope(kiosk, at_ms);
  auto* bracelet = issued.mutable_bracelet_issued();
  bracelet->set_person_token(token);
  bracelet->set_tag_uid(uid);
  bracelet->set_tag_type(v1::TAG_TYPE_NTAG213);
  bracelet->set_credential(std::string(written.value().begin(), written.value().end()));
  Plan(kiosk, std::move(issued));

  if (companion) {
    v1::Event recorded = Envelope(kiosk, at_ms);
    auto* c = recorded.mutable_companion_recorded();
    c->set_person_token(token);
    if (!companion->companion_token.empty()) {
      c->set_companion_person_token(companion->companion_token);
    } else {
      c->set_companion_description(companion->description);
    }
    c->set_relation(companion->relation);
    c->set_companion_answered_for_person(companion->answered_for_person);
    Plan(kiosk, std::move(recorded));
  }

  v1::Event entry = Envelope(kiosk, at_ms);
  auto* passed = entry.mutable_gate_passed();
  passed->set_direction(v1::DIRECTION_IN);
  passed->set_tag_uid(uid);
  passed->set_verification(v1::VERIFICATION_VALID);
  passed->set_person_token(token);
  Plan(kiosk, std::move(entry));
}

void Timeline::Pass(const std::string& token, std::size_t site, v1::Direction direction,
                    std::int64_t at_ms) {
  const auto tag = tags_.find(token);
  if (tag == tags_.end()) {
    Fail("passage avant l'enregistrement / passage before registration");
    return;
  }
  const std::size_t kiosk = KioskAt(site);
  v1::Event event = Envelope(kiosk, at_ms);
  auto* passed = event.mutable_gate_passed();
  passed->set_direction(direction);
  passed->set_tag_uid(tag->second);
  passed->set_verification(v1::VERIFICATION_VALID);
  passed->set_person_token(token);
  Plan(kiosk, std::move(event));
}

std::vector<std::vector<v1::Event>> Timeline::Finish() {
  std::vector<std::vector<v1::Event>> streams(planned_.size());
  for (std::size_t kiosk = 0; kiosk < planned_.size(); ++kiosk) {
    std::vector<Planned>& planned = planned_[kiosk];
    std::sort(planned.begin(), planned.end(), [](const Planned& a, const Planned& b) {
      return a.at_ms != b.at_ms ? a.at_ms < b.at_ms : a.order < b.order;
    });
    streams[kiosk].reserve(planned.size());
    std::uint64_t seq = 0;
    for (Planned& item : planned) {
      item.event.set_device_seq(++seq);
      streams[kiosk].push_back(std::move(item.event));
    }
    planned.clear();
  }
  return streams;
}

}  // namespace minegate::test::population::internal
