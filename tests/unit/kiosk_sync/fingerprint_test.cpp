// The pinned certificate fingerprint: what forms are accepted, and that nothing else is.
#include <gtest/gtest.h>

#include "kiosk/server_link/tls_pin.hpp"
#include "kiosk/sync/server_address.hpp"
#include "kiosk/sync/sync_error.hpp"

namespace minegate::kiosk::net {
namespace {

constexpr char kHex[] = "3f0a5b6c7d8e9f00112233445566778899aabbccddeeff00112233445566778f";

TEST(FingerprintTest, AcceptsPlainAndColonSeparatedInEitherCase) {
  auto plain = ParseFingerprint(kHex);
  ASSERT_TRUE(plain);
  EXPECT_EQ(FingerprintHex(plain.value()), kHex);
  EXPECT_EQ(plain.value()[0], 0x3f);
  EXPECT_EQ(plain.value()[31], 0x8f);

  std::string colons;
  for (std::size_t i = 0; i < 64; i += 2) {
    if (i) colons += ':';
    colons += static_cast<char>(std::toupper(kHex[i]));
    colons += static_cast<char>(std::toupper(kHex[i + 1]));
  }
  auto separated = ParseFingerprint(colons);
  ASSERT_TRUE(separated);
  EXPECT_EQ(separated.value(), plain.value());
}

TEST(FingerprintTest, RefusesWrongLengthsAndDigits) {
  const std::string hex = kHex;
  for (const std::string& bad :
       {std::string(), hex.substr(0, 62), hex + "00", hex.substr(1), "g" + hex.substr(1),
        hex.substr(0, 63) + "-", std::string("SHA256 Fingerprint=") + hex}) {
    auto parsed = ParseFingerprint(bad);
    ASSERT_FALSE(parsed) << bad;
    EXPECT_EQ(parsed.error(), LinkErrc::bad_fingerprint);
  }
}

TEST(FingerprintTest, DigestIsSha256) {
  // SHA-256("abc"), FIPS 180-2 appendix B.1.
  const std::uint8_t abc[] = {'a', 'b', 'c'};
  EXPECT_EQ(FingerprintHex(CertificateDigest(abc, sizeof(abc))),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(FingerprintTest, NoEndpointWithoutPinHostOrPort) {
  sync::ServerAddress address;
  address.host = "127.0.0.1";
  address.port = 8443;
  EXPECT_EQ(sync::ToEndpoint(address).error(), LinkErrc::bad_fingerprint);
  address.fingerprint = kHex;
  auto endpoint = sync::ToEndpoint(address);
  ASSERT_TRUE(endpoint);
  EXPECT_EQ(FingerprintHex(endpoint.value().pin), kHex);
  address.host.clear();
  EXPECT_EQ(sync::ToEndpoint(address).error(), sync::Errc::bad_options);
}

TEST(LinkErrorTest, NamesAndMessagesAreStableAndBilingual) {
  EXPECT_STREQ(LinkErrorName(LinkErrc::tls_fingerprint_mismatch), "tls_fingerprint_mismatch");
  EXPECT_STREQ(LinkErrorName(LinkErrc::connect_failed), "connect_failed");
  for (int value = 1; value <= static_cast<int>(LinkErrc::response_too_large); ++value) {
    const auto message = make_error_code(static_cast<LinkErrc>(value)).message();
    EXPECT_NE(message.find(" / "), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace minegate::kiosk::net
