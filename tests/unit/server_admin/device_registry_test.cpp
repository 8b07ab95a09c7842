// Devices: creation with a one-time code, enrolment, revocation, lookups.
#include "server/admin/device_registry.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <cctype>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "minegate/v1/events.pb.h"
#include "proto/credential/issued_digest.hpp"
#include "proto/credential/signing_key.hpp"
#include "server/admin/enrolment_code.hpp"
#include "server/admin/error.hpp"
#include "server/admin/site_registry.hpp"
#include "server/admin/trust_list.hpp"
#include "server/admin/user_registry.hpp"
#include "tests/unit/server_admin/admin_test_support.hpp"

namespace minegate::server::admin {
namespace {

using Bytes = std::vector<std::uint8_t>;

credential::PublicKey KeyFromSeedByte(std::uint8_t fill) {
  credential::Seed seed{};
  seed.fill(fill);
  return credential::SigningKey::FromSeed(seed).value().public_key();
}

class DeviceRegistryTest : public test::AdminTest {
 protected:
  DeviceRegistryTest() {
    bantako_ = sites_.AddSite("Bantako", Department::kKedougou).value();
    khossanto_ = sites_.AddSite("Khossanto", Department::kSaraya).value();
    bantako_north_ = sites_.AddGate(bantako_, "Nord").value();
    khossanto_gate_ = sites_.AddGate(khossanto_, "Principale").value();
  }

  DeviceEnrolment MustCreate(std::int64_t site, std::optional<std::int64_t> gate = std::nullopt) {
    auto enrolment = devices_.CreateDeviceEnrolment(site, gate, "kiosque de test");
    if (!enrolment) throw std::runtime_error(enrolment.error().message());
    return enrolment.value();
  }

  SiteRegistry sites_{connection(), clock()};
  DeviceRegistry devices_{connection(), clock()};
  std::int64_t bantako_ = 0;
  std::int64_t khossanto_ = 0;
  std::int64_t bantako_north_ = 0;
  std::int64_t khossanto_gate_ = 0;
  credential::PublicKey key_a_ = KeyFromSeedByte(0x11);
  credential::PublicKey key_b_ = KeyFromSeedByte(0x22);
};

TEST_F(DeviceRegistryTest, IdsFollowTheDepartmentAndCount) {
  EXPECT_EQ(MustCreate(bantako_, bantako_north_).device_id, "kdg-0001");
  EXPECT_EQ(MustCreate(bantako_).device_id, "kdg-0002");
  EXPECT_EQ(MustCreate(khossanto_, khossanto_gate_).device_id, "sry-0001");
  const std::int64_t salemata = sites_.AddSite("Dakatéli", Department::kSalemata).value();
  EXPECT_EQ(MustCreate(salemata).device_id, "slm-0001");
  EXPECT_EQ(MustCreate(bantako_).device_id, "kdg-0003");
}

TEST_F(DeviceRegistryTest, CodeIsShownOnceAndOnlyItsHashIsStored) {
  const DeviceEnrolment enrolment = MustCreate(bantako_, bantako_north_);
  EXPECT_TRUE(std::regex_match(enrolment.code,
                               std::regex("([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}")))
      << enrolment.code;
  EXPECT_EQ(enrolment.expires_at_ms, test::kStartMs + 72 * test::kHourMs);

  const EnrolmentCodeHash expected = EnrolmentCode::Parse(enrolment.code).value().Hash();
  EXPECT_EQ(QueryBlob("SELECT enrolment_code_hash FROM devices"),
            Bytes(expected.begin(), expected.end()));
  // Nowhere in the database file is the code itself, with or without its dashes.
  ASSERT_TRUE(connection().Execute("PRAGMA wal_checkpoint(TRUNCATE)"));
  std::ifstream file(dir_.path() / "minegate.db", std::ios::binary);
  std::stringstream bytes;
  bytes << file.rdbuf();
  std::string undashed = enrolment.code;
  std::erase(undashed, '-');
  EXPECT_EQ(bytes.str().find(enrolment.code), std::string::npos);
  EXPECT_EQ(bytes.str().find(undashed), std::string::npos);

  auto device = devices_.FindDevice(enrolment.device_id);
  ASSERT_TRUE(device);
  EXPECT_EQ(device.value().site_id, bantako_);
  EXPECT_EQ(device.value().gate_id, bantako_north_);
  EXPECT_EQ(device.value().description, "kiosque de test");
  EXPECT_FALSE(device.value().enrolled());
  EXPECT_EQ(device.value().enrolment_expires_at_ms, enrolment.expires_at_ms);
  EXPECT_EQ(device.value().trust_version, 0);
}

TEST_F(DeviceRegistryTest, TwoEnrolmentsGetDifferentCodes) {
  EXPECT_NE(MustCreate(bantako_).code, MustCreate(bantako_).code);
}

TEST_F(DeviceRegistryTest, CreationChecksSiteGateDescriptionAndValidity) {
  EXPECT_EQ(devices_.CreateDeviceEnrolment(999, std::nullopt, "").error(), Errc::unknown_site);
  EXPECT_EQ(devices_.CreateDeviceEnrolment(bantako_, 999, "").error(), Errc::unknown_gate);
  EXPECT_EQ(devices_.CreateDeviceEnrolment(bantako_, khossanto_gate_, "").error(),
            Errc::gate_not_at_site);
  EXPECT_EQ(devices_.CreateDeviceEnrolment(bantako_, std::nullopt, "a\nb").error(),
            Errc::bad_description);
  EXPECT_EQ(devices_.CreateDeviceEnrolment(bantako_, std::nullopt, std::string(257, 'd')).error(),
            Errc::bad_description);
  EXPECT_EQ(
      devices_.CreateDeviceEnrolment(bantako_, std::nullopt, "", std::chrono::seconds(59)).error(),
      Errc::bad_validity);
  EXPECT_EQ(
      devices_.CreateDeviceEnrolment(bantako_, std::nullopt, "", std::chrono::hours(721)).error(),
      Errc::bad_validity);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM devices"), 0);

  auto short_lived =
      devices_.CreateDeviceEnrolment(bantako_, std::nullopt, "", std::chrono::hours(1));
  ASSERT_TRUE(short_lived);
  EXPECT_EQ(short_lived.value().expires_at_ms, test::kStartMs + test::kHourMs);
}

TEST_F(DeviceRegistryTest, EnrolmentStoresTheKeyAndPublishesIt) {
  const DeviceEnrolment enrolment = MustCreate(bantako_, bantako_north_);
  now_ms_ += test::kHourMs;
  auto enrolled = devices_.CompleteEnrolment(enrolment.code, key_a_);
  ASSERT_TRUE(enrolled) << enrolled.error().message();
  EXPECT_EQ(enrolled.value().device_id, enrolment.device_id);
  EXPECT_EQ(enrolled.value().site_id, bantako_);
  EXPECT_EQ(enrolled.value().gate_id, bantako_north_);
  EXPECT_EQ(enrolled.value().key_id, credential::KeyIdOf(key_a_));
  EXPECT_EQ(enrolled.value().trust_version, 1);

  auto device = devices_.FindDevice(enrolment.device_id);
  ASSERT_TRUE(device);
  EXPECT_EQ(device.value().public_key, key_a_);
  EXPECT_EQ(device.value().key_id, credential::KeyIdOf(key_a_));
  EXPECT_EQ(device.value().enrolled_at_ms, test::kStartMs + test::kHourMs);
  EXPECT_FALSE(device.value().enrolment_expires_at_ms);
  EXPECT_EQ(device.value().trust_version, 1);
  EXPECT_EQ(ListVersion("trust_list"), 1);
  EXPECT_EQ(QueryInt("SELECT enrolment_code_hash IS NULL FROM devices"), 1);
}

TEST_F(DeviceRegistryTest, CodeIsSingleUse) {
  const DeviceEnrolment enrolment = MustCreate(bantako_);
  ASSERT_TRUE(devices_.CompleteEnrolment(enrolment.code, key_a_));
  auto again = devices_.CompleteEnrolment(enrolment.code, key_b_);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error(), Errc::unknown_enrolment_code);
  EXPECT_EQ(devices_.FindDevice(enrolment.device_id).value().public_key, key_a_);
  EXPECT_EQ(ListVersion("trust_list"), 1);
}

TEST_F(DeviceRegistryTest, CodeMayBeTypedLooselyAtTheKiosk) {
  const DeviceEnrolment enrolment = MustCreate(bantako_);
  std::string typed;
  for (char c : enrolment.code) {
    if (c == '-') continue;
    typed.push_back(c == '0' ? 'o' : c == '1' ? 'l' : static_cast<char>(std::tolower(c)));
  }
  EXPECT_TRUE(devices_.CompleteEnrolment(typed, key_a_));
}

TEST_F(DeviceRegistryTest, ExpiredCodeIsRefusedAndChangesNothing) {
  const DeviceEnrolment enrolment = MustCreate(bantako_);
  now_ms_ = enrolment.expires_at_ms;
  auto late = devices_.CompleteEnrolment(enrolment.code, key_a_);
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error(), Errc::enrolment_expired);
  EXPECT_FALSE(devices_.FindDevice(enrolment.device_id).value().enrolled());
  EXPECT_EQ(ListVersion("trust_list"), 0);

  now_ms_ = enrolment.expires_at_ms - 1;
  EXPECT_TRUE(devices_.CompleteEnrolment(enrolment.code, key_a_));
}

TEST_F(DeviceRegistryTest, WrongOrMalformedCodeIsRefused) {
  MustCreate(bantako_);
  const std::string other = EnrolmentCode::Generate().value().ToString();
  EXPECT_EQ(devices_.CompleteEnrolment(other, key_a_).error(), Errc::unknown_enrolment_code);
  EXPECT_EQ(devices_.CompleteEnrolment("hello", key_a_).error(), Errc::bad_enrolment_code);
  EXPECT_EQ(devices_.CompleteEnrolment("", key_a_).error(), Errc::bad_enrolment_code);
  EXPECT_EQ(ListVersion("trust_list"), 0);
}

TEST_F(DeviceRegistryTest, KeyMustBe32BytesAndAValidPoint) {
  const DeviceEnrolment enrolment = MustCreate(bantako_);
  const Bytes short_key(31, 0x42);
  EXPECT_EQ(devices_.CompleteEnrolment(enrolment.code, short_key).error(), Errc::bad_key_length);
  const Bytes long_key(33, 0x42);
  EXPECT_EQ(devices_.CompleteEnrolment(enrolment.code, long_key).error(), Errc::bad_key_length);
  const Bytes zero(32, 0x00);  // a small-order point: never a real key
  EXPECT_EQ(devices_.CompleteEnrolment(enrolment.code, zero).error(), Errc::bad_public_key);
  // None of that spent the code.
  EXPECT_TRUE(devices_.CompleteEnrolment(enrolment.code, key_a_));
}

TEST_F(DeviceRegistryTest, AKeyEnrolsOnlyOnce) {
  const DeviceEnrolment first = MustCreate(bantako_);
  const DeviceEnrolment second = MustCreate(bantako_);
  ASSERT_TRUE(devices_.CompleteEnrolment(first.code, key_a_));
  auto reused = devices_.CompleteEnrolment(second.code, key_a_);
  ASSERT_FALSE(reused);
  EXPECT_EQ(reused.error(), Errc::key_already_enrolled);
  EXPECT_FALSE(devices_.FindDevice(second.device_id).value().enrolled());
  // The second code is still good for another key.
  EXPECT_TRUE(devices_.CompleteEnrolment(second.code, key_b_));
  EXPECT_EQ(ListVersion("trust_list"), 2);
}

TEST_F(DeviceRegistryTest, RevocationBumpsTheTrustListVersion) {
  const DeviceEnrolment enrolment = MustCreate(bantako_);
  ASSERT_TRUE(devices_.CompleteEnrolment(enrolment.code, key_a_));
  const std::int64_t stolen_at = test::kStartMs + 5 * test::kHourMs;
  auto version = devices_.RevokeDevice(enrolment.device_id, stolen_at);
  ASSERT_TRUE(version) << version.error().message();
  EXPECT_EQ(version.value().trust_version, 2);
  EXPECT_EQ(version.value().bracelets_kept, 0u);
  EXPECT_EQ(ListVersion("trust_list"), 2);
  auto device = devices_.FindDevice(enrolment.device_id);
  EXPECT_EQ(device.value().revoked_at_ms, stolen_at);
  EXPECT_EQ(device.value().trust_version, 2);
  EXPECT_EQ(device.value().public_key, key_a_);  // kept: frozen bracelets still verify
}

/// Stores a BraceletIssued event from `device` as the ingest would, received at `received_at`.
void StoreIssued(db::Connection& connection, const std::string& device, std::int64_t seq,
                 const std::string& uid, const std::string& credential, std::int64_t received_at) {
  v1::Event event;
  event.set_event_id(std::string(15, '\x07') + static_cast<char>(seq));
  event.set_device_id(device);
  event.set_device_seq(static_cast<std::uint64_t>(seq));
  event.mutable_bracelet_issued()->set_tag_uid(uid);
  event.mutable_bracelet_issued()->set_credential(credential);
  const std::string blob = event.SerializeAsString();
  auto insert = connection.Prepare(
      "INSERT INTO events (event_id, device_id, device_seq, occurred_at_ms, received_at_ms, "
      "site_id, gate_id, body_kind, event) VALUES (?, ?, ?, ?, ?, 1, 1, 'bracelet_issued', ?)");
  ASSERT_TRUE(insert);
  auto& statement = insert.value();
  const auto* id = reinterpret_cast<const std::uint8_t*>(event.event_id().data());
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(blob.data());
  ASSERT_TRUE(statement.BindBlob(1, {id, event.event_id().size()}));
  ASSERT_TRUE(statement.BindText(2, device));
  ASSERT_TRUE(statement.BindInt64(3, seq));
  ASSERT_TRUE(statement.BindInt64(4, received_at));
  ASSERT_TRUE(statement.BindInt64(5, received_at));
  ASSERT_TRUE(statement.BindBlob(6, {bytes, blob.size()}));
  ASSERT_TRUE(statement.Run());
}

TEST_F(DeviceRegistryTest, RevocationFreezesTheBraceletsReceivedAndCompromisesTheSiteRoster) {
  const DeviceEnrolment enrolment = MustCreate(bantako_);
  ASSERT_TRUE(devices_.CompleteEnrolment(enrolment.code, key_a_));
  UserRegistry users(connection(), clock());
  const std::vector<std::int64_t> here{bantako_};
  const std::vector<std::int64_t> elsewhere{khossanto_};
  ASSERT_TRUE(users.AddUser("moussa", "Moussa", Role::kGateAgent, "correct horse battery", "482915",
                            {}, here));
  ASSERT_TRUE(users.AddUser("ibou", "Ibou", Role::kGateAgent, "correct horse battery", "730591", {},
                            elsewhere));
  // Moved away from the site, but the kiosk has sent nothing since: it may still hold her PIN.
  ASSERT_TRUE(
      users.AddUser("aida", "Aida", Role::kGateAgent, "correct horse battery", "620491", {}, here));
  ASSERT_TRUE(users.UnassignSite("aida", bantako_));
  const std::int64_t stolen_at = test::kStartMs + 5 * test::kHourMs;
  StoreIssued(connection(), enrolment.device_id, 1, "\x04\x01\x02\x03\x04\x05\x06",
              "credential-before", stolen_at - 1);
  // Received after the theft: the thief's, not to be kept.
  StoreIssued(connection(), enrolment.device_id, 2, "\x04\x01\x02\x03\x04\x05\x07",
              "credential-after", stolen_at + 1);

  auto revoked = devices_.RevokeDevice(enrolment.device_id, stolen_at);
  ASSERT_TRUE(revoked) << revoked.error().message();
  EXPECT_EQ(revoked.value().bracelets_kept, 1u);
  EXPECT_EQ(revoked.value().compromised_agents, (std::vector<std::string>{"aida", "moussa"}));

  const v1::TrustListUpdate trust = TrustListSince(connection(), 0).value();
  ASSERT_EQ(trust.keys_size(), 1);
  ASSERT_EQ(trust.keys(0).bracelets_before_revocation_size(), 1);
  const std::string uid = "\x04\x01\x02\x03\x04\x05\x06";
  const std::string credential = "credential-before";
  const auto expected = credential::DigestOfIssued(
      {reinterpret_cast<const std::uint8_t*>(uid.data()), uid.size()},
      {reinterpret_cast<const std::uint8_t*>(credential.data()), credential.size()});
  EXPECT_EQ(trust.keys(0).bracelets_before_revocation(0),
            std::string(expected.begin(), expected.end()));

  EXPECT_TRUE(users.FindUser("moussa").value().pin_compromised_at_ms);
  EXPECT_EQ(users.FindUser("moussa").value().compromised_by_device, enrolment.device_id);
  EXPECT_FALSE(users.FindUser("ibou").value().pin_compromised_at_ms);

  // Moved earlier, before the first bracelet arrived: nothing of it is kept.
  auto earlier = devices_.RevokeDevice(enrolment.device_id, stolen_at - 10);
  ASSERT_TRUE(earlier);
  EXPECT_EQ(earlier.value().bracelets_kept, 0u);
  EXPECT_EQ(TrustListSince(connection(), 0).value().keys(0).bracelets_before_revocation_size(), 0);
}

TEST_F(DeviceRegistryTest, RevocationMovesOnlyEarlier) {
  const DeviceEnrolment enrolment = MustCreate(bantako_);
  ASSERT_TRUE(devices_.CompleteEnrolment(enrolment.code, key_a_));
  const std::int64_t at = test::kStartMs + 5 * test::kHourMs;
  ASSERT_TRUE(devices_.RevokeDevice(enrolment.device_id, at));
  EXPECT_EQ(devices_.RevokeDevice(enrolment.device_id, at).error(), Errc::device_already_revoked);
  EXPECT_EQ(devices_.RevokeDevice(enrolment.device_id, at + 1).error(),
            Errc::device_already_revoked);
  EXPECT_EQ(ListVersion("trust_list"), 2);
  auto earlier = devices_.RevokeDevice(enrolment.device_id, at - test::kHourMs);
  ASSERT_TRUE(earlier);
  EXPECT_EQ(earlier.value().trust_version, 3);
  EXPECT_EQ(devices_.FindDevice(enrolment.device_id).value().revoked_at_ms, at - test::kHourMs);
}

TEST_F(DeviceRegistryTest, RevokingAPendingDeviceKillsItsCode) {
  const DeviceEnrolment enrolment = MustCreate(bantako_);
  ASSERT_TRUE(devices_.RevokeDevice(enrolment.device_id, test::kStartMs));
  EXPECT_EQ(devices_.CompleteEnrolment(enrolment.code, key_a_).error(),
            Errc::unknown_enrolment_code);
  EXPECT_EQ(QueryInt("SELECT enrolment_code_hash IS NULL FROM devices"), 1);
}

TEST_F(DeviceRegistryTest, RevokeChecksDeviceAndTime) {
  const DeviceEnrolment enrolment = MustCreate(bantako_);
  EXPECT_EQ(devices_.RevokeDevice("kdg-9999", test::kStartMs).error(), Errc::unknown_device);
  EXPECT_EQ(devices_.RevokeDevice(enrolment.device_id, 0).error(), Errc::bad_time);
  EXPECT_EQ(devices_.RevokeDevice(enrolment.device_id, -5).error(), Errc::bad_time);
  EXPECT_EQ(ListVersion("trust_list"), 0);
}

TEST_F(DeviceRegistryTest, FindByKeyIdAndList) {
  const DeviceEnrolment first = MustCreate(bantako_, bantako_north_);
  const DeviceEnrolment second = MustCreate(khossanto_);
  ASSERT_TRUE(devices_.CompleteEnrolment(second.code, key_b_));

  auto found = devices_.FindDeviceByKeyId(credential::KeyIdOf(key_b_));
  ASSERT_TRUE(found);
  EXPECT_EQ(found.value().device_id, second.device_id);
  EXPECT_EQ(found.value().site_id, khossanto_);
  EXPECT_FALSE(found.value().gate_id);
  EXPECT_EQ(devices_.FindDeviceByKeyId(credential::KeyIdOf(key_a_)).error(), Errc::unknown_device);
  EXPECT_EQ(devices_.FindDevice("nope").error(), Errc::unknown_device);

  auto listed = devices_.ListDevices();
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed.value().size(), 2u);
  EXPECT_EQ(listed.value()[0].device_id, first.device_id);
  EXPECT_FALSE(listed.value()[0].enrolled());
  EXPECT_TRUE(listed.value()[1].enrolled());
}

}  // namespace
}  // namespace minegate::server::admin
