// A real server database file fed through the live ingest path (EventStore: the event log and
// the projector, name index included) with the persons the police tests look for: names with
// accents, hyphens, apostrophes and swapped order, two sites, bracelets, passages, companions,
// a census observation and a miner's card.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "db/transaction.hpp"
#include "server/ingest/event_store.hpp"
#include "server/ingest/projector.hpp"
#include "tests/unit/server_ingest/ingest_fixture.hpp"

namespace minegate::server {

inline constexpr std::int64_t kDay = 24 * 3600 * 1000;
inline constexpr std::uint32_t kOtherSite = 13;

inline std::string TagUid(std::uint8_t n) {
  return std::string("\x04\x61\x62\x63\x64\x65", 6) + static_cast<char>(n);
}

class PoliceTest : public IngestTest {
 protected:
  void SetUp() override {
    IngestTest::SetUp();
    ASSERT_TRUE(connection_->Execute(
        "INSERT INTO sites (site_id, name, department, created_at_ms) "
        "VALUES (13, 'Sabodala', 'saraya', 0);"
        "INSERT INTO gates (gate_id, site_id, name, created_at_ms) VALUES (4, 13, 'Sud', 0);"
        "INSERT INTO devices (device_id, site_id, created_at_ms) VALUES ('k-13-1', 13, 0);"
        "INSERT INTO census_campaigns (campaign_id, site_id, name_fr, name_en, opens_at_ms, "
        "closes_at_ms, created_at_ms, version) VALUES ('bantako-2026', 12, 'Recensement "
        "Bantako 2026', 'Bantako census 2026', 0, 9999999999999, 0, 1);"));
    OpenStore();
    Populate();
  }

  void OpenStore() {
    auto store = EventStore::Create(*connection_);
    ASSERT_TRUE(store) << store.error().message();
    store_ = std::move(store).value();
  }

  /// One event of `device` at `day` days (and `ms`) after kNow.
  v1::Event At(const std::string& device, std::uint32_t site, std::uint32_t gate, int day,
               std::int64_t ms = 0) {
    v1::Event event = Envelope(++seq_);
    event.set_event_id(EventId(seq_, 7));
    event.set_device_id(device);
    event.set_device_seq(device == kDevice ? ++seq_a_ : ++seq_b_);
    event.set_site_id(site);
    event.set_gate_id(gate);
    event.set_occurred_at_ms(kNow + day * kDay + ms);
    return event;
  }

  void Register(std::uint8_t person, const std::string& given, const std::string& family,
                v1::Sex sex, int birth_year, const std::string& nationality, int day,
                const std::string& document = "") {
    v1::Event event = PersonRegistered(1, person);
    v1::Event at = At(kDevice, kSite, 3, day);
    *at.mutable_person_registered() = event.person_registered();
    auto* p = at.mutable_person_registered();
    p->set_given_name(given);
    p->set_family_name(family);
    p->set_sex(sex);
    p->mutable_birth()->set_year(static_cast<std::uint32_t>(birth_year));
    p->set_nationality(nationality);
    p->set_place_of_origin("Kano");
    p->add_languages("hau");
    if (!document.empty()) {
      p->mutable_identity_document()->set_type(v1::DOCUMENT_TYPE_PASSPORT);
      p->mutable_identity_document()->set_number(document);
      p->mutable_identity_document()->set_issuing_country(nationality);
    }
    // The protection questions, answered: none may reach a police answer.
    p->mutable_consent()->set_protection_questions_accepted(true);
    p->set_debt_declared(v1::ANSWER_YES);
    p->set_travel_paid_by_third_party(v1::ANSWER_YES);
    p->mutable_identity_document()->set_holder(v1::DOCUMENT_HOLDER_EMPLOYER_OR_RECRUITER);
    p->set_purpose(v1::PURPOSE_PROMISED_JOB);
    p->set_promised_job(v1::PROMISED_JOB_RESTAURANT);
    p->set_phone("+221771234567");
    events_.push_back(at);
  }

  void Pass(std::uint8_t person, std::uint8_t tag, std::uint32_t site, int day, std::int64_t ms,
            v1::Direction direction = v1::DIRECTION_IN) {
    v1::Event event =
        site == kSite ? At(kDevice, site, 3, day, ms) : At("k-13-1", site, 4, day, ms);
    auto* gate = event.mutable_gate_passed();
    gate->set_direction(direction);
    gate->set_tag_uid(TagUid(tag));
    gate->set_verification(v1::VERIFICATION_VALID);
    gate->set_person_token(Token(person));
    events_.push_back(event);
  }

  void Issue(std::uint8_t person, std::uint8_t tag, int day, std::uint8_t replaces = 0) {
    v1::Event event = At(kDevice, kSite, 3, day, 10);
    auto* issued = event.mutable_bracelet_issued();
    issued->set_person_token(Token(person));
    issued->set_tag_uid(TagUid(tag));
    issued->set_tag_type(v1::TAG_TYPE_NTAG215);
    issued->set_credential("credential " + std::to_string(tag));
    if (replaces != 0) issued->set_replaces_tag_uid(TagUid(replaces));
    events_.push_back(event);
  }

  void Populate() {
    Register(1, "Aïssatou", "Diallo", v1::SEX_FEMALE, 2004, "NGA", 0);
    Register(2, "Ndèye", "DIOP", v1::SEX_FEMALE, 1998, "SEN", 1, "SN-123 456");
    Register(3, "Fatou", "N'Diaye", v1::SEX_FEMALE, 2001, "MLI", 2);
    Register(4, "Aminata", "Ba-Touré", v1::SEX_FEMALE, 1990, "GIN", 3);
    Register(5, "Mariama", "Diaba", v1::SEX_FEMALE, 1985, "MLI", 4);
    Register(6, "Moussa", "Keita", v1::SEX_MALE, 1980, "MLI", 0);
    Issue(1, 1, 0);
    Issue(1, 2, 5, 1);  // her first bracelet lost, replaced
    Issue(3, 3, 2);
    Issue(6, 6, 0);
    Pass(1, 1, kSite, 0, 100);
    Pass(1, 1, kSite, 1, 100, v1::DIRECTION_OUT);
    Pass(1, 2, kSite, 6, 100);
    Pass(3, 3, kSite, 2, 100);
    Pass(3, 3, kOtherSite, 8, 100);
    v1::Event companion = At(kDevice, kSite, 3, 0, 20);
    companion.mutable_companion_recorded()->set_person_token(Token(1));
    companion.mutable_companion_recorded()->set_companion_person_token(Token(6));
    companion.mutable_companion_recorded()->set_relation(v1::COMPANION_RELATION_RECRUITER);
    companion.mutable_companion_recorded()->set_companion_answered_for_person(true);
    events_.push_back(companion);
    v1::Event census = At(kDevice, kSite, 3, 7);
    census.mutable_census_observed()->set_campaign_id("bantako-2026");
    census.mutable_census_observed()->set_person_token(Token(1));
    census.mutable_census_observed()->set_tag_uid(TagUid(2));
    events_.push_back(census);
    v1::Event card = At(kDevice, kSite, 3, 3);
    card.mutable_miner_card_linked()->set_person_token(Token(6));
    card.mutable_miner_card_linked()->set_card_uid(std::string("\x04\x70\x71\x72\x73\x74\x75", 7));
    card.mutable_miner_card_linked()->set_card_number("EMAPE-0001");
    card.mutable_miner_card_linked()->set_credential("card credential");
    events_.push_back(card);
    Receive();
  }

  /// Appends the events gathered so far, one batch per device, as the writer does.
  void Receive() {
    for (const std::string& device : {std::string(kDevice), std::string("k-13-1")}) {
      IncomingBatch batch{device, {}, kNow + 100 * kDay, {}};
      for (const v1::Event& event : events_) {
        if (event.device_id() == device) batch.events.push_back(event);
      }
      if (batch.events.empty()) continue;
      auto transaction = db::Transaction::Begin(*connection_, db::Transaction::Mode::kImmediate);
      ASSERT_TRUE(transaction);
      auto outcome = store_->Append(batch);
      ASSERT_TRUE(outcome) << outcome.error().message();
      ASSERT_TRUE(transaction.value().Commit());
    }
    events_.clear();
  }

  void Rebuild() {
    store_.reset();
    auto rebuilt = Projector::Rebuild(*connection_, 4, {});
    ASSERT_TRUE(rebuilt) << rebuilt.error().message();
    OpenStore();
  }

  std::vector<v1::Event> events_;
  std::uint64_t seq_ = 0;
  std::uint64_t seq_a_ = 0;
  std::uint64_t seq_b_ = 0;
  std::unique_ptr<EventStore> store_;
};

}  // namespace minegate::server
