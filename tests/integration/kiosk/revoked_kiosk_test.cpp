// The attack on a stolen kiosk's key, through real processes: kiosk A (a
// simulated kiosk: the test holds its device key, as a thief would) issues a
// bracelet and syncs it; A is revoked; the thief then signs credentials with
// A's key — backdated on a new tag, and re-signed for another person on the
// very UID A really issued — and taps them at kiosk B (the real chain:
// emulator, bridge, kiosk, server). Both are refused; the bracelet A genuinely
// issued, which the server received, is still accepted.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <thread>

#include "base/clock.hpp"
#include "proto/credential/issuer.hpp"
#include "proto/credential/person_token.hpp"
#include "tests/support/file_scan.hpp"
#include "tests/support/kiosk_chain.hpp"
#include "tests/support/kiosk_chain_fixture.hpp"
#include "tests/support/sim_kiosk.hpp"

namespace minegate::test {
namespace {

using namespace std::chrono_literals;

constexpr char kGenuineUid[] = "04a1000000a101";
constexpr char kBackdatedUid[] = "04a2000000a202";

std::string Bytes(const std::vector<std::uint8_t>& bytes) {
  return std::string(bytes.begin(), bytes.end());
}

class RevokedKioskTest : public KioskChainFixture {
 protected:
  /// A credential signed with `key` for the tag UID `uid` (raw bytes), issued at `issued_at`,
  /// for `token`.
  std::vector<std::uint8_t> Credential(const credential::SigningKey& key, const std::string& uid,
                                       const credential::PersonToken& token,
                                       std::int64_t issued_at) {
    credential::CredentialFields fields;
    fields.kind = credential::Kind::bracelet;
    fields.person_token = token;
    fields.site_id = 1;
    fields.issued_at_ms = issued_at;
    auto issued = credential::Issue(fields, std::vector<std::uint8_t>(uid.begin(), uid.end()), key);
    EXPECT_TRUE(issued);
    return issued ? issued.value() : std::vector<std::uint8_t>();
  }

  /// Places a tag of `model` with `uid_hex` and has the bridge write `bytes` on it.
  void WriteTag(const std::string& model, const std::string& uid_hex,
                const std::vector<std::uint8_t>& bytes) {
    EXPECT_EQ(chain_->bridge().PlaceAndWrite(model, BytesOfHex(uid_hex), Bytes(bytes)), "");
  }

  /// Places the tag, returns what kiosk B concluded.
  v1::Verification TapAtB(const std::string& model, const std::string& uid_hex) {
    if (chain_->bridge().emulator().Control("place " + model + " " + uid_hex).rfind("ok", 0) != 0) {
      return v1::VERIFICATION_UNSPECIFIED;
    }
    auto outcome = chain_->page().NextTap();
    chain_->bridge().emulator().Control("remove");
    return outcome ? outcome->verification() : v1::VERIFICATION_UNSPECIFIED;
  }
};

TEST_F(RevokedKioskTest, AStolenKeyMintsNothingKioskBAcceptsButItsGenuineBraceletsStayValid) {
  ServerProcess& server = chain_->server();
  // Kiosk B's agent works on the sync screen, where taps are ignored, while the tags are made
  // (a page that stops reading to wait on a timeout would lose its socket).
  ASSERT_TRUE(chain_->SignIn()) << chain_->Diagnostics();
  ASSERT_TRUE(chain_->SetMode(v1::KIOSK_MODE_SYNC_STATUS));
  // Kiosk A enrols at the same site and gate, and issues a bracelet it syncs.
  auto enrolment = server.Ctl({"device", "enroll", "--site", "1", "--gate", "1"});
  std::smatch code;
  ASSERT_TRUE(std::regex_search(enrolment.out, code, std::regex("([0-9A-Z]{4}(-[0-9A-Z]{4})+)")))
      << enrolment.out << enrolment.err;
  SimulatedKiosk kiosk_a(server.client());
  ASSERT_TRUE(kiosk_a.Enrol(code[1].str())) << server.Log();
  ASSERT_TRUE(kiosk_a.Connect()) << server.Log();

  const credential::PersonToken person = credential::NewPersonToken().value();
  const std::string genuine_uid = BytesOfHex(kGenuineUid);
  const std::int64_t issued_at = base::NowMs() - 60'000;
  const std::vector<std::uint8_t> genuine =
      Credential(kiosk_a.key(), genuine_uid, person, issued_at);
  v1::Event issued;
  issued.set_event_id(NewEventId());
  issued.set_device_id(kiosk_a.device_id());
  issued.set_device_seq(1);
  issued.set_occurred_at_ms(issued_at);
  issued.set_site_id(1);
  issued.set_gate_id(1);
  issued.set_agent_id(KioskChain::kAgent);
  auto* bracelet = issued.mutable_bracelet_issued();
  bracelet->set_person_token(Bytes({person.begin(), person.end()}));
  bracelet->set_tag_uid(genuine_uid);
  bracelet->set_tag_type(v1::TAG_TYPE_NTAG213);
  bracelet->set_credential(Bytes(genuine));
  auto acked = kiosk_a.SendAndWaitAck({issued});
  ASSERT_TRUE(acked) << acked.error().message() << server.Log();
  kiosk_a.Disconnect();

  // The kiosk is stolen: the administrator revokes it.
  auto revoked = server.Ctl({"device", "revoke", "--id", kiosk_a.device_id()});
  ASSERT_TRUE(revoked.status.Succeeded()) << revoked.out << revoked.err;
  EXPECT_NE(revoked.out.find("received before the revocation): 1"), std::string::npos)
      << revoked.out;
  EXPECT_NE(revoked.out.find("agent1"), std::string::npos) << revoked.out;  // PIN compromised
  const std::int64_t revoked_at = base::NowMs();

  // The thief writes with A's key: a new tag dated an hour before the
  // revocation, and another person's token on the UID A really issued (a
  // UID-changeable tag: here an NTAG215 given the same UID).
  const credential::PersonToken victim = credential::NewPersonToken().value();
  WriteTag("ntag213", kGenuineUid, genuine);
  WriteTag("ntag213", kBackdatedUid,
           Credential(kiosk_a.key(), BytesOfHex(kBackdatedUid), victim, revoked_at - 3'600'000));
  WriteTag("ntag215", kGenuineUid, Credential(kiosk_a.key(), genuine_uid, victim, issued_at));

  // Kiosk B learns of the revocation. Its roster changes too: the agent's PIN was on A, so B
  // signs the agent out and drops her until an administrator sets a new PIN.
  ASSERT_TRUE(chain_->page().WaitForState([](const v1::KioskState& state) {
    return !state.has_agent() && state.roster_size() == 0;
  })) << "kiosk B kept the compromised PIN";
  const std::string pin_file = chain_->kiosk().data_dir() + ".new-pin";
  { std::ofstream(pin_file) << "730591\n"; }
  auto reset = server.Ctl({"user", "set-pin", "--id", KioskChain::kAgent, "--pin-file", pin_file});
  ASSERT_TRUE(reset.status.Succeeded()) << reset.out << reset.err;
  ASSERT_TRUE(chain_->page().WaitForState([](const v1::KioskState& state) {
    return state.roster_size() == 1;
  })) << "the new PIN never reached kiosk B";
  v1::UiRequest sign_in;
  sign_in.mutable_sign_in()->set_user_id(KioskChain::kAgent);
  sign_in.mutable_sign_in()->set_pin("730591");
  auto signed_in = chain_->page().Request(sign_in);
  ASSERT_TRUE(signed_in && signed_in->ok());
  ASSERT_TRUE(chain_->SetMode(v1::KIOSK_MODE_GATE));

  // Bounded wait for the trust list: the backdated forgery turns to KEY_REVOKED.
  v1::Verification backdated = v1::VERIFICATION_UNSPECIFIED;
  for (int attempt = 0; attempt < 30; ++attempt) {
    backdated = TapAtB("ntag213", kBackdatedUid);
    if (backdated == v1::VERIFICATION_KEY_REVOKED) break;
    std::this_thread::sleep_for(500ms);
  }
  EXPECT_EQ(backdated, v1::VERIFICATION_KEY_REVOKED);
  EXPECT_EQ(TapAtB("ntag215", kGenuineUid), v1::VERIFICATION_KEY_REVOKED);
  EXPECT_EQ(TapAtB("ntag213", kGenuineUid), v1::VERIFICATION_VALID);
}

TEST_F(RevokedKioskTest, TheOldPinOfARevokedKiosksAgentIsRefusedAtAnotherKioskOfTheSite) {
  ServerProcess& server = chain_->server();
  ASSERT_TRUE(chain_->SignIn()) << chain_->Diagnostics();
  v1::UiRequest sign_out;
  sign_out.mutable_sign_out();
  ASSERT_TRUE(chain_->page().Request(sign_out));

  // Another kiosk of the same site held the same roster; it is stolen and revoked.
  auto enrolment = server.Ctl({"device", "enroll", "--site", "1", "--gate", "1"});
  std::smatch code;
  ASSERT_TRUE(std::regex_search(enrolment.out, code, std::regex("([0-9A-Z]{4}(-[0-9A-Z]{4})+)")));
  SimulatedKiosk stolen(server.client());
  ASSERT_TRUE(stolen.Enrol(code[1].str())) << server.Log();
  auto revoked = server.Ctl({"device", "revoke", "--id", stolen.device_id()});
  ASSERT_TRUE(revoked.status.Succeeded()) << revoked.out << revoked.err;
  EXPECT_NE(revoked.out.find(KioskChain::kAgent), std::string::npos) << revoked.out;
  auto listing = server.Ctl({"user", "list"});
  EXPECT_NE(listing.out.find("PIN (" + stolen.device_id() + ")"), std::string::npos) << listing.out;

  // Once kiosk B's roster updates, the old PIN no longer signs in.
  v1::UiRequest sign_in;
  sign_in.mutable_sign_in()->set_user_id(KioskChain::kAgent);
  sign_in.mutable_sign_in()->set_pin(KioskChain::kPin);
  ASSERT_TRUE(chain_->page().WaitForState([](const v1::KioskState& state) {
    return state.roster_size() == 0;
  })) << "kiosk B kept the compromised PIN";
  auto refused = chain_->page().Request(sign_in);
  ASSERT_TRUE(refused);
  EXPECT_FALSE(refused->ok());
}

}  // namespace
}  // namespace minegate::test
