// The officers' workflow on cases the real monitor raised: the queue's order (overdue
// referrals first, then priority, then the age of the flag), open, assign, refer with a due
// date, acknowledge, outcome, close, reopen, dismiss — each in the case's history.
#include "db/transaction.hpp"
#include "server/protection/care_service_store.hpp"
#include "server/protection/case_store.hpp"
#include "server/protection/referral_store.hpp"
#include "tests/integration/server/protection/protection_fixture.hpp"

namespace minegate::server::protection {
namespace {

PersonSpec MinorSpec(const std::string& given, std::uint32_t birth_year) {
  PersonSpec girl;
  girl.given = given;
  girl.family = "Camara";
  girl.sex = v1::SEX_FEMALE;
  girl.birth_year = birth_year;
  girl.occupation = v1::OCCUPATION_NONE;
  girl.purpose = v1::PURPOSE_OTHER;
  return girl;
}

/// Flagged on the score only (LOW): young, with a friend who answered for her.
PersonSpec LowFlagSpec(const std::string& given) {
  PersonSpec woman = MinorSpec(given, 2004);
  woman.nationality = "NGA";
  return woman;
}

CareServiceInput ReceptionCentre() {
  CareServiceInput centre;
  centre.name = "Centre d'accueil de Kédougou";
  centre.kind = ServiceKind::kReceptionCentre;
  centre.place = "Kédougou";
  centre.contact = "+221 33 985 00 00";
  centre.languages = {"fra", "wol", "eng"};
  centre.accepts_minors = true;
  return centre;
}

class ReferralWorkflowTest : public ProtectionTest {
 protected:
  void SetUp() override {
    ProtectionTest::SetUp();
    OpenWriter();
    Kiosk kiosk(12);
    // Flagged in this order: an urgent girl, a LOW woman, a second urgent girl a day later.
    Send(kiosk, {kiosk.Registered(girl_, MinorSpec("Kadiatou", 2010), kNow)});
    SetNow(Now() + 3600'000);
    Send(kiosk, {kiosk.Registered(woman_, LowFlagSpec("Favour"), kNow),
                 kiosk.Companion(woman_, Token(0xC9), v1::COMPANION_RELATION_FRIEND, kNow, true)});
    SetNow(Now() + kDayMs);
    Send(kiosk, {kiosk.Registered(second_girl_, MinorSpec("Hawa", 2011), kNow)});
    auto cases = CaseStore::Create(Reader(), clock());
    ASSERT_TRUE(cases);
    cases_ = std::move(cases).value();
  }

  std::vector<std::string> QueueTokens() {
    auto queue = cases_->Queue(50);
    EXPECT_TRUE(queue) << queue.error().message();
    std::vector<std::string> tokens;
    for (const auto& summary : queue.value()) tokens.push_back(summary.person_token);
    return tokens;
  }
  std::int64_t CaseId(const std::string& token) {
    auto found = cases_->ForPerson(token);
    EXPECT_TRUE(found && found.value());
    return found.value()->case_id;
  }
  std::vector<std::string> Actions(std::int64_t case_id) {
    std::vector<std::string> actions;
    const auto history = cases_->History(case_id);
    EXPECT_TRUE(history);
    for (const auto& entry : history.value()) actions.push_back(entry.action);
    return actions;
  }

  const std::string girl_ = Token(0xC1);
  const std::string woman_ = Token(0xC2);
  const std::string second_girl_ = Token(0xC3);
  std::unique_ptr<CaseStore> cases_;
};

TEST_F(ReferralWorkflowTest, TheQueueIsByPriorityThenAgeOfTheFlag) {
  EXPECT_EQ(QueueTokens(), (std::vector<std::string>{girl_, second_girl_, woman_}));
  auto queue = cases_->Queue(50);
  EXPECT_EQ(queue.value()[2].priority, v1::PRIORITY_LOW);
  // Paged.
  auto page = cases_->Queue(1, 1);
  ASSERT_TRUE(page);
  ASSERT_EQ(page.value().size(), 1u);
  EXPECT_EQ(page.value()[0].person_token, second_girl_);
}

TEST_F(ReferralWorkflowTest, ReferAcknowledgeOutcomeCloseReopen) {
  CareServiceStore services(Reader(), clock());
  auto centre = services.Add(ReceptionCentre());
  ASSERT_TRUE(centre) << centre.error().message();
  CareServiceInput hotline;
  hotline.name = "Ligne verte 116";
  hotline.kind = ServiceKind::kChildProtectionHotline;
  hotline.languages = {"fra", "wol"};
  hotline.accepts_minors = true;
  auto line = services.Add(hotline);
  ASSERT_TRUE(line);

  const std::int64_t woman_case = CaseId(woman_);
  ASSERT_TRUE(cases_->Open(woman_case, "officer.ndiaye"));
  ASSERT_TRUE(cases_->Assign(woman_case, "officer.ndiaye", "officer.sow"));
  EXPECT_EQ(cases_->Assign(woman_case, "officer.ndiaye", "police.ba").error(),
            make_error_code(Errc::bad_assignee));

  ReferralStore referrals(Reader(), clock());
  auto referral = referrals.Refer(woman_case, centre.value(), Now() + kDayMs, "officer.sow");
  ASSERT_TRUE(referral) << referral.error().message();
  EXPECT_EQ(cases_->Get(woman_case).value()->status, CaseStatus::kReferred);
  EXPECT_EQ(referrals.Refer(woman_case, centre.value(), Now() - 1, "officer.sow").error(),
            make_error_code(Errc::bad_due_date));
  // Not yet due: the queue keeps its order.
  EXPECT_EQ(QueueTokens(), (std::vector<std::string>{girl_, second_girl_, woman_}));
  EXPECT_TRUE(referrals.Overdue(10).value().empty());

  // Two days on, unacknowledged: the LOW case comes first, overdue.
  SetNow(Now() + 2 * kDayMs);
  EXPECT_EQ(QueueTokens(), (std::vector<std::string>{woman_, girl_, second_girl_}));
  auto overdue = referrals.Overdue(10);
  ASSERT_TRUE(overdue);
  ASSERT_EQ(overdue.value().size(), 1u);
  EXPECT_EQ(overdue.value()[0].referral_id, referral.value());
  EXPECT_EQ(overdue.value()[0].service_name, "Centre d'accueil de Kédougou");
  EXPECT_TRUE(overdue.value()[0].overdue);
  EXPECT_EQ(cases_->Get(woman_case).value()->overdue_since_ms, Now() - kDayMs);

  // Of two overdue referrals, the longer overdue first.
  const std::int64_t girl_case = CaseId(girl_);
  auto girl_referral = referrals.Refer(girl_case, line.value(), Now() + 3600'000, "officer.ndiaye");
  ASSERT_TRUE(girl_referral);
  SetNow(Now() + 2 * 3600'000);
  EXPECT_EQ(QueueTokens(), (std::vector<std::string>{woman_, girl_, second_girl_}));

  ASSERT_TRUE(referrals.Acknowledge(referral.value(), "officer.sow"));
  EXPECT_EQ(referrals.Acknowledge(referral.value(), "officer.sow").error(),
            make_error_code(Errc::referral_already_acknowledged));
  EXPECT_EQ(QueueTokens(), (std::vector<std::string>{girl_, second_girl_, woman_}));

  ASSERT_TRUE(referrals.RecordOutcome(referral.value(), ReferralOutcome::kAccepted,
                                      "Hébergée au centre / sheltered", "officer.sow"));
  ASSERT_TRUE(referrals.RecordOutcome(referral.value(), ReferralOutcome::kServicesGiven,
                                      "Soins et retour en famille / care, back to family",
                                      "officer.sow"));
  EXPECT_EQ(referrals.RecordOutcome(referral.value(), ReferralOutcome::kClosed, "", "officer.sow")
                .error(),
            make_error_code(Errc::referral_closed));
  auto done = referrals.Get(referral.value());
  ASSERT_TRUE(done && done.value());
  EXPECT_EQ(done.value()->outcome, ReferralOutcome::kServicesGiven);
  EXPECT_TRUE(done.value()->closed_at_ms);
  EXPECT_FALSE(done.value()->overdue);

  ASSERT_TRUE(cases_->Close(woman_case, "officer.sow", "Services rendus / services given"));
  EXPECT_EQ(cases_->Get(woman_case).value()->status, CaseStatus::kClosed);
  EXPECT_EQ(QueueTokens(), (std::vector<std::string>{girl_, second_girl_}));
  EXPECT_EQ(cases_->Close(woman_case, "officer.sow", "again").error(),
            make_error_code(Errc::case_status_forbids));
  EXPECT_EQ(referrals.Refer(woman_case, centre.value(), Now() + kDayMs, "officer.sow").error(),
            make_error_code(Errc::case_status_forbids));

  EXPECT_EQ(cases_->Reopen(woman_case, "officer.ndiaye", "").error(),
            make_error_code(Errc::bad_reason));
  ASSERT_TRUE(cases_->Reopen(woman_case, "officer.ndiaye",
                             "Revue à Sabodala avec le même homme / seen again with the same man"));
  EXPECT_EQ(cases_->Get(woman_case).value()->status, CaseStatus::kOpen);
  EXPECT_EQ(Actions(woman_case),
            (std::vector<std::string>{"flagged", "opened", "assigned", "referred",
                                      "referral_acknowledged", "referral_outcome",
                                      "referral_outcome", "closed", "reopened"}));
  const auto history = cases_->History(woman_case).value();
  EXPECT_FALSE(history[0].actor);
  EXPECT_EQ(history[1].actor, "officer.ndiaye");
  EXPECT_EQ(history[2].detail, "officer.sow");

  // A referral that is never acknowledged, ended by the officer.
  ASSERT_TRUE(referrals.RecordOutcome(girl_referral.value(), ReferralOutcome::kClosed,
                                      "Le service n'a pas répondu / no answer", "officer.ndiaye"));
  auto ended = referrals.Get(girl_referral.value()).value();
  EXPECT_FALSE(ended->acknowledged_at_ms);
  EXPECT_TRUE(ended->closed_at_ms);
  EXPECT_TRUE(referrals.Overdue(10).value().empty());
  EXPECT_EQ(referrals.ForCase(girl_case).value().size(), 1u);
}

TEST_F(ReferralWorkflowTest, DismissNeedsAReasonAndADeactivatedServiceTakesNoReferral) {
  const std::int64_t girl_case = CaseId(girl_);
  EXPECT_EQ(cases_->Dismiss(girl_case, "officer.ndiaye", "").error(),
            make_error_code(Errc::bad_reason));
  EXPECT_EQ(cases_->Dismiss(girl_case, "officer.ndiaye", std::string(1001, 'x')).error(),
            make_error_code(Errc::bad_reason));
  EXPECT_EQ(cases_->Open(999, "officer.ndiaye").error(), make_error_code(Errc::unknown_case));

  CareServiceStore services(Reader(), clock());
  auto centre = services.Add(ReceptionCentre());
  ASSERT_TRUE(centre);
  ASSERT_TRUE(services.SetActive(centre.value(), false));
  ReferralStore referrals(Reader(), clock());
  EXPECT_EQ(referrals.Refer(girl_case, centre.value(), Now() + kDayMs, "officer.ndiaye").error(),
            make_error_code(Errc::service_inactive));
  EXPECT_EQ(referrals.Refer(girl_case, 999, Now() + kDayMs, "officer.ndiaye").error(),
            make_error_code(Errc::unknown_service));
  EXPECT_TRUE(services.List().value().empty());
  EXPECT_EQ(services.List(true).value().size(), 1u);

  CareServiceInput bad = ReceptionCentre();
  bad.languages = {"FR"};
  EXPECT_EQ(services.Add(bad).error(), make_error_code(Errc::bad_service));
  bad = ReceptionCentre();
  bad.name = "";
  EXPECT_EQ(services.Add(bad).error(), make_error_code(Errc::bad_service));
  bad = ReceptionCentre();
  bad.contact = "tel\n33";
  EXPECT_EQ(services.Add(bad).error(), make_error_code(Errc::bad_service));

  ASSERT_TRUE(cases_->Dismiss(girl_case, "officer.ndiaye",
                              "Erreur d'âge : pièce vue, 19 ans / wrong age: 19, document seen"));
  EXPECT_EQ(cases_->Get(girl_case).value()->status, CaseStatus::kDismissed);
  EXPECT_EQ(cases_->Open(girl_case, "officer.ndiaye").error(),
            make_error_code(Errc::case_status_forbids));
}

// A service that does not take in minors receives no girl under 18, nor anyone whose age nobody
// knows; an adult goes. The refusal writes nothing.
TEST_F(ReferralWorkflowTest, AServiceThatTakesNoMinorsReceivesNoGirlNorAnUnknownAge) {
  CareServiceStore services(Reader(), clock());
  CareServiceInput shelter = ReceptionCentre();
  shelter.name = "Maison des femmes de Kédougou";
  shelter.accepts_minors = false;
  auto adults_only = services.Add(shelter);
  ASSERT_TRUE(adults_only) << adults_only.error().message();
  auto centre = services.Add(ReceptionCentre());
  ASSERT_TRUE(centre);

  // A case whose person has no registration on file (her age is not known): the monitor's
  // RecordFlag, as for a flag raised before her registration arrived.
  const std::string unregistered = Token(0xCA);
  {
    auto transaction = db::Transaction::Begin(Reader(), db::Transaction::Mode::kImmediate);
    ASSERT_TRUE(transaction);
    ASSERT_TRUE(cases_->RecordFlag(unregistered, v1::PRIORITY_HIGH, "test"));
    ASSERT_TRUE(transaction.value().Commit());
  }
  ReferralStore referrals(Reader(), clock());
  for (const std::string& token : {girl_, second_girl_, unregistered}) {
    const std::int64_t case_id = CaseId(token);
    const auto before = Actions(case_id);
    EXPECT_EQ(referrals.Refer(case_id, adults_only.value(), Now() + kDayMs, "officer.sow").error(),
              make_error_code(Errc::service_refuses_minors));
    EXPECT_TRUE(referrals.ForCase(case_id).value().empty());
    EXPECT_EQ(cases_->Get(case_id).value()->status, CaseStatus::kNew);
    EXPECT_EQ(Actions(case_id), before);
  }
  EXPECT_TRUE(referrals.Refer(CaseId(girl_), centre.value(), Now() + kDayMs, "officer.sow"));
  EXPECT_TRUE(referrals.Refer(CaseId(woman_), adults_only.value(), Now() + kDayMs, "officer.sow"));
  EXPECT_TRUE(referrals.Refer(CaseId(unregistered), centre.value(), Now() + kDayMs, "officer.sow"));
}

}  // namespace
}  // namespace minegate::server::protection
