// A real server database per test with four sites, a kiosk and a gate at each, the gate agent
// the events name, and an EventStore with CloneWatch observing it: taps are stored as the
// writer stores them (one transaction per batch) and CloneWatch judges them there.
//   site 1 Bantako      at Kédougou's coordinates
//   site 2 Far          300 km due north of it
//   site 3 Near         4 km due north of it
//   site 4 Unlocated    no coordinates
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "db/connection.hpp"
#include "db/statement.hpp"
#include "db/transaction.hpp"
#include "minegate/v1/events.pb.h"
#include "server/admin/site_registry.hpp"
#include "server/ingest/event_store.hpp"
#include "server/security/clone_watch.hpp"
#include "server/security/geo.hpp"
#include "server/store/open_store.hpp"
#include "tests/support/temp_dir.hpp"

namespace minegate::server::security::test {

/// 2026-11-18 00:53:20 UTC.
inline constexpr std::int64_t kT0 = 1'795'000'000'000;
inline constexpr std::int64_t kMinute = 60'000;
inline constexpr std::int64_t kHour = 60 * kMinute;
inline constexpr std::int64_t kDay = 24 * kHour;
inline constexpr GeoPoint kBantako{12.5556, -12.1743};
inline constexpr double kKmPerDegree = 111.19508023353292;  // kEarthRadiusKm * pi / 180

inline GeoPoint North(GeoPoint from, double km) {
  return {from.latitude + km / kKmPerDegree, from.longitude};
}

inline const std::string kUid("\x04\xA1\xB2\xC3\xD4\xE5\xF6", 7);

class SecurityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(dir_.ok());
    Fresh();
  }

  /// A new database (another file), as SetUp made the first: for tests that replay one story
  /// in many arrival orders.
  void Fresh() {
    store_.reset();
    connection_.reset();
    seqs_.clear();
    auto connection = OpenStore(dir_.path() / ("minegate-" + std::to_string(++databases_) + ".db"));
    ASSERT_TRUE(connection) << connection.error().message();
    connection_.emplace(std::move(connection).value());
    ASSERT_TRUE(connection_->Execute(
        "INSERT INTO sites (site_id, name, department, created_at_ms) VALUES "
        "(1, 'Bantako', 'kedougou', 0), (2, 'Far', 'saraya', 0), (3, 'Near', 'kedougou', 0), "
        "(4, 'Unlocated', 'salemata', 0);"
        "INSERT INTO gates (gate_id, site_id, name, created_at_ms) VALUES "
        "(11, 1, 'Porte nord', 0), (21, 2, 'Porte sud', 0), (31, 3, 'Porte', 0), "
        "(41, 4, 'Porte', 0);"
        "INSERT INTO devices (device_id, site_id, created_at_ms) VALUES "
        "('k-1', 1, 0), ('k-2', 2, 0), ('k-3', 3, 0), ('k-4', 4, 0);"));
    admin::SiteRegistry sites(*connection_);
    ASSERT_TRUE(sites.SetLocation(1, kBantako.latitude, kBantako.longitude));
    const GeoPoint far = North(kBantako, 300);
    ASSERT_TRUE(sites.SetLocation(2, far.latitude, far.longitude));
    const GeoPoint near = North(kBantako, 4);
    ASSERT_TRUE(sites.SetLocation(3, near.latitude, near.longitude));
    OpenStoreWithWatch();
  }

  /// (Re)creates the event store with a CloneWatch, as the writer does when it opens.
  void OpenStoreWithWatch() {
    auto store = EventStore::Create(*connection_, {CloneWatchFactory([this] { return now_; })});
    ASSERT_TRUE(store) << store.error().message();
    store_ = std::move(store).value();
  }

  /// A tap of `uid` at `site` (its kiosk k-<site>, gate <site>1) at `at`.
  v1::Event Tap(std::uint32_t site, std::int64_t at,
                v1::Verification verification = v1::VERIFICATION_VALID,
                const std::string& uid = kUid) {
    v1::Event event;
    const std::uint64_t seq = ++seqs_[site];
    std::string id(16, '\0');
    id[0] = static_cast<char>(site);
    for (int i = 0; i < 8; ++i)
      id[static_cast<std::size_t>(15 - i)] = static_cast<char>(seq >> (8 * i));
    id[6] = static_cast<char>(0x70);
    id[8] = static_cast<char>(0x80);
    event.set_event_id(id);
    event.set_device_id("k-" + std::to_string(site));
    event.set_device_seq(seq);
    event.set_occurred_at_ms(at);
    event.set_site_id(site);
    event.set_gate_id(site * 10 + 1);
    event.set_agent_id("agent.diallo");
    auto* gate = event.mutable_gate_passed();
    gate->set_direction(v1::DIRECTION_IN);
    gate->set_tag_uid(uid);
    gate->set_verification(verification);
    gate->set_person_token(std::string(16, '\x42'));
    return event;
  }

  /// The issue of `uid`'s bracelet at `site` (the projector does not check the credential: the
  /// validator, which these tests skip, does).
  v1::Event Issue(std::uint32_t site, std::int64_t at, const std::string& uid = kUid) {
    v1::Event event = Tap(site, at, v1::VERIFICATION_VALID, uid);
    event.clear_gate_passed();
    auto* issued = event.mutable_bracelet_issued();
    issued->set_person_token(std::string(16, '\x42'));
    issued->set_tag_uid(uid);
    issued->set_tag_type(v1::TAG_TYPE_NTAG213);
    issued->set_credential(std::string(90, '\x01'));
    return event;
  }

  /// Stores one kiosk's batch in its own transaction, as the writer does (all events of one
  /// batch come from one kiosk).
  void Store(std::vector<v1::Event> events) {
    ASSERT_FALSE(events.empty());
    auto transaction = db::Transaction::Begin(*connection_, db::Transaction::Mode::kImmediate);
    ASSERT_TRUE(transaction);
    const std::string device = events.front().device_id();
    auto stored = store_->Append(IncomingBatch{device, std::move(events), now_, {}});
    ASSERT_TRUE(stored) << stored.error().message();
    ASSERT_TRUE(transaction.value().Commit());
  }

  std::int64_t Count(const std::string& sql) {
    auto statement = connection_->Prepare(sql);
    EXPECT_TRUE(statement) << sql;
    if (!statement) return -1;
    auto row = statement.value().Step();
    EXPECT_TRUE(row && row.value()) << sql;
    return statement.value().ColumnInt64(0);
  }

  /// Every security event as "tag first_site>second_site first_at second_at status", by id.
  std::vector<std::string> Events() {
    std::vector<std::string> rows;
    auto statement = connection_->Prepare(
        "SELECT hex(tag_uid) || ' ' || first_site_id || '>' || second_site_id || ' ' || "
        "(first_at_ms - " +
        std::to_string(kT0) + ") || ' ' || (second_at_ms - " + std::to_string(kT0) +
        ") || ' ' || status FROM security_events ORDER BY event_id");
    EXPECT_TRUE(statement);
    if (!statement) return rows;
    while (true) {
      auto row = statement.value().Step();
      if (!row || !row.value()) break;
      rows.push_back(statement.value().ColumnText(0));
    }
    return rows;
  }

  minegate::test::TempDir dir_{"security"};
  std::optional<db::Connection> connection_;
  std::unique_ptr<EventStore> store_;
  std::int64_t now_ = kT0 + 30 * kDay;
  std::map<std::uint32_t, std::uint64_t> seqs_;
  int databases_ = 0;
};

}  // namespace minegate::server::security::test
