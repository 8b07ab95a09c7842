// A kiosk controller on a real database in a temporary directory, enrolled
// with a real device key and a real server sealing key pair, with its ports
// captured: what it broadcast, what it asked the bridge to write.
#pragma once

#include <gtest/gtest.h>
#include <sodium.h>

#include <array>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "db/connection.hpp"
#include "kiosk/gate/kiosk_controller.hpp"
#include "proto/credential/signing_key.hpp"
#include "tests/support/temp_dir.hpp"

namespace minegate::test {

namespace gate = kiosk::gate;

class ControllerFixture : public ::testing::Test {
 protected:
  void SetUp() override;

  /// (Re)creates the controller on the same database, as a kiosk restart does.
  void Restart();
  /// An agent with PIN `pin` (hashed with libsodium's minimum cost, for speed).
  v1::Agent MakeAgent(const std::string& user_id, const std::string& pin,
                      v1::AgentRole role = v1::AGENT_ROLE_GATE_AGENT,
                      const std::string& card_uid = "");
  void ApplyRoster(const std::vector<v1::Agent>& agents);
  v1::UiReply Request(const v1::UiRequest& request);
  v1::UiReply SignIn(const std::string& user_id, const std::string& pin);
  v1::UiReply SetMode(v1::KioskMode mode);
  /// Presents a tag; returns the TapOutcome published for it, if any.
  std::optional<v1::TapOutcome> Tap(const v1::TagPresented& tag);
  v1::TagPresented BlankTag(const std::string& uid) const;
  /// A tag holding a bracelet credential for `token` signed by `key` for `signed_uid`.
  v1::TagPresented BraceletTag(const std::string& uid, const std::string& token,
                               const credential::SigningKey& key,
                               const std::string& signed_uid = "") const;
  /// The events in the outbox, in order, opening sealed bodies with the server key.
  std::vector<v1::Event> OutboxEvents(bool open_sealed = true);

  static std::string Uid(std::uint8_t last) {
    return std::string("\x04\xA1\xB2\xC3\xD4\xE5", 6) + static_cast<char>(last);
  }

  TempDir dir_{"kgate"};
  std::optional<db::Connection> connection_;
  std::optional<credential::SigningKey> device_key_;
  std::array<unsigned char, crypto_box_PUBLICKEYBYTES> server_public_{};
  std::array<unsigned char, crypto_box_SECRETKEYBYTES> server_secret_{};
  std::int64_t now_ms_ = 1'790'000'000'000;  // 2026-09
  gate::ControllerConfig config_;
  std::unique_ptr<gate::KioskController> controller_;
  std::vector<v1::UiUpdate> broadcasts_;
  std::vector<v1::UiUpdate> sent_;
  std::vector<v1::KioskMessage> to_bridge_;
  /// Person searches asked of the server, and how to answer the last one.
  std::vector<v1::PersonCandidatesQuery> searches_;
  std::function<void(gate::CandidatesAnswer)> search_answer_;
  /// Police requests sent on the sync link, and whether the link takes them (online).
  std::vector<v1::PoliceHistoryRequest> police_requests_;
  bool police_online_ = true;
  /// What the sync client reports, as KioskApp's sync_status port gives it.
  kiosk::sync::SyncStatus sync_status_;
  bool bridge_up_ = true;
  int events_recorded_calls_ = 0;
  std::uint64_t next_request_ = 1;
  std::uint64_t next_presentation_ = 1;
};

}  // namespace minegate::test
