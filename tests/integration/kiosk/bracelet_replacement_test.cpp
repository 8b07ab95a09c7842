// A lost bracelet replaced through the real chain: registered at kiosk A, the
// person loses her bracelet; at kiosk A the agent finds her record on the
// server and writes a new bracelet for the same token. At kiosk B (another real
// kiosk of the site, its own emulator and bridge) the old bracelet is refused
// once the revoked list arrives and the new one is accepted; the server holds
// one person with two bracelets.
#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <thread>

#include "tests/support/file_scan.hpp"
#include "tests/support/kiosk_chain.hpp"
#include "tests/support/kiosk_chain_fixture.hpp"

namespace minegate::test {
namespace {

using namespace std::chrono_literals;

constexpr char kOldUid[] = "04b1000000b101";
constexpr char kNewUid[] = "04b2000000b202";

/// A second kiosk of site 1 with its own emulator, bridge and page.
struct SecondKiosk {
  std::unique_ptr<BridgeHarness> bridge;
  KioskProcess kiosk;
  std::unique_ptr<KioskUiClient> page;
};

class BraceletReplacementTest : public KioskChainFixture {
 protected:
  void TearDown() override {
    KioskChainFixture::TearDown();
    if (b_.page) b_.page.reset();
    b_.kiosk.Stop();
  }

  void StartKioskB() {
    ServerProcess& server = chain_->server();
    auto enrolment = server.Ctl({"device", "enroll", "--site", "1", "--gate", "1"});
    std::smatch code;
    ASSERT_TRUE(std::regex_search(enrolment.out, code, std::regex("([0-9A-Z]{4}(-[0-9A-Z]{4})+)")));
    auto enrolled = b_.kiosk.Enroll(code[1].str(), server.client().port,
                                    CertificateFingerprint(server.client().ca_file));
    ASSERT_TRUE(enrolled.status.Succeeded()) << enrolled.out << enrolled.err;
    std::string error;
    b_.bridge = BridgeHarness::Start({}, error);
    ASSERT_NE(b_.bridge, nullptr) << error;
    ASSERT_TRUE(b_.kiosk.Start(b_.bridge->socket_path(), error)) << error;
    b_.page = KioskUiClient::Connect(b_.kiosk.ui_port(), b_.kiosk.page_token(), error);
    ASSERT_NE(b_.page, nullptr) << error;
    ASSERT_TRUE(b_.page->WaitForState([](const v1::KioskState& s) { return s.roster_size() > 0; }));
    v1::UiRequest sign_in;
    sign_in.mutable_sign_in()->set_user_id(KioskChain::kAgent);
    sign_in.mutable_sign_in()->set_pin(KioskChain::kPin);
    auto signed_in = b_.page->Request(sign_in);
    ASSERT_TRUE(signed_in && signed_in->ok());
    v1::UiRequest gate;
    gate.mutable_set_mode()->set_mode(v1::KIOSK_MODE_GATE);
    ASSERT_TRUE(b_.page->Request(gate));
  }

  /// Puts the same bracelet (UID and credential) on kiosk B's emulator. B's
  /// page sees nothing of it: B's agent is signed in on the sync screen then.
  void CopyToKioskB(const std::string& uid_hex, const std::string& credential) {
    ASSERT_FALSE(credential.empty());
    EXPECT_EQ(b_.bridge->PlaceAndWrite("ntag213", BytesOfHex(uid_hex), credential), "");
  }

  v1::Verification TapAtB(const std::string& uid_hex) {
    if (b_.bridge->emulator().Control("place ntag213 " + uid_hex).rfind("ok", 0) != 0) {
      return v1::VERIFICATION_UNSPECIFIED;
    }
    auto outcome = b_.page->NextTap();
    b_.bridge->emulator().Control("remove");
    return outcome ? outcome->verification() : v1::VERIFICATION_UNSPECIFIED;
  }

  void SetModeB(v1::KioskMode mode) {
    v1::UiRequest request;
    request.mutable_set_mode()->set_mode(mode);
    auto reply = b_.page->Request(request);
    ASSERT_TRUE(reply && reply->ok());
  }

  SecondKiosk b_;
};

TEST_F(BraceletReplacementTest, ALostBraceletIsReplacedAndTheOldOneRefusedAtAnotherKiosk) {
  KioskUiClient& a = chain_->page();
  ASSERT_TRUE(chain_->SignIn());
  auto registered = chain_->Register(kOldUid, "Mariama");
  ASSERT_TRUE(registered && registered->result() == v1::TAP_RESULT_REGISTERED);
  ASSERT_TRUE(a.WaitForState([](const v1::KioskState& s) {
    return s.sync().pending_events() == 0 && s.sync().acked_seq() > 0;
  }));

  // Kiosk B of the same site gets her bracelet (the same credential on the same UID).
  StartKioskB();
  SetModeB(v1::KIOSK_MODE_SYNC_STATUS);
  CopyToKioskB(kOldUid, chain_->ServerCredential(kOldUid));
  SetModeB(v1::KIOSK_MODE_GATE);
  EXPECT_EQ(TapAtB(kOldUid), v1::VERIFICATION_VALID);

  // She lost it: at kiosk A the agent finds her on the server and writes a new one.
  ASSERT_TRUE(chain_->SetMode(v1::KIOSK_MODE_BRACELETS));
  v1::UiRequest start;
  start.mutable_start_replacement()->set_old_bracelet_present(false);
  ASSERT_TRUE(a.Request(start)->ok());
  v1::UiRequest search;
  search.mutable_search_person()->set_given_name("MARIAMA");
  search.mutable_search_person()->set_birth_year(2006);
  search.mutable_search_person()->set_sex(v1::SEX_FEMALE);
  ASSERT_TRUE(a.Request(search)->ok());
  auto found = a.WaitForState([](const v1::KioskState& s) {
    return s.bracelet_service().step() == v1::BRACELET_SERVICE_STEP_CANDIDATES;
  });
  ASSERT_TRUE(found) << a.state().bracelet_service().DebugString();
  ASSERT_EQ(found->bracelet_service().candidates_size(), 1);
  EXPECT_EQ(found->bracelet_service().candidates(0).given_name(), "Mariama");
  EXPECT_EQ(found->bracelet_service().candidates(0).active_bracelets(), 1u);
  v1::UiRequest choose;
  choose.mutable_choose_candidate()->set_index(0);
  ASSERT_TRUE(a.Request(choose)->ok());
  auto replaced = chain_->Tap(kNewUid);
  ASSERT_TRUE(replaced);
  EXPECT_EQ(replaced->result(), v1::TAP_RESULT_BRACELET_REPLACED);
  EXPECT_EQ(replaced->first_name(), "Mariama");
  ASSERT_TRUE(a.WaitForState([](const v1::KioskState& s) {
    return s.sync().pending_events() == 0 &&
           s.sync().acked_seq() == s.sync().highest_recorded_seq();
  }));
  // The search is in the audit log: the agent, through this kiosk, one match shown.
  EXPECT_EQ(chain_->ServerCount("SELECT count(*) FROM audit_log WHERE actor_kind = 'device' "
                                "AND actor_id = 'agent1' AND reason = 'bracelet_replacement' "
                                "AND result_count = 1 AND outcome = 'ok' AND person_tokens <> ''"),
            1);

  // At kiosk B the old bracelet is refused once the list arrives (bounded wait)...
  v1::Verification old = v1::VERIFICATION_UNSPECIFIED;
  for (int attempt = 0; attempt < 30 && old != v1::VERIFICATION_BRACELET_REVOKED; ++attempt) {
    old = TapAtB(kOldUid);
    if (old != v1::VERIFICATION_BRACELET_REVOKED) std::this_thread::sleep_for(500ms);
  }
  EXPECT_EQ(old, v1::VERIFICATION_BRACELET_REVOKED);
  // ... and the new one accepted.
  SetModeB(v1::KIOSK_MODE_SYNC_STATUS);
  CopyToKioskB(kNewUid, chain_->ServerCredential(kNewUid));
  SetModeB(v1::KIOSK_MODE_GATE);
  EXPECT_EQ(TapAtB(kNewUid), v1::VERIFICATION_VALID);

  // One person, two bracelets: the old revoked, the new one replacing it.
  EXPECT_EQ(chain_->ServerCount("SELECT count(*) FROM persons"), 1);
  EXPECT_EQ(chain_->ServerCount("SELECT count(DISTINCT person_token) FROM bracelets"), 1);
  EXPECT_EQ(chain_->ServerCount("SELECT count(*) FROM bracelets"), 2);
  EXPECT_EQ(chain_->ServerCount("SELECT count(*) FROM bracelets WHERE revoked_at_ms IS NOT NULL "
                                "AND tag_uid = x'" +
                                std::string(kOldUid) + "'"),
            1);
  EXPECT_EQ(
      chain_->ServerCount("SELECT count(*) FROM events WHERE body_kind = 'bracelet_issued' AND "
                          "event IS NOT NULL"),
      2);
}

}  // namespace
}  // namespace minegate::test
