// The police mode through the real chain: the PN532 emulator, the bridge on libnfc, the kiosk,
// and the server over its TLS sync link on loopback. A gate agent registers a woman and she
// passes the gate; a border police officer of the site signs in at the same kiosk, states a
// reason and a case reference, taps her bracelet and sees her history; the server's audit log
// holds the read. Then the server goes away: the kiosk says it is offline and asks nothing.
// Finally the kiosk is stopped and every byte of its data directory and its logs is searched
// for what the history showed that the kiosk never held otherwise.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/support/file_scan.hpp"
#include "tests/support/kiosk_chain.hpp"
#include "tests/support/kiosk_chain_fixture.hpp"

namespace minegate::test {
namespace {

constexpr char kUid[] = "04c1000000c101";
constexpr char kOfficer[] = "police1";
constexpr char kOfficerPin[] = "735194";
// Values only the server's answer brings to this kiosk: her family name (sealed in the
// outbox at registration, the draft deleted) and the case reference the officer typed.
constexpr char kFamilyName[] = "Kantewalibou";
constexpr char kCaseReference[] = "PV-KDG-2026-0117";

class PoliceModeTest : public KioskChainFixture {
 protected:
  std::optional<v1::UiReply> Request(const v1::UiRequest& request) {
    return page_->Request(request);
  }

  std::optional<v1::UiReply> ChooseReason(v1::PoliceReason reason, const std::string& reference) {
    v1::UiRequest request;
    request.mutable_choose_police_reason()->set_reason(reason);
    request.mutable_choose_police_reason()->set_case_reference(reference);
    return Request(request);
  }

  std::optional<v1::KioskState> WaitForPoliceResult() {
    return page_->WaitForState(
        [](const v1::KioskState& s) { return s.police().step() == v1::POLICE_STEP_RESULT; });
  }

  /// Registers her at the gate agent's hands, with two more passages, all synced.
  void RegisterAndPass() {
    ASSERT_TRUE(chain_->SignIn());
    v1::RegistrationDraft draft = KioskChain::SimpleDraft("Aïssatou");
    draft.mutable_person()->set_family_name(kFamilyName);
    auto registered = chain_->Register(kUid, draft);
    ASSERT_TRUE(registered && registered->result() == v1::TAP_RESULT_REGISTERED)
        << (registered ? registered->DebugString() : "no tap");
    ASSERT_TRUE(chain_->SetMode(v1::KIOSK_MODE_GATE));
    ASSERT_TRUE(chain_->SetDirection(v1::DIRECTION_OUT));
    auto out = chain_->Tap(kUid);
    ASSERT_TRUE(out && out->result() == v1::TAP_RESULT_ACCEPTED);
    ASSERT_TRUE(chain_->SetDirection(v1::DIRECTION_IN));
    auto in = chain_->Tap(kUid);
    ASSERT_TRUE(in && in->result() == v1::TAP_RESULT_ACCEPTED);
    ASSERT_TRUE(page_->WaitForState([](const v1::KioskState& s) {
      return s.sync().pending_events() == 0 &&
             s.sync().acked_seq() == s.sync().highest_recorded_seq();
    }));
    // The gate agent may not read histories.
    v1::UiRequest police;
    police.mutable_set_mode()->set_mode(v1::KIOSK_MODE_POLICE);
    auto refused = Request(police);
    ASSERT_TRUE(refused);
    EXPECT_FALSE(refused->ok());
    EXPECT_EQ(refused->error(), v1::UI_ERROR_CODE_NOT_ALLOWED);
    v1::UiRequest sign_out;
    sign_out.mutable_sign_out();
    ASSERT_TRUE(Request(sign_out)->ok());
  }

  void SignInOfficer() {
    ASSERT_EQ(chain_->AddAgent(kOfficer, "Cdt Moussa Sarr", "border_police", kOfficerPin), "");
    ASSERT_TRUE(page_->WaitForState([](const v1::KioskState& s) {
      for (const auto& entry : s.roster()) {
        if (entry.user_id() == kOfficer) return true;
      }
      return false;
    })) << "the officer never reached the kiosk's roster";
    auto signed_in = chain_->SignIn(kOfficer, kOfficerPin);
    ASSERT_TRUE(signed_in && signed_in->ok()) << (signed_in ? signed_in->DebugString() : "");
    auto state = page_->WaitForState([](const v1::KioskState& s) {
      return s.agent().user_id() == kOfficer && s.mode() == v1::KIOSK_MODE_POLICE;
    });
    ASSERT_TRUE(state) << page_->state().DebugString();
    EXPECT_EQ(state->agent().role(), v1::AGENT_ROLE_BORDER_POLICE);
    EXPECT_EQ(state->police().step(), v1::POLICE_STEP_REASON);
    // No reason, no tap.
    EXPECT_EQ(state->prompt(), v1::TAP_PROMPT_NONE);
  }
};

TEST_F(PoliceModeTest, AnOfficerReadsAHistoryOnlineThatTheKioskNeverKeeps) {
  RegisterAndPass();
  SignInOfficer();

  // Police register no one and issue no bracelet.
  for (v1::KioskMode mode :
       {v1::KIOSK_MODE_REGISTRATION, v1::KIOSK_MODE_GATE, v1::KIOSK_MODE_BRACELETS,
        v1::KIOSK_MODE_MINER_CARD, v1::KIOSK_MODE_CENSUS}) {
    v1::UiRequest request;
    request.mutable_set_mode()->set_mode(mode);
    auto reply = Request(request);
    ASSERT_TRUE(reply);
    EXPECT_FALSE(reply->ok()) << v1::KioskMode_Name(mode);
  }
  v1::UiRequest start;
  start.mutable_start_registration();
  EXPECT_FALSE(Request(start)->ok());

  // A reason is required; the case reference is bounded.
  EXPECT_FALSE(ChooseReason(v1::POLICE_REASON_UNSPECIFIED, "")->ok());
  EXPECT_FALSE(ChooseReason(v1::POLICE_REASON_INVESTIGATION, std::string(65, 'x'))->ok());
  ASSERT_TRUE(ChooseReason(v1::POLICE_REASON_INVESTIGATION, kCaseReference)->ok());
  ASSERT_TRUE(page_->WaitForState(
      [](const v1::KioskState& s) { return s.prompt() == v1::TAP_PROMPT_POLICE_BRACELET; }));

  auto tap = chain_->Tap(kUid);
  ASSERT_TRUE(tap);
  EXPECT_EQ(tap->result(), v1::TAP_RESULT_POLICE_BRACELET_READ);
  EXPECT_FALSE(tap->recorded());
  auto shown = WaitForPoliceResult();
  ASSERT_TRUE(shown) << page_->state().DebugString() << Diagnostics();
  ASSERT_EQ(shown->police().result(), v1::POLICE_RESULT_FOUND) << shown->police().DebugString();
  const v1::PoliceHistory& history = shown->police().history();
  EXPECT_EQ(history.given_name(), "Aïssatou");
  EXPECT_EQ(history.family_name(), kFamilyName);
  EXPECT_EQ(history.sex(), v1::SEX_FEMALE);
  EXPECT_EQ(history.birth_year(), 2006u);
  EXPECT_TRUE(history.birth_estimated());
  EXPECT_EQ(history.nationality(), "GIN");
  EXPECT_EQ(history.registered_site_id(), 1u);
  EXPECT_FALSE(history.registered_site_name().empty());
  // The registration's entry, then out, then in: newest first.
  ASSERT_EQ(history.passages_size(), 3);
  EXPECT_EQ(history.passage_count(), 3u);
  EXPECT_EQ(history.passages(0).direction(), v1::DIRECTION_IN);
  EXPECT_EQ(history.passages(1).direction(), v1::DIRECTION_OUT);
  EXPECT_EQ(history.passages(2).direction(), v1::DIRECTION_IN);
  EXPECT_GE(history.passages(0).at_ms(), history.passages(1).at_ms());
  EXPECT_FALSE(history.passages(0).gate_name().empty());
  ASSERT_EQ(history.bracelets_size(), 1);
  EXPECT_EQ(HexOf(history.bracelets(0).tag_uid()), kUid);
  EXPECT_EQ(history.bracelets(0).revoked_at_ms(), 0);
  EXPECT_GT(shown->police().clears_at_ms(), 0);
  EXPECT_EQ(shown->police().case_reference(), kCaseReference);
  // Nothing was recorded: the officer's tap is no event.
  EXPECT_EQ(shown->sync().highest_recorded_seq(), page_->state().sync().highest_recorded_seq());

  // The read is on the server's audit log as the police API writes it: the officer through
  // the device, the reason, the case reference, her token, one result.
  EXPECT_EQ(chain_->ServerCount(
                "SELECT count(*) FROM audit_log WHERE actor_kind = 'device' AND actor_id = "
                "'police1' AND actor_role = 'border_police' AND action = 'WS /v1/kiosk/stream "
                "police_history' AND reason = 'enquête en cours / ongoing investigation' AND "
                "case_reference = '" +
                std::string(kCaseReference) +
                "' AND result_count = 1 AND outcome = 'ok' AND targets = 'device:" +
                chain_->device_id() + "'"),
            1)
      << Diagnostics();
  EXPECT_EQ(chain_->ServerCount("SELECT count(*) FROM audit_person_tokens t JOIN persons p ON "
                                "lower(hex(p.person_token)) = t.person_token JOIN audit_log a "
                                "ON a.seq = t.seq WHERE a.actor_id = 'police1'"),
            1)
      << Diagnostics();

  // The officer clears the screen: the history is gone from the state.
  v1::UiRequest clear;
  clear.mutable_clear_police_history();
  ASSERT_TRUE(Request(clear)->ok());
  auto cleared = page_->WaitForState([](const v1::KioskState& s) {
    return s.police().step() == v1::POLICE_STEP_TAP && !s.police().has_history();
  });
  ASSERT_TRUE(cleared) << page_->state().police().DebugString();
  EXPECT_EQ(cleared->police().clears_at_ms(), 0);

  // Offline: the server stops; the kiosk says so and asks nothing.
  ASSERT_TRUE(chain_->server().Stop());
  ASSERT_TRUE(page_->WaitForState([](const v1::KioskState& s) { return !s.sync().connected(); }));
  const std::int64_t audited_before =
      chain_->ServerCount("SELECT count(*) FROM audit_log WHERE actor_id = 'police1'");
  auto offline_tap = chain_->Tap(kUid);
  ASSERT_TRUE(offline_tap);
  EXPECT_EQ(offline_tap->result(), v1::TAP_RESULT_POLICE_BRACELET_READ);
  auto offline = WaitForPoliceResult();
  ASSERT_TRUE(offline);
  EXPECT_EQ(offline->police().result(), v1::POLICE_RESULT_OFFLINE);
  EXPECT_FALSE(offline->police().has_history());
  EXPECT_EQ(chain_->ServerCount("SELECT count(*) FROM audit_log WHERE actor_id = 'police1'"),
            audited_before);

  // Nothing of the history on the kiosk's disk or in its logs.
  ASSERT_TRUE(chain_->kiosk().Stop());
  const std::string data_dir = chain_->kiosk().data_dir();
  EXPECT_FALSE(FilesUnder(data_dir).empty());
  for (const std::string& value : {std::string(kFamilyName), std::string(kCaseReference)}) {
    EXPECT_EQ(FilesContaining(data_dir, value), std::vector<std::string>{}) << value;
    const std::string logs = chain_->kiosk().Output() + chain_->kiosk().Log();
    EXPECT_EQ(logs.find(value), std::string::npos) << value;
  }
}

}  // namespace
}  // namespace minegate::test
