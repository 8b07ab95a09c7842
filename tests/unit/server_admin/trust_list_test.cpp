// The trust list kiosks receive: full at version 0, then only what changed.
#include "server/admin/trust_list.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "proto/credential/signing_key.hpp"
#include "server/admin/device_registry.hpp"
#include "server/admin/site_registry.hpp"
#include "tests/unit/server_admin/admin_test_support.hpp"

namespace minegate::server::admin {
namespace {

credential::PublicKey KeyFromSeedByte(std::uint8_t fill) {
  credential::Seed seed{};
  seed.fill(fill);
  return credential::SigningKey::FromSeed(seed).value().public_key();
}

std::string AsString(const auto& bytes) { return std::string(bytes.begin(), bytes.end()); }

class TrustListTest : public test::AdminTest {
 protected:
  TrustListTest() { site_ = sites_.AddSite("Bantako", Department::kKedougou).value(); }

  /// Creates and enrols a device with the key of seed byte `fill`; returns its id.
  std::string Enrol(std::uint8_t fill) {
    auto enrolment = devices_.CreateDeviceEnrolment(site_, std::nullopt, "");
    if (!enrolment) throw std::runtime_error(enrolment.error().message());
    auto enrolled = devices_.CompleteEnrolment(enrolment.value().code, KeyFromSeedByte(fill));
    if (!enrolled) throw std::runtime_error(enrolled.error().message());
    return enrolled.value().device_id;
  }

  v1::TrustListUpdate Since(std::uint64_t version) {
    auto update = TrustListSince(connection(), version);
    if (!update) throw std::runtime_error(update.error().message());
    return update.value();
  }

  SiteRegistry sites_{connection(), clock()};
  DeviceRegistry devices_{connection(), clock()};
  std::int64_t site_ = 0;
};

TEST_F(TrustListTest, EmptyAtFirst) {
  const v1::TrustListUpdate update = Since(0);
  EXPECT_EQ(update.version(), 0u);
  EXPECT_TRUE(update.full());
  EXPECT_EQ(update.keys_size(), 0);
}

TEST_F(TrustListTest, VersionZeroGetsEveryEnrolledDevice) {
  const std::string first = Enrol(0x11);
  const std::string second = Enrol(0x22);
  ASSERT_TRUE(devices_.CreateDeviceEnrolment(site_, std::nullopt, ""));  // pending: not listed

  const v1::TrustListUpdate update = Since(0);
  EXPECT_EQ(update.version(), 2u);
  EXPECT_TRUE(update.full());
  ASSERT_EQ(update.keys_size(), 2);
  EXPECT_EQ(update.keys(0).device_id(), first);
  EXPECT_EQ(update.keys(0).public_key(), AsString(KeyFromSeedByte(0x11)));
  EXPECT_EQ(update.keys(0).key_id(), AsString(credential::KeyIdOf(KeyFromSeedByte(0x11))));
  EXPECT_EQ(update.keys(0).revoked_at_ms(), 0);
  EXPECT_EQ(update.keys(1).device_id(), second);
}

TEST_F(TrustListTest, LaterVersionsGetOnlyWhatChanged) {
  const std::string first = Enrol(0x11);
  const std::string second = Enrol(0x22);

  v1::TrustListUpdate update = Since(1);
  EXPECT_FALSE(update.full());
  EXPECT_EQ(update.version(), 2u);
  ASSERT_EQ(update.keys_size(), 1);
  EXPECT_EQ(update.keys(0).device_id(), second);

  update = Since(2);
  EXPECT_FALSE(update.full());
  EXPECT_EQ(update.version(), 2u);
  EXPECT_EQ(update.keys_size(), 0);

  const std::int64_t revoked_at = test::kStartMs + test::kHourMs;
  ASSERT_TRUE(devices_.RevokeDevice(first, revoked_at));
  update = Since(2);
  EXPECT_EQ(update.version(), 3u);
  ASSERT_EQ(update.keys_size(), 1);
  EXPECT_EQ(update.keys(0).device_id(), first);
  EXPECT_EQ(update.keys(0).revoked_at_ms(), revoked_at);
}

TEST_F(TrustListTest, FullListKeepsRevokedKeysWithTheirTime) {
  const std::string first = Enrol(0x11);
  ASSERT_TRUE(devices_.RevokeDevice(first, test::kStartMs + 7));
  const v1::TrustListUpdate update = Since(0);
  ASSERT_EQ(update.keys_size(), 1);
  EXPECT_EQ(update.keys(0).revoked_at_ms(), test::kStartMs + 7);
}

TEST_F(TrustListTest, AVersionFromTheFutureGetsAFullList) {
  Enrol(0x11);
  const v1::TrustListUpdate update = Since(99);
  EXPECT_TRUE(update.full());
  EXPECT_EQ(update.version(), 1u);
  EXPECT_EQ(update.keys_size(), 1);
}

}  // namespace
}  // namespace minegate::server::admin
