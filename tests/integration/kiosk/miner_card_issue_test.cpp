// Miners' cards issued by an EMAPE official through the real chain: the PN532 emulator, the
// bridge on libnfc (a blank DESFire EV1 written and read back), the kiosk, and the server over
// its TLS sync link. A girl of 16 is refused with the minor's message and never offered a card;
// an adult miner gets a card whose number the server reserved, linked on the server to his
// bracelet's person; offline the kiosk says a card needs the server.
#include <gtest/gtest.h>

#include <string>

#include "tests/support/file_scan.hpp"
#include "tests/support/kiosk_chain.hpp"
#include "tests/support/kiosk_chain_fixture.hpp"

namespace minegate::test {
namespace {

constexpr char kMinerUid[] = "04e1000000e101";
constexpr char kGirlUid[] = "04e2000000e202";
constexpr char kBlankCardUid[] = "04e3f1a2b3c4d5";
constexpr char kOfficial[] = "emape1";
constexpr char kOfficialPin[] = "593170";

class MinerCardIssueTest : public KioskChainFixture {
 protected:
  void RegisterBoth() {
    ASSERT_TRUE(chain_->SignIn());
    v1::RegistrationDraft miner = KioskChain::SimpleDraft("Moussa");
    miner.mutable_person()->set_sex(v1::SEX_MALE);
    miner.mutable_person()->mutable_birth()->set_year(1988);
    miner.mutable_person()->mutable_birth()->set_estimated(false);
    miner.mutable_person()->set_occupation(v1::OCCUPATION_MINER);
    miner.mutable_person()->set_purpose(v1::PURPOSE_MINING);
    auto registered = chain_->Register(kMinerUid, miner);
    ASSERT_TRUE(registered && registered->result() == v1::TAP_RESULT_REGISTERED);
    // A girl whose estimated year makes her 16 at most.
    v1::RegistrationDraft girl = KioskChain::SimpleDraft("Fanta");
    girl.mutable_person()->mutable_birth()->set_year(2010);
    auto second = chain_->Register(kGirlUid, girl);
    ASSERT_TRUE(second && second->result() == v1::TAP_RESULT_REGISTERED);
    ASSERT_TRUE(page_->WaitForState([](const v1::KioskState& s) {
      return s.sync().pending_events() == 0 &&
             s.sync().acked_seq() == s.sync().highest_recorded_seq();
    }));
    v1::UiRequest sign_out;
    sign_out.mutable_sign_out();
    ASSERT_TRUE(page_->Request(sign_out)->ok());
    ASSERT_EQ(chain_->AddAgent(kOfficial, "Aminata EMAPE", "emape_official", kOfficialPin), "");
    ASSERT_TRUE(page_->WaitForState([](const v1::KioskState& s) {
      for (const auto& entry : s.roster()) {
        if (entry.user_id() == kOfficial) return true;
      }
      return false;
    }));
    auto signed_in = chain_->SignIn(kOfficial, kOfficialPin);
    ASSERT_TRUE(signed_in && signed_in->ok());
    ASSERT_TRUE(chain_->SetMode(v1::KIOSK_MODE_MINER_CARD));
    ASSERT_TRUE(page_->WaitForState(
        [](const v1::KioskState& s) { return s.prompt() == v1::TAP_PROMPT_MINER_BRACELET; }));
  }
};

TEST_F(MinerCardIssueTest, AMinorIsRefusedAndAnAdultGetsACardWrittenReadBackAndLinked) {
  RegisterBoth();

  // The girl: refused with the minor's message; the kiosk still asks for a holder's bracelet.
  auto girl = chain_->Tap(kGirlUid);
  ASSERT_TRUE(girl) << Diagnostics();
  EXPECT_EQ(girl->result(), v1::TAP_RESULT_REJECTED) << girl->DebugString();
  EXPECT_EQ(girl->problem(), v1::TAP_PROBLEM_MINOR);
  EXPECT_TRUE(girl->card_number().empty());
  EXPECT_FALSE(girl->recorded());
  ASSERT_TRUE(page_->WaitForState(
      [](const v1::KioskState& s) { return s.prompt() == v1::TAP_PROMPT_MINER_BRACELET; }));
  // A blank card tapped now is no holder: nothing is written for anyone.
  auto blank_first = chain_->Tap(kBlankCardUid, "desfire");
  ASSERT_TRUE(blank_first);
  EXPECT_EQ(blank_first->result(), v1::TAP_RESULT_REJECTED);
  EXPECT_EQ(blank_first->problem(), v1::TAP_PROBLEM_INVALID_BRACELET);
  EXPECT_EQ(chain_->ServerCount("SELECT count(*) FROM audit_log WHERE actor_id = 'emape1' AND "
                                "outcome = 'refused:minor' AND action = 'WS /v1/kiosk/stream "
                                "miner_card_holder'"),
            1);

  // The adult miner: the server gives the number, then the blank card is written.
  auto miner = chain_->Tap(kMinerUid);
  ASSERT_TRUE(miner) << Diagnostics();
  ASSERT_EQ(miner->result(), v1::TAP_RESULT_MINER_BRACELET_READ) << miner->DebugString();
  EXPECT_EQ(miner->first_name(), "Moussa");
  const std::string number = miner->card_number();
  // The first number of site 1's series (Bantako, in the Kédougou department), reserved for
  // his person at this kiosk by the official.
  ASSERT_EQ(number, "KDG1-000001");
  EXPECT_EQ(chain_->ServerCount("SELECT count(*) FROM miner_card_numbers n JOIN bracelets b ON "
                                "b.person_token = n.person_token WHERE b.tag_uid = x'" +
                                std::string(kMinerUid) +
                                "' AND n.card_number = 'KDG1-000001' AND n.site_id = 1 AND "
                                "n.counter = 1 AND n.official_id = 'emape1' AND n.device_id IS "
                                "NOT NULL AND n.reserved_at_ms > 0"),
            1);
  ASSERT_TRUE(page_->WaitForState(
      [](const v1::KioskState& s) { return s.prompt() == v1::TAP_PROMPT_MINER_BLANK_CARD; }));
  auto card = chain_->Tap(kBlankCardUid, "desfire");
  ASSERT_TRUE(card) << Diagnostics();
  ASSERT_EQ(card->result(), v1::TAP_RESULT_MINER_CARD_LINKED) << card->DebugString();
  EXPECT_EQ(card->card_number(), number);
  EXPECT_TRUE(card->recorded());

  // On the server: the card, the number, the miner's person (the one his bracelet names).
  // Waits for the card's own event (the state published before it counts 6 acknowledged).
  const std::uint64_t card_seq = card->device_seq();
  ASSERT_GT(card_seq, 0u);
  ASSERT_TRUE(page_->WaitForState([card_seq](const v1::KioskState& s) {
    return s.sync().pending_events() == 0 && s.sync().acked_seq() >= card_seq;
  })) << Diagnostics();
  EXPECT_EQ(
      chain_->ServerCount("SELECT count(*) FROM miner_cards c JOIN bracelets b ON "
                          "b.person_token = c.person_token WHERE b.tag_uid = x'" +
                          std::string(kMinerUid) + "' AND c.card_uid = x'" +
                          std::string(kBlankCardUid) + "' AND c.card_number = '" + number + "'"),
      1)
      << Diagnostics();
  EXPECT_EQ(chain_->ServerCount("SELECT count(*) FROM miner_cards"), 1);
  EXPECT_EQ(chain_->ServerCount("SELECT count(*) FROM miner_card_register WHERE card_number = '" +
                                number + "' AND issued_at_ms IS NOT NULL"),
            1);
  EXPECT_EQ(chain_->ServerCount("SELECT count(*) FROM audit_log WHERE outcome = 'ok' AND action = "
                                "'WS /v1/kiosk/stream miner_card_holder' AND targets LIKE "
                                "'%card:KDG1-000001%'"),
            1);
  // The card's credential as written and read back names the number and the holder.
  int linked_events = 0;
  for (const v1::Event& event : chain_->ServerEvents()) {
    if (!event.has_miner_card_linked()) continue;
    ++linked_events;
    EXPECT_EQ(event.agent_id(), kOfficial);
    EXPECT_EQ(event.miner_card_linked().card_number(), number);
    EXPECT_NE(event.miner_card_linked().credential().find(number), std::string::npos);
  }
  EXPECT_EQ(linked_events, 1);

  // Offline: no card without the server.
  ASSERT_TRUE(chain_->server().Stop());
  ASSERT_TRUE(page_->WaitForState([](const v1::KioskState& s) { return !s.sync().connected(); }));
  auto offline = chain_->Tap(kMinerUid);
  ASSERT_TRUE(offline);
  EXPECT_EQ(offline->result(), v1::TAP_RESULT_REJECTED);
  EXPECT_EQ(offline->problem(), v1::TAP_PROBLEM_SERVER_UNREACHABLE);
}

}  // namespace
}  // namespace minegate::test
