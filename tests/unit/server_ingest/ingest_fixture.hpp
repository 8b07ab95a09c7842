// Shared set-up for ingest tests: a real server database file with one site,
// its gate 3, the gate agent "agent.diallo" and one device, and helpers that
// build valid events (PersonRegistered in clear: seal it to send it).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "db/connection.hpp"
#include "db/statement.hpp"
#include "minegate/v1/events.pb.h"
#include "server/store/open_store.hpp"
#include "tests/support/temp_dir.hpp"

namespace minegate::server {

inline constexpr char kDevice[] = "k-12-1";
inline constexpr std::uint32_t kSite = 12;
inline constexpr std::int64_t kNow = 1'795'000'000'000;

/// A UUIDv7-shaped id that encodes `n`, so tests can tell events apart.
inline std::string EventId(std::uint64_t n, std::uint8_t salt = 0) {
  std::string id(16, '\0');
  for (int i = 0; i < 8; ++i)
    id[static_cast<std::size_t>(15 - i)] = static_cast<char>(n >> (8 * i));
  id[6] = static_cast<char>(0x70);
  id[8] = static_cast<char>(0x80);
  id[9] = static_cast<char>(salt);
  return id;
}

inline std::string Token(std::uint8_t fill) { return std::string(16, static_cast<char>(fill)); }

inline v1::Event Envelope(std::uint64_t seq) {
  v1::Event event;
  event.set_event_id(EventId(seq));
  event.set_device_id(kDevice);
  event.set_device_seq(seq);
  event.set_occurred_at_ms(kNow + static_cast<std::int64_t>(seq));
  event.set_site_id(kSite);
  event.set_gate_id(3);
  event.set_agent_id("agent.diallo");
  return event;
}

inline v1::Event GatePassed(std::uint64_t seq, std::uint8_t person = 1,
                            v1::Direction direction = v1::DIRECTION_IN) {
  v1::Event event = Envelope(seq);
  auto* gate = event.mutable_gate_passed();
  gate->set_direction(direction);
  gate->set_tag_uid(std::string("\x04\x01\x02\x03\x04\x05", 6) + static_cast<char>(person));
  gate->set_verification(v1::VERIFICATION_VALID);
  gate->set_person_token(Token(person));
  return event;
}

inline v1::Event PersonRegistered(std::uint64_t seq, std::uint8_t person = 1) {
  v1::Event event = Envelope(seq);
  auto* p = event.mutable_person_registered();
  p->set_person_token(Token(person));
  p->set_given_name("Aïssatou");
  p->set_family_name("Diallo");
  p->set_sex(v1::SEX_FEMALE);
  p->mutable_birth()->set_year(2004);
  p->mutable_birth()->set_estimated(true);
  p->set_nationality("NGA");
  p->mutable_identity_document()->set_type(v1::DOCUMENT_TYPE_NONE);
  p->set_occupation(v1::OCCUPATION_TRADER);
  p->set_purpose(v1::PURPOSE_OWN_TRADE);
  p->mutable_consent()->set_information_given(true);
  p->mutable_consent()->set_information_language("fra");
  p->mutable_consent()->set_method(v1::CONSENT_METHOD_ORAL);
  return event;
}

class IngestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(dir_.ok());
    auto connection = OpenStore(database());
    ASSERT_TRUE(connection) << connection.error().message();
    connection_.emplace(std::move(connection).value());
    ASSERT_TRUE(connection_->Execute(
        "INSERT INTO sites (site_id, name, department, created_at_ms) "
        "VALUES (12, 'Bantako', 'kedougou', 0);"
        "INSERT INTO devices (device_id, site_id, created_at_ms) VALUES ('k-12-1', 12, 0);"
        // The gate and the agent the events name (Envelope).
        "INSERT INTO gates (gate_id, site_id, name, created_at_ms) VALUES (3, 12, 'Nord', 0);"
        "INSERT INTO users (user_id, display_name, role, created_at_ms) "
        "VALUES ('agent.diallo', 'Awa Diallo', 'gate_agent', 0);"
        "INSERT INTO user_sites (user_id, site_id, assigned_at_ms) "
        "VALUES ('agent.diallo', 12, 0);"));
  }

  std::filesystem::path database() const { return dir_.path() / "minegate.db"; }

  std::int64_t Count(const std::string& sql) {
    auto statement = connection_->Prepare(sql);
    EXPECT_TRUE(statement) << sql;
    if (!statement) return -1;
    auto row = statement.value().Step();
    EXPECT_TRUE(row && row.value()) << sql;
    return statement.value().ColumnInt64(0);
  }

  test::TempDir dir_{"ingest"};
  std::optional<db::Connection> connection_;
};

}  // namespace minegate::server
