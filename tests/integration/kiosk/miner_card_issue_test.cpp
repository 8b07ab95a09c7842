// Miners' cards issued by an EMAPE official through the real chain: the PN532 emulator, the
// bridge on libnfc (a blank DESFire EV1 written and read back), the kiosk, and the server over
// its TLS sync link. A girl of 16 is refused with the minor's message and never offered a card;
// an adult miner gets a card whose number the server reserved, linked on the server to his
// bracelet's person; offline the kiosk says a card needs the server.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include "db/connection.hpp"
#include "db/query.hpp"
#include "db/statement.hpp"
#include "minegate/v1/census.pb.h"
#include "tests/integration/server/official_client.hpp"
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
/// What KioskChain::AddAgent gives every agent it creates.
constexpr char kOfficialPassword[] = "un mot de passe assez long";
constexpr char kSecondCardUid[] = "04e4f1a2b3c4d6";

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

  /// The official issues the miner a card on the blank DESFire `card_uid`; its number.
  std::string IssueCard(const std::string& card_uid) {
    auto miner = chain_->Tap(kMinerUid);
    EXPECT_TRUE(miner && miner->result() == v1::TAP_RESULT_MINER_BRACELET_READ) << Diagnostics();
    if (!miner) return "";
    EXPECT_TRUE(page_->WaitForState(
        [](const v1::KioskState& s) { return s.prompt() == v1::TAP_PROMPT_MINER_BLANK_CARD; }));
    auto card = chain_->Tap(card_uid, "desfire");
    EXPECT_TRUE(card && card->result() == v1::TAP_RESULT_MINER_CARD_LINKED) << Diagnostics();
    if (!card) return "";
    const std::uint64_t seq = card->device_seq();
    EXPECT_TRUE(page_->WaitForState([seq](const v1::KioskState& s) {
      return s.sync().pending_events() == 0 && s.sync().acked_seq() >= seq;
    })) << Diagnostics();
    return card->card_number();
  }

  /// Whether the kiosk holds `uid_hex` on its revoked list, read from its own database.
  bool KioskListsRevoked(const std::string& uid_hex) {
    db::OpenOptions options;
    options.access = db::OpenOptions::Access::kReadOnly;
    auto connection = db::Connection::Open(chain_->kiosk().data_dir() + "/kiosk.db", options);
    if (!connection) return false;
    auto count =
        db::QueryOne(connection.value(),
                     "SELECT count(*) FROM revoked_bracelets WHERE tag_uid = x'" + uid_hex + "'",
                     [](const db::Statement& row) { return row.ColumnInt64(0); });
    return count && count.value() == 1;
  }

  /// Waits (bounded: 15 s) for the server's list to reach the kiosk.
  bool WaitForKioskList(const std::string& uid_hex) {
    for (int i = 0; i < 150; ++i) {
      if (KioskListsRevoked(uid_hex)) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
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

TEST_F(MinerCardIssueTest, ALostCardRevokedByEmapeOrMinegatectlIsRefusedAtTheKiosk) {
  RegisterBoth();
  const std::string first = IssueCard(kBlankCardUid);
  ASSERT_EQ(first, "KDG1-000001");
  ASSERT_TRUE(page_->WaitForState(
      [](const v1::KioskState& s) { return s.prompt() == v1::TAP_PROMPT_MINER_BRACELET; }));
  const std::string second = IssueCard(kSecondCardUid);
  ASSERT_EQ(second, "KDG1-000002");
  EXPECT_FALSE(KioskListsRevoked(kBlankCardUid));

  // The EMAPE official revokes the first card through the API: a reason is required.
  OfficialClient emape(chain_->server().client());
  ASSERT_EQ(emape.SignIn(kOfficial, kOfficialPassword).status, 200);
  const std::string route = "/v1/census/cards/" + first + "/revoke";
  const HttpResult no_reason = emape.Call("POST", route, R"({"reason":""})");
  EXPECT_EQ(no_reason.status, 400) << no_reason.body;
  EXPECT_NE(no_reason.body.find("bad_reason"), std::string::npos) << no_reason.body;
  const HttpResult unknown =
      emape.Call("POST", "/v1/census/cards/KDG1-000099/revoke", R"({"reason":"perdue / lost"})");
  EXPECT_EQ(unknown.status, 404) << unknown.body;
  const HttpResult revoked =
      emape.Call("POST", route, R"({"reason":"perdue au marché / lost at the market"})");
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  v1::MinerCardRevocation answer;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(revoked.body, &answer).ok())
      << revoked.body;
  EXPECT_EQ(answer.card_number(), first);
  EXPECT_EQ(answer.revoked_by(), kOfficial);
  EXPECT_EQ(answer.cards(), 1u);
  EXPECT_GT(answer.revoked_list_version(), 0u);
  const HttpResult twice =
      emape.Call("POST", route, R"({"reason":"perdue au marché / lost at the market"})");
  EXPECT_EQ(twice.status, 409) << twice.body;
  EXPECT_NE(twice.body.find("card_already_revoked"), std::string::npos) << twice.body;
  // Audited as a change naming the card and the holder's token (his bracelet's person).
  EXPECT_EQ(chain_->ServerCount("SELECT count(*) FROM audit_log a JOIN bracelets b ON "
                                "instr(a.person_tokens, lower(hex(b.person_token))) > 0 WHERE "
                                "b.tag_uid = x'" +
                                std::string(kMinerUid) +
                                "' AND a.actor_id = 'emape1' AND "
                                "a.targets = 'card:KDG1-000001' AND a.outcome = 'ok' AND "
                                "a.action LIKE 'POST /v1/census/cards/%/revoke'"),
            1);
  EXPECT_EQ(chain_->ServerCount("SELECT count(*) FROM miner_card_register WHERE card_number = "
                                "'KDG1-000001' AND revoked_by = 'emape1' AND revoked_reason = "
                                "'perdue au marché / lost at the market' AND issued_at_ms IS "
                                "NOT NULL AND card_uid = x'" +
                                std::string(kBlankCardUid) + "'"),
            1);

  // The second, through minegatectl (the same store method).
  const auto ctl =
      chain_->server().Ctl({"card", "revoke", "--number", second, "--reason", "volée / stolen"});
  ASSERT_TRUE(ctl.status.Succeeded()) << ctl.out << ctl.err;
  const auto again =
      chain_->server().Ctl({"card", "revoke", "--number", second, "--reason", "volée / stolen"});
  EXPECT_FALSE(again.status.Succeeded()) << again.out;
  EXPECT_NE(again.err.find("already revoked"), std::string::npos) << again.err;
  EXPECT_EQ(chain_->ServerCount("SELECT count(*) FROM audit_log WHERE targets = "
                                "'card:KDG1-000002' AND outcome = 'ok' AND action = 'minegatectl "
                                "card revoke' AND person_tokens <> ''"),
            1);

  // Both UIDs reach the kiosk with the revoked list, pushed on its open session.
  ASSERT_TRUE(WaitForKioskList(kBlankCardUid)) << Diagnostics();
  ASSERT_TRUE(WaitForKioskList(kSecondCardUid)) << Diagnostics();

  // A gate agent links pre-written cards: a revoked one is refused with its own message, and
  // nothing is recorded.
  v1::UiRequest sign_out;
  sign_out.mutable_sign_out();
  ASSERT_TRUE(page_->Request(sign_out)->ok());
  ASSERT_TRUE(chain_->SignIn());
  ASSERT_TRUE(chain_->SetMode(v1::KIOSK_MODE_MINER_CARD));
  std::uint64_t recorded_before = 0;
  ASSERT_TRUE(page_->WaitForState([&recorded_before](const v1::KioskState& s) {
    recorded_before = s.sync().highest_recorded_seq();
    return true;
  }));
  auto bracelet = chain_->Tap(kMinerUid);
  ASSERT_TRUE(bracelet) << Diagnostics();
  ASSERT_EQ(bracelet->result(), v1::TAP_RESULT_MINER_BRACELET_READ) << bracelet->DebugString();
  for (const char* card_uid : {kBlankCardUid, kSecondCardUid}) {
    auto card = chain_->Tap(card_uid, "desfire");
    ASSERT_TRUE(card) << Diagnostics();
    EXPECT_EQ(card->result(), v1::TAP_RESULT_REJECTED) << card->DebugString();
    EXPECT_EQ(card->problem(), v1::TAP_PROBLEM_CARD_REVOKED) << card->DebugString();
    EXPECT_EQ(card->verification(), v1::VERIFICATION_BRACELET_REVOKED);
    EXPECT_FALSE(card->recorded());
  }
  std::uint64_t recorded_after = 0;
  ASSERT_TRUE(page_->WaitForState([&recorded_after](const v1::KioskState& s) {
    recorded_after = s.sync().highest_recorded_seq();
    return true;
  }));
  EXPECT_EQ(recorded_after, recorded_before);
  EXPECT_EQ(chain_->ServerCount("SELECT count(*) FROM miner_cards"), 2);
}

}  // namespace
}  // namespace minegate::test
