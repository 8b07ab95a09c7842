// The bracelet credential: layout, issuing and offline verification.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "proto/credential/codec.hpp"
#include "proto/credential/issued_digest.hpp"
#include "proto/credential/issuer.hpp"
#include "proto/credential/key_set.hpp"
#include "proto/credential/signing_key.hpp"
#include "proto/credential/verifier.hpp"

namespace minegate::credential {
namespace {

using Bytes = std::vector<std::uint8_t>;

const Bytes kUid = {0x04, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66};
const Bytes kOtherUid = {0x04, 0x11, 0x22, 0x33, 0x44, 0x55, 0x67};
constexpr std::int64_t kIssuedAt = 1'795'000'000'000;  // 2026-11-18
/// The verifier's clock: a day after issue.
constexpr std::int64_t kNow = kIssuedAt + 86'400'000;

SigningKey KeyFromSeedByte(std::uint8_t fill) {
  Seed seed{};
  seed.fill(fill);
  return SigningKey::FromSeed(seed).value();
}

CredentialFields BraceletFields(std::int64_t issued_at = kIssuedAt) {
  CredentialFields fields;
  fields.kind = Kind::bracelet;
  for (std::size_t i = 0; i < fields.person_token.size(); ++i) {
    fields.person_token[i] = static_cast<std::uint8_t>(0xA0 + i);
  }
  fields.site_id = 4711;
  fields.issued_at_ms = issued_at;
  return fields;
}

CredentialFields MinerCardFields() {
  CredentialFields fields = BraceletFields();
  fields.kind = Kind::miner_card;
  fields.card_number = "KED-2026/00417";
  return fields;
}

KeySet TrustOnly(const SigningKey& key) {
  KeySet keys;
  keys.Upsert({.public_key = key.public_key()});
  return keys;
}

class CredentialTest : public ::testing::Test {
 protected:
  SigningKey key_ = KeyFromSeedByte(0x42);
  KeySet keys_ = TrustOnly(key_);
};

TEST_F(CredentialTest, BraceletRoundTrip) {
  const Bytes bytes = Issue(BraceletFields(), kUid, key_).value();
  ASSERT_EQ(bytes.size(), kBraceletSize);
  auto decoded = DecodeAndVerify(bytes, kUid, keys_, kNow);
  ASSERT_TRUE(decoded) << decoded.error().message();
  EXPECT_EQ(decoded.value().fields, BraceletFields());
  EXPECT_EQ(decoded.value().key_id, key_.key_id());
}

TEST_F(CredentialTest, MinerCardRoundTripCarriesCardNumber) {
  const Bytes bytes = Issue(MinerCardFields(), kUid, key_).value();
  EXPECT_EQ(bytes.size(), kBraceletSize + 1 + MinerCardFields().card_number.size());
  auto decoded = DecodeAndVerify(bytes, kUid, keys_, kNow);
  ASSERT_TRUE(decoded) << decoded.error().message();
  EXPECT_EQ(decoded.value().fields, MinerCardFields());
}

TEST_F(CredentialTest, LayoutOffsetsAreFixed) {
  const Bytes bytes = Issue(BraceletFields(), kUid, key_).value();
  EXPECT_EQ(bytes[0], 1);  // version
  EXPECT_EQ(bytes[1], 1);  // kind bracelet
  EXPECT_EQ(bytes[2], 0xA0);
  EXPECT_EQ(bytes[17], 0xAF);
  // site 4711 = 0x00001267, big-endian
  EXPECT_EQ((Bytes{bytes.begin() + 18, bytes.begin() + 22}), (Bytes{0x00, 0x00, 0x12, 0x67}));
  // issued-at, big-endian milliseconds
  std::uint64_t issued = 0;
  for (int i = 22; i < 30; ++i) issued = (issued << 8) | bytes[static_cast<std::size_t>(i)];
  EXPECT_EQ(issued, static_cast<std::uint64_t>(kIssuedAt));
  EXPECT_EQ((Bytes{bytes.begin() + 30, bytes.begin() + 38}),
            (Bytes{key_.key_id().begin(), key_.key_id().end()}));
}

// Anyone's phone reads a tag, so the decoded credential must be exactly version, kind,
// random token, site, time, key id, signature (and a miner's printed card number), and the
// bytes nothing but those. The structured bindings name every member of Credential and
// CredentialFields: a member added to either stops this test from compiling, and whoever
// adds one comes here to say why it is not personal. The kiosk's registration test checks
// that nothing of the person registered reaches the bytes it writes.
TEST_F(CredentialTest, CarriesNoPersonalData) {
  for (const CredentialFields& issued : {BraceletFields(), MinerCardFields()}) {
    SCOPED_TRACE(issued.card_number.empty() ? "bracelet" : "miner card");
    const Bytes bytes = Issue(issued, kUid, key_).value();
    auto decoded = Decode(bytes);
    ASSERT_TRUE(decoded) << decoded.error().message();
    const auto& [version, fields, key_id, signature, signed_bytes] = decoded.value();
    const auto& [kind, person_token, site_id, issued_at_ms, card_number] = fields;

    EXPECT_EQ(version, kVersion1);
    EXPECT_EQ(kind, issued.kind);
    EXPECT_EQ(person_token, issued.person_token);
    EXPECT_EQ(site_id, issued.site_id);
    EXPECT_EQ(issued_at_ms, issued.issued_at_ms);
    EXPECT_EQ(card_number, issued.card_number);
    EXPECT_EQ(key_id, key_.key_id());
    EXPECT_TRUE(DecodeAndVerify(bytes, kUid, keys_, kNow));

    // Every byte is one of those fields: encoded again from them alone, with the signature
    // after, they are the whole credential; the sizes add up to its length.
    Bytes rebuilt = EncodeUnsigned(fields, key_id).value();
    EXPECT_EQ(rebuilt, signed_bytes);
    rebuilt.insert(rebuilt.end(), signature.begin(), signature.end());
    EXPECT_EQ(rebuilt, bytes);
    const std::size_t card_bytes = card_number.empty() ? 0 : 1 + card_number.size();
    EXPECT_EQ(bytes.size(), sizeof version + sizeof kind + person_token.size() + sizeof site_id +
                                sizeof issued_at_ms + key_id.size() + card_bytes +
                                signature.size());
  }
  EXPECT_EQ(kBraceletSize, 102u);
}

TEST_F(CredentialTest, FlippingAnySingleBitFailsVerification) {
  const Bytes good = Issue(BraceletFields(), kUid, key_).value();
  for (std::size_t byte = 0; byte < good.size(); ++byte) {
    for (int bit = 0; bit < 8; ++bit) {
      Bytes bad = good;
      bad[byte] = static_cast<std::uint8_t>(bad[byte] ^ (1u << bit));
      EXPECT_FALSE(DecodeAndVerify(bad, kUid, keys_, kNow)) << "byte " << byte << " bit " << bit;
    }
  }
}

TEST_F(CredentialTest, FlippingAnyBitOfTheMinerCardFailsVerification) {
  const Bytes good = Issue(MinerCardFields(), kUid, key_).value();
  for (std::size_t byte = 0; byte < good.size(); ++byte) {
    for (int bit = 0; bit < 8; ++bit) {
      Bytes bad = good;
      bad[byte] = static_cast<std::uint8_t>(bad[byte] ^ (1u << bit));
      EXPECT_FALSE(DecodeAndVerify(bad, kUid, keys_, kNow)) << "byte " << byte << " bit " << bit;
    }
  }
}

TEST_F(CredentialTest, CopyOnAnotherTagFails) {
  const Bytes bytes = Issue(BraceletFields(), kUid, key_).value();
  auto result = DecodeAndVerify(bytes, kOtherUid, keys_, kNow);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error(), make_error_code(Errc::bad_signature));
  // A 4-byte UID that is a prefix of the real one must fail too (length is signed).
  const Bytes short_uid(kUid.begin(), kUid.begin() + 4);
  EXPECT_EQ(DecodeAndVerify(bytes, short_uid, keys_, kNow).error(),
            make_error_code(Errc::bad_signature));
}

TEST_F(CredentialTest, ForgedBySomeoneElseFails) {
  const SigningKey forger = KeyFromSeedByte(0x43);
  const Bytes forged = Issue(BraceletFields(), kUid, forger).value();
  EXPECT_EQ(DecodeAndVerify(forged, kUid, keys_, kNow).error(), make_error_code(Errc::unknown_key));

  // Forger's signature under our key id: the key is known, the signature is not ours.
  Bytes relabelled = forged;
  std::copy(key_.key_id().begin(), key_.key_id().end(), relabelled.begin() + 30);
  EXPECT_EQ(DecodeAndVerify(relabelled, kUid, keys_, kNow).error(),
            make_error_code(Errc::bad_signature));
}

TEST_F(CredentialTest, RevokedKeyKeepsOnlyTheBraceletsFrozenAtRevocation) {
  constexpr std::int64_t kRevokedAt = kIssuedAt + 1000;
  const Bytes known = Issue(BraceletFields(kRevokedAt - 5000), kUid, key_).value();
  ASSERT_TRUE(keys_.Revoke(key_.key_id(), kRevokedAt, {DigestOfIssued(kUid, known)}));

  // The bracelet the server had received before the revocation stays valid.
  EXPECT_TRUE(DecodeAndVerify(known, kUid, keys_, kNow));
  // A thief holding the key backdates a credential on a new tag: the date
  // inside decides nothing.
  const Bytes backdated = Issue(BraceletFields(kRevokedAt - 3'600'000), kOtherUid, key_).value();
  EXPECT_EQ(DecodeAndVerify(backdated, kOtherUid, keys_, kNow).error(),
            make_error_code(Errc::key_revoked));
  // Re-signed with another person token on the very UID the key really issued.
  CredentialFields other_person = BraceletFields(kRevokedAt - 5000);
  other_person.person_token[0] ^= 0xFF;
  const Bytes resigned = Issue(other_person, kUid, key_).value();
  EXPECT_EQ(DecodeAndVerify(resigned, kUid, keys_, kNow).error(),
            make_error_code(Errc::key_revoked));
  // Dated after the revocation: refused too.
  const Bytes after = Issue(BraceletFields(kRevokedAt + 1), kUid, key_).value();
  EXPECT_EQ(DecodeAndVerify(after, kUid, keys_, kNow).error(), make_error_code(Errc::key_revoked));
}

TEST_F(CredentialTest, DigestBindsUidAndEveryCredentialByte) {
  const Bytes bytes = Issue(BraceletFields(), kUid, key_).value();
  const auto digest = DigestOfIssued(kUid, bytes);
  EXPECT_EQ(DigestOfIssued(kUid, Decode(bytes).value()), digest);
  EXPECT_NE(DigestOfIssued(kOtherUid, bytes), digest);
  Bytes changed = bytes;
  changed.back() ^= 1;
  EXPECT_NE(DigestOfIssued(kUid, changed), digest);
}

TEST_F(CredentialTest, CredentialDatedInTheFutureIsRefused) {
  const Bytes within_skew = Issue(BraceletFields(kNow + kMaxFutureSkewMs), kUid, key_).value();
  const Bytes beyond = Issue(BraceletFields(kNow + kMaxFutureSkewMs + 1), kUid, key_).value();
  EXPECT_TRUE(DecodeAndVerify(within_skew, kUid, keys_, kNow));
  EXPECT_EQ(DecodeAndVerify(beyond, kUid, keys_, kNow).error(),
            make_error_code(Errc::issued_in_future));
}

TEST_F(CredentialTest, RevokingAnUnknownKeyReportsIt) {
  EXPECT_FALSE(keys_.Revoke(KeyFromSeedByte(7).key_id(), kIssuedAt));
}

TEST_F(CredentialTest, DecodeErrorsAreDistinct) {
  const Bytes good = Issue(BraceletFields(), kUid, key_).value();

  EXPECT_EQ(Decode({}).error(), make_error_code(Errc::empty));
  for (std::size_t size = 1; size < good.size(); ++size) {
    EXPECT_EQ(Decode(std::span(good).first(size)).error(), make_error_code(Errc::truncated))
        << "prefix of " << size << " bytes";
  }
  Bytes oversized(kMaxEncodedSize + 1, 0x01);
  EXPECT_EQ(Decode(oversized).error(), make_error_code(Errc::oversized));

  Bytes trailing = good;
  trailing.push_back(0);
  EXPECT_EQ(Decode(trailing).error(), make_error_code(Errc::trailing_bytes));

  Bytes bad_version = good;
  bad_version[0] = 0xFF;
  EXPECT_EQ(Decode(bad_version).error(), make_error_code(Errc::unsupported_version));

  Bytes bad_kind = good;
  bad_kind[1] = 0x07;
  EXPECT_EQ(Decode(bad_kind).error(), make_error_code(Errc::unknown_kind));

  const Bytes garbage = {'h', 't', 't', 'p', 's', ':', '/', '/', 'e', 'x'};
  EXPECT_EQ(Decode(garbage).error(), make_error_code(Errc::unsupported_version));
}

TEST_F(CredentialTest, MinerCardNumberIsChecked) {
  Bytes card = Issue(MinerCardFields(), kUid, key_).value();
  Bytes zero_length = card;
  zero_length[kFixedHeaderSize] = 0;
  EXPECT_EQ(Decode(zero_length).error(), make_error_code(Errc::bad_card_number));

  Bytes too_long = card;
  too_long[kFixedHeaderSize] = kMaxCardNumberLength + 1;
  EXPECT_EQ(Decode(too_long).error(), make_error_code(Errc::bad_card_number));

  Bytes lower_case = card;
  lower_case[kFixedHeaderSize + 1] = 'k';
  EXPECT_EQ(Decode(lower_case).error(), make_error_code(Errc::bad_card_number));
}

TEST_F(CredentialTest, IssuingRefusesBadInput) {
  const Bytes five_byte_uid = {1, 2, 3, 4, 5};
  EXPECT_EQ(Issue(BraceletFields(), five_byte_uid, key_).error(), make_error_code(Errc::bad_uid));

  CredentialFields bracelet_with_number = BraceletFields();
  bracelet_with_number.card_number = "123";
  EXPECT_EQ(Issue(bracelet_with_number, kUid, key_).error(),
            make_error_code(Errc::card_number_on_bracelet));

  CredentialFields card_without_number = MinerCardFields();
  card_without_number.card_number.clear();
  EXPECT_EQ(Issue(card_without_number, kUid, key_).error(), make_error_code(Errc::bad_card_number));

  CredentialFields card_number_too_long = MinerCardFields();
  card_number_too_long.card_number = std::string(kMaxCardNumberLength + 1, '1');
  EXPECT_EQ(Issue(card_number_too_long, kUid, key_).error(),
            make_error_code(Errc::bad_card_number));
}

TEST_F(CredentialTest, SeedReloadsTheSameKey) {
  const SigningKey generated = SigningKey::Generate().value();
  const SigningKey reloaded = SigningKey::FromSeed(generated.seed()).value();
  EXPECT_EQ(generated.public_key(), reloaded.public_key());
  EXPECT_EQ(generated.key_id(), reloaded.key_id());
  EXPECT_NE(generated.public_key(), key_.public_key());
}

TEST_F(CredentialTest, ErrorMessagesAreFrenchThenEnglish) {
  for (int code = static_cast<int>(Errc::empty); code <= static_cast<int>(Errc::crypto_unavailable);
       ++code) {
    const std::string message = make_error_code(static_cast<Errc>(code)).message();
    EXPECT_NE(message.find(" / "), std::string::npos) << message;
    EXPECT_EQ(message.find("inconnue / unknown credential error"), std::string::npos) << code;
  }
}

}  // namespace
}  // namespace minegate::credential
