// Shared set-up for the bridge integration tests: a bridge on an emulator, one
// client, and a device key to issue credentials with.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "proto/credential/issuer.hpp"
#include "proto/credential/key_set.hpp"
#include "proto/credential/person_token.hpp"
#include "proto/credential/signing_key.hpp"
#include "proto/credential/verifier.hpp"
#include "tests/support/bridge_harness.hpp"

namespace minegate::test {

inline constexpr std::chrono::milliseconds kWait{10'000};
inline const std::string kUidHex = "04A1B2C3D4E5F6";
inline const std::string kUid = std::string("\x04\xA1\xB2\xC3\xD4\xE5\xF6", 7);

/// The reader's state as the bridge reports it to a client.
inline bool IsNotReady(const v1::BridgeMessage& m) {
  return m.has_reader_status() && m.reader_status().state() != v1::READER_STATE_READY;
}
inline bool IsReady(const v1::BridgeMessage& m) { return IsReaderState(m, v1::READER_STATE_READY); }

class BridgeTest : public ::testing::Test {
 protected:
  /// Starts emulator + bridge and a client that has seen the reader READY.
  void StartBridge(const std::vector<std::string>& emulator_args = {}) {
    std::string error;
    harness_ = BridgeHarness::Start(emulator_args, error);
    ASSERT_NE(harness_, nullptr) << error;
    auto client = harness_->Connect();
    ASSERT_TRUE(client) << harness_->BridgeLog();
    client_.emplace(std::move(*client));
    ASSERT_TRUE(client_->WaitFor(
        [](const v1::BridgeMessage& m) { return IsReaderState(m, v1::READER_STATE_READY); }, kWait))
        << harness_->BridgeLog();
  }

  std::string Control(const std::string& line) { return harness_->emulator().Control(line); }

  v1::TagPresented ExpectPresented() {
    auto message = client_->WaitFor(IsTagPresented, kWait);
    EXPECT_TRUE(message) << harness_->BridgeLog();
    return message ? message->tag_presented() : v1::TagPresented();
  }

  void ExpectRemoved() {
    EXPECT_TRUE(client_->WaitFor(IsTagRemoved, kWait)) << harness_->BridgeLog();
  }

  std::string Issue(credential::Kind kind = credential::Kind::bracelet,
                    const std::string& uid = kUid, std::int64_t issued_at = 1'795'000'000'000) {
    credential::CredentialFields fields;
    fields.kind = kind;
    fields.person_token = credential::NewPersonToken().value();
    fields.site_id = 12;
    fields.issued_at_ms = issued_at;
    if (kind == credential::Kind::miner_card) fields.card_number = "KED-2026/00417";
    const std::vector<std::uint8_t> uid_bytes(uid.begin(), uid.end());
    auto bytes = credential::Issue(fields, uid_bytes, key_).value();
    return std::string(bytes.begin(), bytes.end());
  }

  v1::WriteResult Write(const std::string& credential, bool overwrite = false,
                        const std::string& uid = kUid) {
    v1::KioskMessage request;
    auto* write = request.mutable_write_credential();
    write->set_request_id(++request_id_);
    write->set_expected_uid(uid);
    write->set_credential(credential);
    write->set_overwrite(overwrite);
    EXPECT_TRUE(client_->Send(request));
    const std::uint64_t id = request_id_;
    auto result = client_->WaitFor(
        [id](const v1::BridgeMessage& m) {
          return m.has_write_result() && m.write_result().request_id() == id;
        },
        kWait);
    EXPECT_TRUE(result) << harness_->BridgeLog();
    return result ? result->write_result() : v1::WriteResult();
  }

  bool Verifies(const std::string& credential_bytes, const std::string& uid = kUid) {
    credential::KeySet keys;
    keys.Upsert({.public_key = key_.public_key()});
    const std::vector<std::uint8_t> bytes(credential_bytes.begin(), credential_bytes.end());
    const std::vector<std::uint8_t> uid_bytes(uid.begin(), uid.end());
    return static_cast<bool>(
        credential::DecodeAndVerify(bytes, uid_bytes, keys,
                                    std::chrono::duration_cast<std::chrono::milliseconds>(
                                        std::chrono::system_clock::now().time_since_epoch())
                                        .count()));
  }

  std::unique_ptr<BridgeHarness> harness_;
  std::optional<BridgeClient> client_;
  credential::SigningKey key_ = credential::SigningKey::Generate().value();
  std::uint64_t request_id_ = 0;
};

}  // namespace minegate::test
