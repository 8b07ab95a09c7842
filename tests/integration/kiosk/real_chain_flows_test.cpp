// Three gate flows through the whole real chain — the PN532 emulator, libnfc in
// minegate-bridge, minegate-kiosk and its page's WebSocket, minegate-server
// over loopback TLS — each checked on the page and then on the server:
//   - a gold miner's card written on the emulator's DESFire EV1, linked to the
//     person whose bracelet is tapped before it;
//   - census taps in a campaign an administrator opened with minegatectl, by an
//     EMAPE official, each person counted once, until the campaign is closed;
//   - an agent signing in with a staff card and a PIN, the events of that
//     session recorded under her name, and the card taken away again.
//
// The server has no route or command yet that reads miner's cards, census
// observations or who recorded an event (they come with the census and police
// workspaces), so what it holds is read from its database opened read-only;
// the event totals are also checked through its reconcile route, as the page
// shows them.
#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <span>
#include <thread>

#include "base/clock.hpp"
#include "proto/credential/codec.hpp"
#include "proto/credential/issuer.hpp"
#include "tests/support/file_scan.hpp"
#include "tests/support/kiosk_chain.hpp"
#include "tests/support/kiosk_chain_fixture.hpp"
#include "tests/support/sim_kiosk.hpp"

namespace minegate::test {
namespace {

using namespace std::chrono_literals;

constexpr auto kSyncWait = std::chrono::seconds(30);
/// Attempts, 500 ms apart, for a list the server pushes (trust list, roster) to arrive.
constexpr int kListAttempts = 30;

/// The events of `kind` (an Event body case) among `events`.
std::vector<v1::Event> OfKind(const std::vector<v1::Event>& events, v1::Event::BodyCase kind) {
  std::vector<v1::Event> found;
  for (const v1::Event& event : events) {
    if (event.body_case() == kind) found.push_back(event);
  }
  return found;
}

class RealChainFlowsTest : public KioskChainFixture {
 protected:
  v1::TapOutcome Tap(const std::string& uid_hex, const std::string& model = "ntag213") {
    auto outcome = chain_->Tap(uid_hex, model);
    EXPECT_TRUE(outcome) << Diagnostics();
    return outcome.value_or(v1::TapOutcome());
  }

  v1::UiReply Request(v1::UiRequest request) {
    auto reply = page_->Request(std::move(request));
    EXPECT_TRUE(reply) << Diagnostics();
    return reply.value_or(v1::UiReply());
  }

  void SignOut() {
    v1::UiRequest request;
    request.mutable_sign_out();
    ASSERT_TRUE(Request(request).ok());
  }

  /// The person token a bracelet carries, read from the tag through the bridge as a
  /// card-issuing station reads it (the agent's page is on the sync screen meanwhile).
  std::string TokenOnBracelet(const std::string& uid_hex) {
    v1::TagPresented presented;
    EXPECT_EQ(chain_->bridge().PlaceAndRead("ntag213", BytesOfHex(uid_hex), presented), "");
    EXPECT_EQ(presented.credential_read(), v1::CREDENTIAL_READ_OK) << presented.DebugString();
    const std::string& bytes = presented.credential();
    auto decoded =
        credential::Decode({reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()});
    EXPECT_TRUE(decoded) << "the bracelet holds no readable credential";
    if (!decoded) return {};
    const credential::PersonToken& token = decoded.value().fields.person_token;
    return std::string(token.begin(), token.end());
  }

  /// What `user list` prints on the row of `user_id`.
  std::string UserListRow(const std::string& user_id) {
    auto listing = chain_->server().Ctl({"user", "list"});
    EXPECT_TRUE(listing.status.Succeeded()) << listing.out << listing.err;
    std::smatch row;
    if (!std::regex_search(listing.out, row, std::regex("(^|\\n)" + user_id + " [^\\n]*"))) {
      return {};
    }
    return row[0].str();
  }
};

// ---------------------------------------------------------------------------
// A gold miner's card on DESFire, linked at the kiosk.

constexpr char kMinerBraceletUid[] = "04a3000000a303";
constexpr char kMinerCardUid[] = "04d1e5f1a2b3c4";
constexpr char kForgedCardUid[] = "04d2e6f2a3b4c5";
constexpr char kCardNumber[] = "KDG-2026/00417";

/// A miner's card credential for `token` on the DESFire `uid_hex`, signed by `key`.
std::string MinerCard(const credential::SigningKey& key, const std::string& uid_hex,
                      const std::string& token) {
  credential::CredentialFields fields;
  fields.kind = credential::Kind::miner_card;
  std::copy(token.begin(), token.end(), fields.person_token.begin());
  fields.site_id = 1;
  fields.issued_at_ms = base::NowMs() - 60'000;
  fields.card_number = kCardNumber;
  const std::string uid = BytesOfHex(uid_hex);
  auto issued = credential::Issue(
      fields, std::span(reinterpret_cast<const std::uint8_t*>(uid.data()), uid.size()), key);
  EXPECT_TRUE(issued);
  return issued ? std::string(issued.value().begin(), issued.value().end()) : std::string();
}

TEST_F(RealChainFlowsTest, AMinersCardWrittenOnDesfireIsLinkedToTheBraceletTappedBeforeIt) {
  ASSERT_TRUE(chain_->SignIn()) << Diagnostics();
  v1::RegistrationDraft draft = KioskChain::SimpleDraft("Moussa");
  v1::PersonRegistered* person = draft.mutable_person();
  person->set_family_name("Keita");
  person->set_sex(v1::SEX_MALE);
  person->mutable_birth()->set_year(1988);
  person->set_nationality("MLI");
  person->set_occupation(v1::OCCUPATION_MINER);
  person->set_purpose(v1::PURPOSE_MINING);
  auto registered = chain_->Register(kMinerBraceletUid, draft);
  ASSERT_TRUE(registered) << Diagnostics();
  ASSERT_EQ(registered->result(), v1::TAP_RESULT_REGISTERED) << registered->DebugString();

  // EMAPE's card-issuing station: a device enrolled at the site, whose key the server
  // trusts. It reads the miner's bracelet and writes his card on a DESFire EV1. The
  // agent's page is on the sync screen meanwhile, where taps are ignored.
  ASSERT_TRUE(chain_->SetMode(v1::KIOSK_MODE_SYNC_STATUS));
  ServerProcess& server = chain_->server();
  auto enrolment = server.Ctl({"device", "enroll", "--site", "1", "--description", "EMAPE"});
  std::smatch code;
  ASSERT_TRUE(std::regex_search(enrolment.out, code, std::regex("([0-9A-Z]{4}(-[0-9A-Z]{4})+)")))
      << enrolment.out << enrolment.err;
  SimulatedKiosk station(server.client());
  ASSERT_TRUE(station.Enrol(code[1].str())) << server.Log();
  const std::string token = TokenOnBracelet(kMinerBraceletUid);
  ASSERT_EQ(token.size(), credential::kPersonTokenSize);
  ASSERT_EQ(chain_->bridge().PlaceAndWrite("desfire", BytesOfHex(kMinerCardUid),
                                           MinerCard(station.key(), kMinerCardUid, token)),
            "");
  // And a card that looks the same, signed by a key nobody trusts.
  const credential::SigningKey stranger = credential::SigningKey::Generate().value();
  ASSERT_EQ(chain_->bridge().PlaceAndWrite("desfire", BytesOfHex(kForgedCardUid),
                                           MinerCard(stranger, kForgedCardUid, token)),
            "");

  ASSERT_TRUE(chain_->SetMode(v1::KIOSK_MODE_MINER_CARD));
  ASSERT_TRUE(page_->WaitForState(
      [](const v1::KioskState& s) { return s.prompt() == v1::TAP_PROMPT_MINER_BRACELET; }));
  // The card first: the bracelet must say whose card it is. Nothing is recorded.
  const v1::TapOutcome card_first = Tap(kMinerCardUid, "desfire");
  EXPECT_EQ(card_first.result(), v1::TAP_RESULT_REJECTED);
  EXPECT_EQ(card_first.problem(), v1::TAP_PROBLEM_INVALID_BRACELET);
  EXPECT_FALSE(card_first.recorded());

  const v1::TapOutcome bracelet = Tap(kMinerBraceletUid);
  EXPECT_EQ(bracelet.result(), v1::TAP_RESULT_MINER_BRACELET_READ) << bracelet.DebugString();
  EXPECT_EQ(bracelet.first_name(), "Moussa");
  ASSERT_TRUE(page_->WaitForState(
      [](const v1::KioskState& s) { return s.prompt() == v1::TAP_PROMPT_MINER_CARD; }));

  // The station's key reaches the kiosk with the trust list the server pushes after the
  // enrolment: until then the card is refused as signed by an unknown key (bounded wait).
  v1::TapOutcome linked = Tap(kMinerCardUid, "desfire");
  for (int attempt = 1; attempt < kListAttempts && linked.result() == v1::TAP_RESULT_REJECTED &&
                        linked.verification() == v1::VERIFICATION_UNKNOWN_KEY;
       ++attempt) {
    std::this_thread::sleep_for(500ms);
    linked = Tap(kMinerCardUid, "desfire");
  }
  ASSERT_EQ(linked.result(), v1::TAP_RESULT_MINER_CARD_LINKED) << linked.DebugString();
  EXPECT_EQ(linked.verification(), v1::VERIFICATION_VALID);
  EXPECT_EQ(linked.card_number(), kCardNumber);
  EXPECT_TRUE(linked.recorded());
  EXPECT_EQ(linked.device_seq(), 4u);  // person, bracelet, first entry, card
  ASSERT_TRUE(page_->WaitForState(
      [](const v1::KioskState& s) { return s.prompt() == v1::TAP_PROMPT_MINER_BRACELET; }));

  // The forged card, after the same bracelet, is refused and links nothing.
  EXPECT_EQ(Tap(kMinerBraceletUid).result(), v1::TAP_RESULT_MINER_BRACELET_READ);
  const v1::TapOutcome forged = Tap(kForgedCardUid, "desfire");
  EXPECT_EQ(forged.result(), v1::TAP_RESULT_REJECTED);
  EXPECT_EQ(forged.problem(), v1::TAP_PROBLEM_NOT_A_MINER_CARD);
  EXPECT_EQ(forged.verification(), v1::VERIFICATION_UNKNOWN_KEY);
  EXPECT_FALSE(forged.recorded());

  // The server holds the link: this card, this person, this number, and nothing else.
  ASSERT_TRUE(page_->WaitForState(KioskChain::SyncedAt(4), kSyncWait)) << Diagnostics();
  auto report = chain_->ServerReport();
  ASSERT_TRUE(report) << Diagnostics();
  EXPECT_EQ(report->event_count(), 4u);
  EXPECT_EQ(report->contiguous_seq(), 4u);
  const auto cards = OfKind(chain_->ServerEvents(), v1::Event::kMinerCardLinked);
  ASSERT_EQ(cards.size(), 1u);
  EXPECT_EQ(cards[0].agent_id(), KioskChain::kAgent);
  EXPECT_EQ(cards[0].miner_card_linked().card_uid(), BytesOfHex(kMinerCardUid));
  EXPECT_EQ(cards[0].miner_card_linked().person_token(), token);
  EXPECT_EQ(cards[0].miner_card_linked().card_number(), kCardNumber);
  EXPECT_EQ(chain_->ServerCount("SELECT count(*) FROM miner_cards"), 1);
  EXPECT_EQ(chain_->ServerCount("SELECT count(*) FROM miner_cards WHERE card_uid = x'" +
                                std::string(kMinerCardUid) + "' AND person_token = x'" +
                                HexOf(token) + "' AND card_number = '" + kCardNumber + "'"),
            1);
  // The person the card is linked to is the one the kiosk registered with that bracelet.
  EXPECT_EQ(chain_->ServerCount("SELECT count(*) FROM miner_cards c JOIN bracelets b "
                                "ON b.person_token = c.person_token JOIN persons p "
                                "ON p.person_token = c.person_token WHERE b.tag_uid = x'" +
                                std::string(kMinerBraceletUid) + "'"),
            1);
}

// ---------------------------------------------------------------------------
// Census taps in an open campaign.

constexpr char kCampaign[] = "kdg-2026-t4";
constexpr char kEmape[] = "emape.ndiaye";
constexpr char kEmapePin[] = "516283";
constexpr char kMariamaUid[] = "04c1000000c101";
constexpr char kKadiatouUid[] = "04c2000000c202";
constexpr char kBlankUid[] = "04c3000000c303";

TEST_F(RealChainFlowsTest, CensusTapsInAnOpenCampaignCountEachPersonOnceOnTheServer) {
  // EMAPE's campaign at the site, opened now for a week, and an EMAPE official for it.
  ServerProcess& server = chain_->server();
  auto opened = server.Ctl({"census", "add", "--id", kCampaign, "--site", "1", "--fr",
                            "Recensement T4 2026", "--en", "Census Q4 2026", "--closes-at",
                            std::to_string(base::NowMs() + 7 * 86'400'000LL)});
  ASSERT_TRUE(opened.status.Succeeded()) << opened.out << opened.err;
  ASSERT_EQ(chain_->AddAgent(kEmape, "Aminata Ndiaye", "emape_official", kEmapePin), "");
  // Both reach the kiosk; the signed-out page lists the roster.
  auto listed = page_->WaitForState([](const v1::KioskState& s) {
    return s.roster_size() == 2 && s.campaigns_size() == 1 && s.campaigns(0).open_now();
  });
  ASSERT_TRUE(listed) << Diagnostics();
  EXPECT_EQ(listed->campaigns(0).campaign_id(), kCampaign);
  EXPECT_EQ(listed->campaigns(0).name().fr(), "Recensement T4 2026");
  EXPECT_EQ(listed->campaigns(0).name().en(), "Census Q4 2026");

  // Two people registered at the gate by the gate agent.
  ASSERT_TRUE(chain_->SignIn()) << Diagnostics();
  auto mariama = chain_->Register(kMariamaUid, "Mariama");
  ASSERT_TRUE(mariama && mariama->result() == v1::TAP_RESULT_REGISTERED) << Diagnostics();
  auto kadiatou = chain_->Register(kKadiatouUid, "Kadiatou");
  ASSERT_TRUE(kadiatou && kadiatou->result() == v1::TAP_RESULT_REGISTERED) << Diagnostics();
  SignOut();

  // The official signs in: census is her screen; she chooses the campaign.
  auto signed_in = chain_->SignIn(kEmape, kEmapePin);
  ASSERT_TRUE(signed_in && signed_in->ok()) << Diagnostics();
  auto census = page_->WaitForState([](const v1::KioskState& s) { return s.has_agent(); });
  ASSERT_TRUE(census);
  EXPECT_EQ(census->agent().role(), v1::AGENT_ROLE_EMAPE_OFFICIAL);
  EXPECT_EQ(census->mode(), v1::KIOSK_MODE_CENSUS);
  EXPECT_EQ(census->prompt(), v1::TAP_PROMPT_NONE);  // no campaign chosen yet
  EXPECT_FALSE(chain_->SetMode(v1::KIOSK_MODE_GATE));
  v1::UiRequest choose;
  choose.mutable_choose_campaign()->set_campaign_id(kCampaign);
  ASSERT_TRUE(Request(choose).ok());
  ASSERT_TRUE(page_->WaitForState([](const v1::KioskState& s) {
    return s.prompt() == v1::TAP_PROMPT_CENSUS && s.campaign_id() == kCampaign;
  })) << Diagnostics();

  const v1::TapOutcome first = Tap(kMariamaUid);
  EXPECT_EQ(first.result(), v1::TAP_RESULT_CENSUS_OBSERVED) << first.DebugString();
  EXPECT_TRUE(first.recorded());
  EXPECT_EQ(first.device_seq(), 7u);  // after two registrations of three events each
  const v1::TapOutcome again = Tap(kMariamaUid);
  EXPECT_EQ(again.result(), v1::TAP_RESULT_CENSUS_ALREADY_OBSERVED);
  EXPECT_FALSE(again.recorded());
  const v1::TapOutcome second = Tap(kKadiatouUid);
  EXPECT_EQ(second.result(), v1::TAP_RESULT_CENSUS_OBSERVED);
  EXPECT_EQ(second.device_seq(), 8u);
  const v1::TapOutcome blank = Tap(kBlankUid);
  EXPECT_EQ(blank.result(), v1::TAP_RESULT_REJECTED);
  EXPECT_EQ(blank.problem(), v1::TAP_PROBLEM_INVALID_BRACELET);
  EXPECT_FALSE(blank.recorded());
  auto counted = page_->WaitForState(KioskChain::SyncedAt(8), kSyncWait);
  ASSERT_TRUE(counted) << Diagnostics();
  EXPECT_EQ(counted->campaign_observed(), 2u);

  // The server: two observations in the campaign, of the two people whose bracelets
  // were tapped, recorded by the official.
  auto report = chain_->ServerReport();
  ASSERT_TRUE(report) << Diagnostics();
  EXPECT_EQ(report->event_count(), 8u);
  const auto observed = OfKind(chain_->ServerEvents(), v1::Event::kCensusObserved);
  ASSERT_EQ(observed.size(), 2u);
  for (const v1::Event& event : observed) {
    EXPECT_EQ(event.agent_id(), kEmape);
    EXPECT_EQ(event.census_observed().campaign_id(), kCampaign);
  }
  EXPECT_EQ(observed[0].census_observed().tag_uid(), BytesOfHex(kMariamaUid));
  EXPECT_EQ(observed[1].census_observed().tag_uid(), BytesOfHex(kKadiatouUid));
  EXPECT_EQ(chain_->ServerCount("SELECT count(*) FROM census_observations WHERE campaign_id = '" +
                                std::string(kCampaign) + "' AND site_id = 1"),
            2);
  EXPECT_EQ(chain_->ServerCount("SELECT count(*) FROM census_observations c JOIN bracelets b "
                                "ON b.person_token = c.person_token WHERE b.tag_uid IN (x'" +
                                std::string(kMariamaUid) + "', x'" + kKadiatouUid + "')"),
            2);

  // The campaign is closed: the kiosk shows it closed and takes no more census taps.
  auto closed = server.Ctl({"census", "close", "--id", kCampaign});
  ASSERT_TRUE(closed.status.Succeeded()) << closed.out << closed.err;
  auto shown_closed = page_->WaitForState([](const v1::KioskState& s) {
    return s.campaigns_size() == 1 && !s.campaigns(0).open_now() &&
           s.prompt() == v1::TAP_PROMPT_NONE;
  });
  ASSERT_TRUE(shown_closed) << Diagnostics();
  EXPECT_EQ(shown_closed->campaign_observed(), 2u);
  EXPECT_EQ(Request(choose).error(), v1::UI_ERROR_CODE_CAMPAIGN_CLOSED);
}

// ---------------------------------------------------------------------------
// Staff-card sign-in.

constexpr char kCardAgent[] = "agent2";
constexpr char kCardAgentName[] = "Fatou Sow";
constexpr char kCardAgentPin[] = "603817";
constexpr char kStaffCardUid[] = "04a7c1d2e3f405";
constexpr char kUnknownCardUid[] = "04ee000000ee01";
constexpr char kPersonUid[] = "04e1000000e101";

TEST_F(RealChainFlowsTest, AnAgentSignsInWithHerStaffCardAndPinAndHerWorkIsRecordedAsHers) {
  ASSERT_EQ(
      chain_->AddAgent(kCardAgent, kCardAgentName, "gate_agent", kCardAgentPin, kStaffCardUid), "");
  EXPECT_NE(UserListRow(kCardAgent).find(kStaffCardUid), std::string::npos)
      << UserListRow(kCardAgent);
  ASSERT_TRUE(page_->WaitForState([](const v1::KioskState& s) {
    return s.roster_size() == 2 && s.prompt() == v1::TAP_PROMPT_STAFF_CARD;
  })) << Diagnostics();

  // A card nobody holds preselects nobody, and a card sign-in without one is refused.
  const v1::TapOutcome unknown = Tap(kUnknownCardUid);
  EXPECT_EQ(unknown.result(), v1::TAP_RESULT_REJECTED);
  EXPECT_EQ(unknown.problem(), v1::TAP_PROBLEM_UNKNOWN_STAFF_CARD);
  v1::UiRequest by_card;
  by_card.mutable_sign_in()->set_staff_card(true);
  by_card.mutable_sign_in()->set_pin(kCardAgentPin);
  EXPECT_EQ(Request(by_card).error(), v1::UI_ERROR_CODE_UNKNOWN_AGENT);

  // Her card: the page preselects her for the PIN pad.
  const v1::TapOutcome card = Tap(kStaffCardUid);
  ASSERT_EQ(card.result(), v1::TAP_RESULT_STAFF_CARD) << card.DebugString();
  auto preselected =
      page_->WaitForState([](const v1::KioskState& s) { return s.has_staff_card_agent(); });
  ASSERT_TRUE(preselected) << Diagnostics();
  EXPECT_EQ(preselected->staff_card_agent().user_id(), kCardAgent);
  EXPECT_EQ(preselected->staff_card_agent().display_name(), kCardAgentName);
  EXPECT_FALSE(preselected->has_agent());

  // The card alone is not enough: a wrong PIN is counted against her.
  v1::UiRequest wrong = by_card;
  wrong.mutable_sign_in()->set_pin("604917");
  const v1::UiReply refused = Request(wrong);
  EXPECT_EQ(refused.error(), v1::UI_ERROR_CODE_WRONG_PIN);
  EXPECT_EQ(refused.attempts_left(), 4u);
  ASSERT_TRUE(Request(by_card).ok()) << Diagnostics();
  auto signed_in = page_->WaitForState([](const v1::KioskState& s) { return s.has_agent(); });
  ASSERT_TRUE(signed_in);
  EXPECT_EQ(signed_in->agent().user_id(), kCardAgent);
  EXPECT_EQ(signed_in->agent().display_name(), kCardAgentName);
  EXPECT_EQ(signed_in->agent().role(), v1::AGENT_ROLE_GATE_AGENT);
  EXPECT_FALSE(signed_in->has_staff_card_agent());

  // Her work: a registration and an exit, recorded under her name on the server.
  auto registered = chain_->Register(kPersonUid, "Aissatou");
  ASSERT_TRUE(registered && registered->result() == v1::TAP_RESULT_REGISTERED) << Diagnostics();
  ASSERT_TRUE(chain_->SetMode(v1::KIOSK_MODE_GATE));
  ASSERT_TRUE(chain_->SetDirection(v1::DIRECTION_OUT));
  const v1::TapOutcome out = Tap(kPersonUid);
  EXPECT_EQ(out.result(), v1::TAP_RESULT_ACCEPTED);
  EXPECT_EQ(out.first_name(), "Aissatou");
  ASSERT_TRUE(page_->WaitForState(KioskChain::SyncedAt(4), kSyncWait)) << Diagnostics();
  auto report = chain_->ServerReport();
  ASSERT_TRUE(report) << Diagnostics();
  EXPECT_EQ(report->event_count(), 4u);
  const std::vector<v1::Event> events = chain_->ServerEvents();
  ASSERT_EQ(events.size(), 4u);
  for (const v1::Event& event : events) EXPECT_EQ(event.agent_id(), kCardAgent);
  EXPECT_EQ(OfKind(events, v1::Event::kGatePassed).size(), 2u);

  // The administrator takes the card away: once the roster arrives, it signs no one in.
  SignOut();
  auto cleared = chain_->server().Ctl({"user", "set-card", "--id", kCardAgent, "--clear"});
  ASSERT_TRUE(cleared.status.Succeeded()) << cleared.out << cleared.err;
  const std::string row = UserListRow(kCardAgent);
  ASSERT_FALSE(row.empty());
  EXPECT_EQ(row.find(kStaffCardUid), std::string::npos) << row;
  v1::TapOutcome after = Tap(kStaffCardUid);
  for (int attempt = 1; attempt < kListAttempts && after.result() == v1::TAP_RESULT_STAFF_CARD;
       ++attempt) {
    std::this_thread::sleep_for(500ms);
    after = Tap(kStaffCardUid);
  }
  EXPECT_EQ(after.result(), v1::TAP_RESULT_REJECTED);
  EXPECT_EQ(after.problem(), v1::TAP_PROBLEM_UNKNOWN_STAFF_CARD);
  EXPECT_EQ(Request(by_card).error(), v1::UI_ERROR_CODE_UNKNOWN_AGENT);
  // Her PIN still works with her name, as any agent's.
  auto by_name = chain_->SignIn(kCardAgent, kCardAgentPin);
  ASSERT_TRUE(by_name);
  EXPECT_TRUE(by_name->ok());
}

}  // namespace
}  // namespace minegate::test
