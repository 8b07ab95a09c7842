#include <random>
#include <span>
#include <thread>

#include "base/clock.hpp"
#include "proto/credential/issuer.hpp"
#include "proto/credential/signing_key.hpp"
#include "tests/reliability/hostile/attacks.hpp"

namespace minegate::test::hostile {
namespace {

using namespace std::chrono_literals;

constexpr std::int64_t kTenMinutesMs = 10 * 60'000;

/// What the server answered a frame: the Error's code, or UNSPECIFIED with `acked` set when it
/// acknowledged it (an attack that got through), or when nothing came.
v1::ErrorCode Answer(SimulatedKiosk& kiosk, bool& acked) {
  acked = false;
  for (int i = 0; i < 8; ++i) {
    auto frame = kiosk.Next(5s);
    if (!frame) return v1::ERROR_CODE_UNSPECIFIED;
    if (frame.value().has_error()) return frame.value().error().code();
    if (frame.value().has_ack()) {
      acked = true;
      return v1::ERROR_CODE_UNSPECIFIED;
    }
  }
  return v1::ERROR_CODE_UNSPECIFIED;
}

std::string Bytes(const std::vector<std::uint8_t>& bytes) {
  return std::string(bytes.begin(), bytes.end());
}

/// A BraceletIssued at `seq` for `uid` carrying `credential`.
v1::Event Issued(const SimulatedKiosk& kiosk, std::uint64_t seq, const std::string& uid,
                 const std::string& credential) {
  v1::Event event = kiosk.GatePassed(seq);
  event.clear_gate_passed();
  auto* bracelet = event.mutable_bracelet_issued();
  bracelet->set_person_token(std::string(16, '\x5A'));
  bracelet->set_tag_uid(uid);
  bracelet->set_tag_type(v1::TAG_TYPE_NTAG213);
  bracelet->set_credential(credential);
  return event;
}

/// A bracelet credential for `uid` signed by `key`, dated `issued_at_ms`.
std::string Credential(const std::string& uid, const credential::SigningKey& key,
                       std::int64_t issued_at_ms) {
  credential::CredentialFields fields;
  fields.kind = credential::Kind::bracelet;
  fields.person_token.fill(0x5A);
  fields.site_id = 2;
  fields.issued_at_ms = issued_at_ms;
  auto issued = credential::Issue(
      fields, std::span(reinterpret_cast<const std::uint8_t*>(uid.data()), uid.size()), key);
  return issued ? Bytes(issued.value()) : std::string();
}

}  // namespace

void RogueDevice(const AttackContext& context, SimulatedKiosk& kiosk,
                 const std::vector<v1::Event>& revoked_devices_events) {
  const auto stranger = credential::SigningKey::Generate();
  const std::string uid("\x04\x66\x77\x88\x99\xAA\x01", 7);
  const std::string other_uid("\x04\x66\x77\x88\x99\xAA\x02", 7);
  bool connected = false;
  int round = 0;
  for (int phase = context.board.WaitForAttack(-1); phase >= 0;
       phase = context.board.WaitForAttack(phase)) {
    while (context.board.Still(phase)) {
      if (!connected) {
        if (!kiosk.Connect()) {
          context.tally.Unexpected("rogue device", "its own connection was refused");
          std::this_thread::sleep_for(200ms);
          continue;
        }
        connected = true;
      }
      // Nothing of this device is ever stored: its next sequence is always 1.
      const std::int64_t now = base::NowMs();
      std::string name;
      std::string frame;
      v1::ErrorCode expected = v1::ERROR_CODE_INVALID_EVENT;
      v1::KioskFrame batch;
      switch (round++ % 5) {
        case 0: {  // a batch cut short: its last event's bytes end mid-field
          name = "truncated batch";
          *batch.mutable_batch()->add_events() = kiosk.GatePassed(1);
          *batch.mutable_batch()->add_events() = kiosk.GatePassed(2);
          frame = batch.SerializeAsString();
          frame.resize(frame.size() - 5);
          expected = v1::ERROR_CODE_MALFORMED_FRAME;
          break;
        }
        case 1:  // a credential signed by a key that is not this device's
          name = "forged credential";
          *batch.mutable_batch()->add_events() =
              Issued(kiosk, 1, uid, Credential(uid, stranger.value(), now - 60'000));
          break;
        case 2:  // its own genuine credential copied onto another tag
          name = "credential copied to another tag";
          *batch.mutable_batch()->add_events() =
              Issued(kiosk, 1, other_uid, Credential(uid, kiosk.key(), now - 60'000));
          break;
        case 3:  // its own key, dated a day ahead: only a forger writes the future
          name = "credential from the future";
          *batch.mutable_batch()->add_events() =
              Issued(kiosk, 1, uid, Credential(uid, kiosk.key(), now + 86'400'000));
          break;
        default:  // the revoked device's events, replayed under this device's connection
          name = "revoked device's events replayed";
          for (const v1::Event& event : revoked_devices_events) {
            *batch.mutable_batch()->add_events() = event;
          }
          break;
      }
      if (frame.empty()) frame = batch.SerializeAsString();
      bool acked = false;
      const v1::ErrorCode code =
          kiosk.ws()->SendBinary(frame) ? v1::ERROR_CODE_UNSPECIFIED : Answer(kiosk, acked);
      if (code == expected) {
        context.tally.Expected(name);
      } else {
        context.tally.Unexpected(
            name, acked ? "acknowledged: stored" : "answered " + v1::ErrorCode_Name(code));
      }
      // A frame that does not parse ends the connection; a refused batch does not.
      if (code != v1::ERROR_CODE_INVALID_EVENT) {
        kiosk.Disconnect();
        connected = false;
      }
      std::this_thread::sleep_for(50ms);
    }
  }
  kiosk.Disconnect();
}

std::uint64_t ClonedBracelets(const AttackContext& context, SimulatedKiosk& kiosk,
                              const std::vector<IssuedBracelet>& bracelets) {
  std::uint64_t seq = 0;
  bool connected = false;
  std::size_t next = 0;
  for (int phase = context.board.WaitForAttack(-1); phase >= 0;
       phase = context.board.WaitForAttack(phase)) {
    while (context.board.Still(phase)) {
      if (!connected) {
        auto welcome = kiosk.Connect(seq);
        if (!welcome) {
          context.tally.Unexpected("cloned bracelet tap", "connect refused");
          std::this_thread::sleep_for(200ms);
          continue;
        }
        seq = welcome.value().acked_seq();
        connected = true;
      }
      const IssuedBracelet& bracelet = bracelets[next++ % bracelets.size()];
      v1::Event tap = kiosk.GatePassed(seq + 1);
      tap.set_occurred_at_ms(bracelet.tapped_at_ms + kTenMinutesMs);
      tap.mutable_gate_passed()->set_tag_uid(bracelet.tag_uid);
      tap.mutable_gate_passed()->set_person_token(bracelet.person_token);
      tap.mutable_gate_passed()->set_verification(v1::VERIFICATION_VALID);
      auto ack = kiosk.SendAndWaitAck({tap}, 10s);
      if (ack) {
        seq = ack.value().acked_seq();
        context.tally.Expected("cloned bracelet tap");
      } else {
        context.tally.Unexpected("cloned bracelet tap", ack.error().message());
        kiosk.Disconnect();
        connected = false;
      }
      kiosk.pending().clear();
      std::this_thread::sleep_for(250ms);
    }
  }
  kiosk.Disconnect();
  return seq;
}

void RevokedDeviceReplay(const AttackContext& context, SimulatedKiosk& revoked) {
  for (int phase = context.board.WaitForAttack(-1); phase >= 0;
       phase = context.board.WaitForAttack(phase)) {
    while (context.board.Still(phase)) {
      auto welcome = revoked.Connect();
      if (welcome) {
        context.tally.Unexpected("revoked device", "welcomed");
      } else if (!revoked.pending().empty() && revoked.pending()[0].has_error() &&
                 revoked.pending()[0].error().code() == v1::ERROR_CODE_DEVICE_REVOKED) {
        context.tally.Expected("revoked device");
      } else {
        context.tally.Unexpected("revoked device", welcome.error().message());
      }
      revoked.Disconnect();
      std::this_thread::sleep_for(100ms);
    }
  }
}

}  // namespace minegate::test::hostile
