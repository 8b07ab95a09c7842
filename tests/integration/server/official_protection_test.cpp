// The protection officers' workspace through the real minegate-server over TLS, fed by real
// kiosks over the sync protocol: the queue's order (an overdue referral first, then priority,
// then the age of the flag) and what a row shows (no name); a case page that opens only with a
// reason, audited as its case; the whole referral workflow (service, open, assign, refer,
// overdue, acknowledgement, outcome, summary, close, reopen, dismiss); a search notice with a
// misspelt name raising a case, its answer saying how many and not who; and no audit entry of a
// protection route naming a person token (the flag stays silent in the audit log too).
#include <gtest/gtest.h>

#include "server/risk/rule_set.hpp"
#include "tests/integration/server/official_protection_fixture.hpp"

namespace minegate::test {
namespace {

using namespace std::chrono_literals;

/// A girl born in `year`, registered with no occupation (flagged: a female minor, URGENT).
Arrival Girl(std::uint8_t fill, const std::string& given, std::uint32_t year) {
  Arrival girl;
  girl.token = PersonToken(fill);
  girl.given = given;
  girl.family = "Camara";
  girl.birth_year = year;
  girl.occupation = v1::OCCUPATION_NONE;
  girl.purpose = v1::PURPOSE_OTHER;
  girl.document_number = "ML" + std::to_string(fill) + "0001";
  return girl;
}

std::string Json(const google::protobuf::Message& message) {
  std::string json;
  EXPECT_TRUE(google::protobuf::util::MessageToJsonString(message, &json).ok());
  return json;
}

std::vector<std::int64_t> CaseIds(const v1::ProtectionQueue& queue) {
  std::vector<std::int64_t> ids;
  for (const auto& row : queue.cases()) ids.push_back(row.summary().case_id());
  return ids;
}

class ProtectionWorkspaceTest : public OfficialProtectionTest {
 protected:
  /// The case of the girl whose queue row was flagged in that position.
  std::int64_t CaseAt(const v1::ProtectionQueue& queue, int row) {
    EXPECT_GT(queue.cases_size(), row);
    return queue.cases_size() > row ? queue.cases(row).summary().case_id() : 0;
  }
};

TEST_F(ProtectionWorkspaceTest, TheQueueAndTheWholeReferralWorkflow) {
  // Flagged in this order: a girl of 14, a young woman a friend answered for (LOW), a girl of 15.
  const Arrival first_girl = Girl(0xA1, "Kadiatou", 2011);
  Send(*bantako_, {Registration(*bantako_, first_girl)});
  Arrival woman = Girl(0xA2, "Favour", 2004);
  woman.nationality = "NGA";
  Send(*bantako_,
       {Registration(*bantako_, woman), Companion(*bantako_, woman.token, "Homme, chemise verte",
                                                  v1::COMPANION_RELATION_FRIEND, true, false)});
  const Arrival second_girl = Girl(0xA3, "Hawa", 2010);
  Send(*sabodala_, {Registration(*sabodala_, second_girl)});

  auto officer = SignedIn(kOfficer);
  v1::ProtectionQueue queue = Queue(*officer);
  ASSERT_EQ(queue.cases_size(), 3) << Json(queue);
  const std::int64_t girl_case = CaseAt(queue, 0);
  const std::int64_t second_case = CaseAt(queue, 1);
  const std::int64_t woman_case = CaseAt(queue, 2);
  EXPECT_LT(girl_case, second_case);
  EXPECT_LT(girl_case, woman_case);
  EXPECT_LT(woman_case, second_case);  // flagged before her, ranked after: priority first
  const auto& top = queue.cases(0);
  EXPECT_EQ(top.summary().priority(), v1::PRIORITY_URGENT);
  EXPECT_EQ(top.summary().status(), "new");
  EXPECT_EQ(top.summary().label(), "P-" + std::string(4 - std::to_string(girl_case).size(), '0') +
                                       std::to_string(girl_case));
  EXPECT_EQ(top.sex(), v1::SEX_FEMALE);
  EXPECT_EQ(top.age_band(), "under_15");
  EXPECT_EQ(top.last_seen_site_name(), "Bantako");
  EXPECT_EQ(queue.cases(1).age_band(), "15_17");
  EXPECT_EQ(queue.cases(1).last_seen_site_name(), "Sabodala");
  const auto& low = queue.cases(2);
  EXPECT_EQ(low.summary().priority(), v1::PRIORITY_LOW);
  EXPECT_EQ(low.age_band(), "21_25");
  EXPECT_NE(std::find(low.indicators().begin(), low.indicators().end(), "companion_not_family"),
            low.indicators().end());
  // A list shows no name, no document, no token.
  const HttpResult raw = officer->Call("GET", "/v1/protection/queue");
  for (const std::string& secret :
       {std::string("Kadiatou"), std::string("Favour"), std::string("Camara"),
        std::string("ML1610001"), base::ToHex(first_girl.token)}) {
    EXPECT_EQ(raw.body.find(secret), std::string::npos) << secret;
  }
  // Paged: one row a page, the cursor carries on in the same order.
  const v1::ProtectionQueue page1 = Queue(*officer, "?limit=1");
  ASSERT_EQ(page1.cases_size(), 1);
  ASSERT_FALSE(page1.next_cursor().empty());
  const v1::ProtectionQueue page2 = Queue(*officer, "?limit=1&cursor=" + page1.next_cursor());
  ASSERT_EQ(page2.cases_size(), 1);
  EXPECT_EQ(page2.cases(0).summary().case_id(), second_case);
  EXPECT_TRUE(IsProblemOf(officer->Call("GET", "/v1/protection/queue?cursor=xyz"), "bad_cursor"));

  // The directory of services.
  const HttpResult created = officer->Call(
      "POST", "/v1/protection/services",
      R"({"name":"Centre d'accueil de Kédougou","kind":"reception_centre","place":"Kédougou",)"
      R"("contact":"+221 33 985 00 00","languages":["fra","wol","eng"],"acceptsMinors":true})");
  ASSERT_EQ(created.status, 201) << created.body;
  const auto centre = ParsedAs<v1::CareService>(created);
  EXPECT_TRUE(centre.active());
  const std::string centre_id = std::to_string(centre.service_id());
  EXPECT_TRUE(IsProblemOf(
      officer->Call("POST", "/v1/protection/services", R"({"name":"X","kind":"hotel"})"),
      "bad_service"));

  // Open, assign, refer.
  const std::string woman_path = "/v1/protection/cases/" + std::to_string(woman_case);
  const HttpResult opened = officer->Call("POST", woman_path + "/open");
  ASSERT_EQ(opened.status, 200) << opened.body;
  EXPECT_EQ(ParsedAs<v1::ProtectionCase>(opened).status(), "open");
  EXPECT_TRUE(IsProblemOf(officer->Call("POST", woman_path + "/open"), "case_status_forbids"));
  const HttpResult assigned =
      officer->Call("POST", woman_path + "/assign", R"({"officerId":"binta.protection"})");
  ASSERT_EQ(assigned.status, 200) << assigned.body;
  EXPECT_EQ(ParsedAs<v1::ProtectionCase>(assigned).assigned_to(), kSecondOfficer);
  const HttpResult not_officer =
      officer->Call("POST", woman_path + "/assign", R"({"officerId":"ousmane.police"})");
  EXPECT_EQ(not_officer.status, 400);
  EXPECT_TRUE(IsProblemOf(not_officer, "bad_assignee")) << not_officer.body;
  const std::int64_t now = base::NowMs();
  EXPECT_TRUE(IsProblemOf(officer->Call("POST", woman_path + "/referrals",
                                        R"({"serviceId":")" + centre_id + R"(","dueAtMs":")" +
                                            std::to_string(now - 60'000) + "\"}"),
                          "bad_due_date"));
  const std::int64_t due = base::NowMs() + 1500;
  const HttpResult referred = officer->Call(
      "POST", woman_path + "/referrals",
      R"({"serviceId":")" + centre_id + R"(","dueAtMs":")" + std::to_string(due) + "\"}");
  ASSERT_EQ(referred.status, 201) << referred.body;
  const auto referral = ParsedAs<v1::Referral>(referred);
  EXPECT_EQ(referral.service_name(), "Centre d'accueil de Kédougou");
  EXPECT_FALSE(referral.overdue());
  const std::string referral_path =
      "/v1/protection/referrals/" + std::to_string(referral.referral_id());
  EXPECT_EQ(CaseIds(Queue(*officer)),
            (std::vector<std::int64_t>{girl_case, second_case, woman_case}));

  // Past its due date, unacknowledged: the LOW case comes first.
  while (base::NowMs() <= due + 50) std::this_thread::sleep_for(100ms);
  queue = Queue(*officer);
  EXPECT_EQ(CaseIds(queue), (std::vector<std::int64_t>{woman_case, girl_case, second_case}));
  EXPECT_EQ(queue.cases(0).summary().overdue_since_ms(), due);
  EXPECT_EQ(queue.cases(0).summary().status(), "referred");
  EXPECT_EQ(queue.cases(1).summary().overdue_since_ms(), 0);

  // Acknowledged: back in its place.
  const HttpResult acknowledged = officer->Call("POST", referral_path + "/acknowledgement");
  ASSERT_EQ(acknowledged.status, 200) << acknowledged.body;
  EXPECT_GT(ParsedAs<v1::Referral>(acknowledged).acknowledged_at_ms(), 0);
  EXPECT_TRUE(IsProblemOf(officer->Call("POST", referral_path + "/acknowledgement"),
                          "referral_already_acknowledged"));
  EXPECT_EQ(CaseIds(Queue(*officer)),
            (std::vector<std::int64_t>{girl_case, second_case, woman_case}));

  // Outcomes: accepted, then services given (which ends it); nothing after the end.
  EXPECT_TRUE(
      IsProblemOf(officer->Call("POST", referral_path + "/outcome", R"({"outcome":"finished"})"),
                  "bad_outcome"));
  ASSERT_EQ(officer
                ->Call("POST", referral_path + "/outcome",
                       R"({"outcome":"accepted","note":"Hébergée au centre / sheltered"})")
                .status,
            200);
  const HttpResult given = officer->Call(
      "POST", referral_path + "/outcome",
      R"({"outcome":"services_given","note":"Soins et retour en famille / care, back to family"})");
  ASSERT_EQ(given.status, 200) << given.body;
  EXPECT_EQ(ParsedAs<v1::Referral>(given).outcome(), "services_given");
  EXPECT_GT(ParsedAs<v1::Referral>(given).closed_at_ms(), 0);
  EXPECT_TRUE(
      IsProblemOf(officer->Call("POST", referral_path + "/outcome", R"({"outcome":"closed"})"),
                  "referral_closed"));

  // The printable summary: a reason first, then what the service needs.
  EXPECT_TRUE(IsProblemOf(officer->Call("GET", referral_path + "/summary"), "reason_required"));
  const HttpResult summary_answer =
      WithReason(*officer, "GET", referral_path + "/summary", "Fiche pour le centre d'accueil");
  ASSERT_EQ(summary_answer.status, 200) << summary_answer.body;
  const auto summary = ParsedAs<v1::ReferralSummary>(summary_answer);
  EXPECT_EQ(summary.person().given_name(), "Favour");
  EXPECT_EQ(summary.person().nationality(), "NGA");
  EXPECT_EQ(summary.service().contact(), "+221 33 985 00 00");
  EXPECT_EQ(summary.referred_by_name(), std::string("Nom ") + kOfficer);
  EXPECT_EQ(summary.case_id(), woman_case);
  ASSERT_GT(summary.reasons_size(), 0);
  EXPECT_FALSE(summary.reasons(0).text_fr().empty());
  EXPECT_FALSE(summary.reasons(0).text_en().empty());
  EXPECT_EQ(summary_answer.body.find("ML1620001"), std::string::npos);  // no document number

  // Close (a reason), then reopen (a reason).
  EXPECT_TRUE(
      IsProblemOf(officer->Call("POST", woman_path + "/close", R"({"reason":""})"), "bad_reason"));
  const HttpResult closed = officer->Call("POST", woman_path + "/close",
                                          R"({"reason":"Services rendus / services given"})");
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(ParsedAs<v1::ProtectionCase>(closed).status(), "closed");
  EXPECT_EQ(CaseIds(Queue(*officer)), (std::vector<std::int64_t>{girl_case, second_case}));
  EXPECT_TRUE(IsProblemOf(officer->Call("POST", woman_path + "/close", R"({"reason":"again"})"),
                          "case_status_forbids"));
  EXPECT_TRUE(IsProblemOf(officer->Call("POST", woman_path + "/referrals",
                                        R"({"serviceId":")" + centre_id + R"(","dueAtMs":")" +
                                            std::to_string(base::NowMs() + 86'400'000) + "\"}"),
                          "case_status_forbids"));
  const HttpResult reopened = officer->Call(
      "POST", woman_path + "/reopen",
      R"({"reason":"Revue à Sabodala avec le même homme / seen again with the same man"})");
  ASSERT_EQ(reopened.status, 200) << reopened.body;
  EXPECT_EQ(ParsedAs<v1::ProtectionCase>(reopened).status(), "open");
  EXPECT_EQ(Queue(*officer).cases_size(), 3);

  // The case page tells it all, in order.
  const HttpResult page = WithReason(*officer, "GET", woman_path, "Suivi de l'orientation");
  ASSERT_EQ(page.status, 200) << page.body;
  const auto file = ParsedAs<v1::CaseFile>(page);
  std::vector<std::string> actions;
  for (const auto& entry : file.history()) actions.push_back(entry.action());
  EXPECT_EQ(actions, (std::vector<std::string>{"flagged", "opened", "assigned", "referred",
                                               "referral_acknowledged", "referral_outcome",
                                               "referral_outcome", "closed", "reopened"}));
  EXPECT_EQ(file.history(0).actor(), "");  // the monitor
  EXPECT_EQ(file.history(1).actor(), kOfficer);
  ASSERT_EQ(file.referrals_size(), 1);
  EXPECT_EQ(file.referrals(0).outcome(), "services_given");

  // A deactivated service takes no new referral.
  const HttpResult deactivated = officer->Call(
      "PUT", "/v1/protection/services/" + centre_id,
      R"({"name":"Centre d'accueil de Kédougou","kind":"reception_centre","place":"Kédougou",)"
      R"("contact":"+221 33 985 00 00","languages":["fra","wol","eng"],"acceptsMinors":true,)"
      R"("active":false})");
  ASSERT_EQ(deactivated.status, 200) << deactivated.body;
  EXPECT_FALSE(ParsedAs<v1::CareService>(deactivated).active());
  EXPECT_TRUE(IsProblemOf(officer->Call("POST", woman_path + "/referrals",
                                        R"({"serviceId":")" + centre_id + R"(","dueAtMs":")" +
                                            std::to_string(base::NowMs() + 86'400'000) + "\"}"),
                          "service_inactive"));
  EXPECT_EQ(ParsedAs<v1::CareServiceList>(officer->Call("GET", "/v1/protection/services"))
                .services_size(),
            0);
  EXPECT_EQ(ParsedAs<v1::CareServiceList>(
                officer->Call("GET", "/v1/protection/services?includeInactive=true"))
                .services_size(),
            1);

  // Dismissed with a reason: out of the queue.
  const HttpResult dismissed =
      officer->Call("POST", "/v1/protection/cases/" + std::to_string(girl_case) + "/dismiss",
                    R"({"reason":"Erreur de saisie de l'année / year typed wrong"})");
  ASSERT_EQ(dismissed.status, 200) << dismissed.body;
  EXPECT_EQ(CaseIds(Queue(*officer)), (std::vector<std::int64_t>{second_case, woman_case}));
  EXPECT_TRUE(IsProblemOf(officer->Call("POST", "/v1/protection/cases/999/open"), "unknown_case"));

  // Each change audited once, naming the case, never her person token.
  const auto referrals = AuditOf("POST /v1/protection/cases/{id}/referrals");
  // A date in the past, the referral, a closed case, an inactive service.
  ASSERT_EQ(referrals.size(), 4u);
  EXPECT_EQ(referrals[1].entry.outcome, "ok");
  EXPECT_EQ(referrals[1].entry.targets,
            (std::vector<std::string>{"case:" + std::to_string(woman_case), "service:" + centre_id,
                                      "referral:" + std::to_string(referral.referral_id())}));
  EXPECT_TRUE(referrals[1].entry.person_tokens.empty());
  EXPECT_EQ(referrals[0].entry.outcome, "refused:bad_due_date");
}

TEST_F(ProtectionWorkspaceTest, ACasePageOpensOnlyWithAReasonAndIsAuditedAsItsCase) {
  Arrival man;
  man.token = PersonToken(0xB1);
  man.given = "Moussa";
  man.family = "Keita";
  man.sex = v1::SEX_MALE;
  Send(*bantako_, {Registration(*bantako_, man)});
  const Arrival girl = Girl(0xB2, "Mariama", 2010);
  Send(*bantako_,
       {Registration(*bantako_, girl),
        Companion(*bantako_, girl.token, man.token, v1::COMPANION_RELATION_EMPLOYER, true, true),
        Passage(*bantako_, girl.token)});
  Send(*sabodala_, {Passage(*sabodala_, girl.token)});

  auto officer = SignedIn(kOfficer);
  const v1::ProtectionQueue queue = Queue(*officer);
  ASSERT_EQ(queue.cases_size(), 1);
  const std::int64_t case_id = queue.cases(0).summary().case_id();
  EXPECT_EQ(queue.cases(0).last_seen_site_name(), "Sabodala");
  const std::string path = "/v1/protection/cases/" + std::to_string(case_id);

  const HttpResult refused = officer->Call("GET", path);
  EXPECT_EQ(refused.status, 400);
  EXPECT_TRUE(IsProblemOf(refused, "reason_required")) << refused.body;
  EXPECT_EQ(refused.body.find("Mariama"), std::string::npos);

  const std::string reason = "Évaluation du signalement — mineure à Sabodala";
  const HttpResult answer = WithReason(*officer, "GET", path, reason);
  ASSERT_EQ(answer.status, 200) << answer.body;
  const auto file = ParsedAs<v1::CaseFile>(answer);
  EXPECT_EQ(file.summary().case_id(), case_id);
  EXPECT_EQ(file.person().given_name(), "Mariama");
  EXPECT_EQ(file.person().family_name(), "Camara");
  EXPECT_EQ(file.person().age_years(), 15u);
  EXPECT_TRUE(file.person().age_approximate());
  EXPECT_EQ(file.person().nationality(), "MLI");
  EXPECT_EQ(file.person().languages_size(), 2);
  EXPECT_EQ(file.person().registered_site_name(), "Bantako");
  EXPECT_EQ(file.last_seen().site_name(), "Sabodala");
  ASSERT_EQ(file.companions_size(), 1);
  EXPECT_EQ(file.companions(0).relation(), v1::COMPANION_RELATION_EMPLOYER);
  EXPECT_TRUE(file.companions(0).answered_for_her());
  EXPECT_TRUE(file.companions(0).has_bracelet());
  EXPECT_EQ(file.companions(0).companion_given_name(), "Moussa");
  EXPECT_EQ(file.companions(0).companion_family_name(), "Keita");
  EXPECT_EQ(file.assessment().rule_set_version(), server::risk::DefaultRuleSet().version());
  EXPECT_TRUE(file.assessment().flagged());
  ASSERT_GT(file.assessment().indicators_size(), 0);
  EXPECT_EQ(file.assessment().indicators(0).id(), "female_minor");
  // An estimated year: her age is "about" the youngest it allows.
  EXPECT_EQ(file.assessment().indicators(0).text_fr(), "Mineure : environ 15 ans");
  EXPECT_EQ(file.assessment().indicators(0).text_en(), "Minor: about 15 years old");
  ASSERT_EQ(file.movements().stays_size(), 2);
  EXPECT_EQ(file.movements().stays(0).site_name(), "Bantako");
  EXPECT_EQ(file.movements().stays(1).site_name(), "Sabodala");
  EXPECT_EQ(file.movements().passage_count(), 2);
  ASSERT_GT(file.history_size(), 0);
  EXPECT_EQ(file.history(0).action(), "flagged");
  // Not the companion's document, nor hers.
  EXPECT_EQ(answer.body.find("ML123456"), std::string::npos);

  // The audit log: the refusal and the read, each naming the case, not her token.
  const auto entries = AuditOf("GET /v1/protection/cases/{id}");
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].entry.outcome, "refused:reason_required");
  EXPECT_EQ(entries[0].entry.reason, "");
  const auto& read = entries[1].entry;
  EXPECT_EQ(read.outcome, "ok");
  EXPECT_EQ(read.actor_id, kOfficer);
  EXPECT_EQ(read.actor_role, "protection_officer");
  EXPECT_EQ(read.reason, reason);
  EXPECT_EQ(read.result_count, 1);
  EXPECT_NE(std::find(read.targets.begin(), read.targets.end(), "case:" + std::to_string(case_id)),
            read.targets.end());
  EXPECT_TRUE(read.person_tokens.empty());
  // The queue read is audited too, with its count and no person.
  const auto queue_reads = AuditOf("GET /v1/protection/queue");
  ASSERT_EQ(queue_reads.size(), 1u);
  EXPECT_EQ(queue_reads[0].entry.result_count, 1);
  EXPECT_TRUE(queue_reads[0].entry.person_tokens.empty());

  // An auditor sees who opened case N and why — not what it says, nor whose it is: a search
  // by her person token finds nothing.
  auto auditor = SignedIn("awa.auditor");
  const HttpResult seen = auditor->Call(
      "GET", "/v1/audit/entries?action=" + PercentEncoded("GET /v1/protection/cases/{id}"));
  ASSERT_EQ(seen.status, 200) << seen.body;
  const auto listed = ParsedAs<v1::AuditEntryList>(seen);
  ASSERT_EQ(listed.entries_size(), 2);
  EXPECT_EQ(listed.entries(0).actor_id(), kOfficer);
  EXPECT_EQ(listed.entries(0).reason(), reason);
  EXPECT_NE(std::find(listed.entries(0).targets().begin(), listed.entries(0).targets().end(),
                      "case:" + std::to_string(case_id)),
            listed.entries(0).targets().end());
  EXPECT_TRUE(listed.entries(0).person_tokens().empty());
  for (const std::string& content :
       {std::string("Mariama"), std::string("female_minor"), std::string("Mineure"),
        std::string("URGENT"), base::ToHex(girl.token)}) {
    EXPECT_EQ(seen.body.find(content), std::string::npos) << content;
  }
  const HttpResult by_token =
      auditor->Call("GET", "/v1/audit/entries?personToken=" + base::ToHex(girl.token));
  ASSERT_EQ(by_token.status, 200) << by_token.body;
  EXPECT_EQ(ParsedAs<v1::AuditEntryList>(by_token).entries_size(), 0) << by_token.body;
}

TEST_F(ProtectionWorkspaceTest, ASearchNoticeWithAMisspeltNameRaisesACaseAndSaysOnlyHowMany) {
  // How the agent wrote her at the gate: a misspelt given name, a transliterated family name,
  // an estimated year one off. Nothing else about her raises a flag.
  Arrival her;
  her.token = PersonToken(0xC1);
  her.given = "Fatumata";
  her.family = "Jallo";
  her.birth_year = 2006;
  her.nationality = "GIN";
  her.occupation = v1::OCCUPATION_FOOD_SERVICE;
  her.purpose = v1::PURPOSE_OTHER;
  her.document_number = "GN778899";
  her.languages = {"fuf", "fra"};
  Arrival other = her;
  other.token = PersonToken(0xC2);
  other.given = "Aminata";
  other.family = "Camara";
  other.document_number = "GN111111";
  Send(*sabodala_, {Registration(*sabodala_, her), Registration(*sabodala_, other)});
  auto officer = SignedIn(kOfficer);
  EXPECT_EQ(Queue(*officer).cases_size(), 0);

  const HttpResult created = officer->Call(
      "POST", "/v1/protection/notices",
      R"({"kind":"missing_person","givenName":"Fatoumata","familyName":"Diallo",)"
      R"("sex":"SEX_FEMALE","birthYear":2005,"nationality":"GIN",)"
      R"("photoDescription":"Tresses, cicatrice au menton / braids, scar on the chin",)"
      R"("reportingService":"Consulat de Guinée, Tambacounda"})");
  ASSERT_EQ(created.status, 201) << created.body;
  const auto answer = ParsedAs<v1::CreatedSearchNotice>(created);
  EXPECT_EQ(answer.cases_raised(), 1);
  EXPECT_EQ(answer.notice().match_count(), 1);
  EXPECT_EQ(answer.notice().status(), "open");
  EXPECT_EQ(answer.notice().created_by(), kOfficer);
  // How many, never who.
  for (const std::string& who : {std::string("Fatumata"), std::string("Jallo"),
                                 std::string("GN778899"), base::ToHex(her.token)}) {
    EXPECT_EQ(created.body.find(who), std::string::npos) << who;
  }

  const v1::ProtectionQueue queue = Queue(*officer);
  ASSERT_EQ(queue.cases_size(), 1);
  EXPECT_EQ(queue.cases(0).summary().priority(), v1::PRIORITY_URGENT);
  EXPECT_EQ(queue.cases(0).last_seen_site_name(), "Sabodala");
  const auto& indicators = queue.cases(0).indicators();
  EXPECT_NE(std::find(indicators.begin(), indicators.end(), "search_notice_match"),
            indicators.end());
  const HttpResult page = WithReason(
      *officer, "GET", "/v1/protection/cases/" + std::to_string(queue.cases(0).summary().case_id()),
      "Avis de recherche du consulat");
  ASSERT_EQ(page.status, 200) << page.body;
  const auto file = ParsedAs<v1::CaseFile>(page);
  EXPECT_EQ(file.person().family_name(), "Jallo");
  ASSERT_EQ(file.notice_matches_size(), 1);
  EXPECT_EQ(file.notice_matches(0).notice_id(), answer.notice().notice_id());
  EXPECT_EQ(file.notice_matches(0).method(), "name_birth_nationality");
  EXPECT_GE(file.notice_matches(0).similarity(), 0.85);
  EXPECT_EQ(file.notice_matches(0).reporting_service(), "Consulat de Guinée, Tambacounda");

  // The auditors can tell which case it raised (by its number, not by her token).
  const auto entries = AuditOf("POST /v1/protection/notices");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].entry.targets,
            (std::vector<std::string>{"notice:" + std::to_string(answer.notice().notice_id()),
                                      "case:" + std::to_string(file.summary().case_id())}));
  EXPECT_TRUE(entries[0].entry.person_tokens.empty());

  // Listed, closed once.
  const auto listed =
      ParsedAs<v1::SearchNoticeList>(officer->Call("GET", "/v1/protection/notices"));
  ASSERT_EQ(listed.notices_size(), 1);
  EXPECT_EQ(listed.notices(0).given_name(), "Fatoumata");
  const std::string close_path =
      "/v1/protection/notices/" + std::to_string(answer.notice().notice_id()) + "/close";
  const HttpResult closed = officer->Call("POST", close_path);
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(ParsedAs<v1::SearchNotice>(closed).status(), "closed");
  EXPECT_TRUE(IsProblemOf(officer->Call("POST", close_path), "notice_closed"));
  EXPECT_EQ(
      ParsedAs<v1::SearchNoticeList>(officer->Call("GET", "/v1/protection/notices")).notices_size(),
      0);
  EXPECT_EQ(
      ParsedAs<v1::SearchNoticeList>(officer->Call("GET", "/v1/protection/notices?status=all"))
          .notices_size(),
      1);
  // Closing raises nothing more and takes nothing back: her case stays for an officer to close.
  EXPECT_EQ(Queue(*officer).cases_size(), 1);
  EXPECT_TRUE(IsProblemOf(officer->Call("POST", "/v1/protection/notices", R"({"kind":"watch"})"),
                          "bad_notice"));
}

/// A birth year that makes her 17 today counted the youngest way (a year alone counts from its
/// last day, risk::AgeAt), while she may be 18 already: this year minus 18.
std::uint32_t YearOfAbout17() {
  const std::chrono::year_month_day today{
      std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
  return static_cast<std::uint32_t>(static_cast<int>(today.year()) - 18);
}

// A girl under 18 is never referred to a service that does not take in minors: her age today is
// the youngest her declared birth allows (as the queue's age band and the indicators count it),
// so a girl whose estimated year makes her 17 or 18 is refused too; an adult is not. A refusal
// writes nothing: no referral, the case's status and history as they were.
TEST_F(ProtectionWorkspaceTest, AGirlUnder18IsNeverReferredToAServiceThatTakesNoMinors) {
  const Arrival girl = Girl(0xF1, "Kadiatou", 2010);
  // Born "about" 18 years ago: 18 if born early in that year, 17 if late. She counts as 17.
  const Arrival maybe_adult = Girl(0xF2, "Aïcha", YearOfAbout17());
  Arrival woman = Girl(0xF3, "Favour", 2004);  // 22 at least: flagged LOW, an adult
  woman.nationality = "NGA";
  Send(*bantako_, {Registration(*bantako_, girl), Registration(*bantako_, maybe_adult),
                   Registration(*bantako_, woman),
                   Companion(*bantako_, woman.token, "Homme, chemise verte",
                             v1::COMPANION_RELATION_FRIEND, true, false)});
  auto officer = SignedIn(kOfficer);
  const v1::ProtectionQueue queue = Queue(*officer);
  ASSERT_EQ(queue.cases_size(), 3) << Json(queue);
  // Her case by her given name, from the case pages (a queue row names no one).
  std::map<std::string, std::string> path_of;
  for (const auto& row : queue.cases()) {
    const std::string path = "/v1/protection/cases/" + std::to_string(row.summary().case_id());
    const HttpResult page = WithReason(*officer, "GET", path, "Choix du service");
    ASSERT_EQ(page.status, 200) << page.body;
    path_of[ParsedAs<v1::CaseFile>(page).person().given_name()] = path;
  }
  ASSERT_EQ(path_of.size(), 3u);
  const std::string girl_path = path_of["Kadiatou"];
  const std::string maybe_adult_path = path_of["Aïcha"];
  const std::string woman_path = path_of["Favour"];
  ASSERT_FALSE(girl_path.empty() || maybe_adult_path.empty() || woman_path.empty());

  const auto add_service = [&](const std::string& name, bool minors) {
    const HttpResult created = officer->Call(
        "POST", "/v1/protection/services",
        R"({"name":")" + name + R"(","kind":"reception_centre","place":"Kédougou",)" +
            R"("languages":["fra"],"acceptsMinors":)" + (minors ? "true" : "false") + "}");
    EXPECT_EQ(created.status, 201) << created.body;
    return std::to_string(ParsedAs<v1::CareService>(created).service_id());
  };
  const std::string adults_only = add_service("Maison des femmes de Kédougou", false);
  const std::string centre = add_service("Centre d'accueil de Kédougou", true);
  const std::string due = std::to_string(base::NowMs() + 86'400'000);
  const auto refer = [&](const std::string& path, const std::string& service) {
    return officer->Call("POST", path + "/referrals",
                         R"({"serviceId":")" + service + R"(","dueAtMs":")" + due + R"("})");
  };

  for (const std::string& path : {girl_path, maybe_adult_path}) {
    const HttpResult refused = refer(path, adults_only);
    EXPECT_EQ(refused.status, 409) << refused.body;
    ASSERT_TRUE(IsProblemOf(refused, "service_refuses_minors")) << refused.body;
    const auto problem = ParsedAs<v1::Problem>(refused);
    EXPECT_EQ(problem.field(), "serviceId");
    // French, then English.
    EXPECT_NE(problem.title().find("mineures"), std::string::npos) << problem.title();
    EXPECT_NE(problem.title().find(" / this service does not take in minors"), std::string::npos)
        << problem.title();
    // Nothing written: no referral, the case still new, its history only the flag.
    const HttpResult page = WithReason(*officer, "GET", path, "Orientation refusée");
    ASSERT_EQ(page.status, 200) << page.body;
    const auto file = ParsedAs<v1::CaseFile>(page);
    EXPECT_EQ(file.summary().status(), "new");
    EXPECT_EQ(file.referrals_size(), 0);
    ASSERT_EQ(file.history_size(), 1) << Json(file);
    EXPECT_EQ(file.history(0).action(), "flagged");
    EXPECT_LT(file.person().age_years(), 18u);
  }
  // The girl of about 2008 is the one the youngest-age rule decides: she may be 18 already.
  const auto maybe_adult_file =
      ParsedAs<v1::CaseFile>(WithReason(*officer, "GET", maybe_adult_path, "Âge"));
  EXPECT_EQ(maybe_adult_file.person().age_years(), 17u);
  EXPECT_TRUE(maybe_adult_file.person().age_approximate());
  const auto refusals = AuditOf("POST /v1/protection/cases/{id}/referrals");
  ASSERT_EQ(refusals.size(), 2u);
  for (const auto& record : refusals) {
    EXPECT_EQ(record.entry.outcome, "refused:service_refuses_minors");
  }

  // Where minors are taken in, she is referred; an adult goes to the adults' service.
  const HttpResult to_centre = refer(girl_path, centre);
  ASSERT_EQ(to_centre.status, 201) << to_centre.body;
  const HttpResult adult = refer(woman_path, adults_only);
  ASSERT_EQ(adult.status, 201) << adult.body;
  EXPECT_EQ(std::to_string(ParsedAs<v1::Referral>(adult).service_id()), adults_only);
}

/// Every audit entry of the log, oldest first (one page: these tests write a few dozen).
std::vector<server::audit::AuditRecord> WholeAuditLog(const std::string& database) {
  std::vector<server::audit::AuditRecord> records;
  auto connection = server::OpenStoreReadOnly(database);
  EXPECT_TRUE(connection) << connection.error().message();
  if (!connection) return records;
  auto page =
      server::audit::AuditLog().Find(connection.value(), {}, "", server::audit::kMaxPageSize);
  EXPECT_TRUE(page) << page.error().message();
  if (!page) return records;
  EXPECT_TRUE(page.value().next_cursor.empty()) << "more entries than one page";
  records.assign(page.value().records.rbegin(), page.value().records.rend());
  return records;
}

bool Names(const server::audit::AuditEntry& entry, const std::string& target) {
  return std::find(entry.targets.begin(), entry.targets.end(), target) != entry.targets.end();
}

// An auditor who could link a person token to another role's reads (police histories) would
// learn who has a protection case: the flag stays silent in the audit log too. Every kind of
// protection route that touches a person — the case page, the case actions, a referral and its
// steps and summary, a search notice's creation and closing — names `case:<id>`, never a token.
TEST_F(ProtectionWorkspaceTest, NoAuditEntryOfAProtectionRouteNamesAPersonToken) {
  const Arrival girl = Girl(0xE1, "Adama", 2011);
  Arrival her;  // matched by the notice below
  her.token = PersonToken(0xE2);
  her.given = "Fatumata";
  her.family = "Jallo";
  her.birth_year = 2006;
  her.nationality = "GIN";
  her.occupation = v1::OCCUPATION_FOOD_SERVICE;
  her.purpose = v1::PURPOSE_OTHER;
  her.document_number = "GN778899";
  her.languages = {"fuf", "fra"};
  Send(*bantako_, {Registration(*bantako_, girl)});
  Send(*sabodala_, {Registration(*sabodala_, her)});
  auto officer = SignedIn(kOfficer);
  v1::ProtectionQueue queue = Queue(*officer);
  ASSERT_EQ(queue.cases_size(), 1) << Json(queue);
  const std::int64_t girl_case = queue.cases(0).summary().case_id();
  const std::string girl_target = "case:" + std::to_string(girl_case);
  const std::string path = "/v1/protection/cases/" + std::to_string(girl_case);

  ASSERT_EQ(WithReason(*officer, "GET", path, "Évaluation du signalement").status, 200);
  ASSERT_EQ(officer->Call("POST", path + "/open").status, 200);
  ASSERT_EQ(officer->Call("POST", path + "/assign", R"({"officerId":"binta.protection"})").status,
            200);
  const HttpResult created = officer->Call(
      "POST", "/v1/protection/services",
      R"({"name":"Centre d'accueil de Kédougou","kind":"reception_centre","place":"Kédougou",)"
      R"("contact":"+221 33 985 00 00","languages":["fra"],"acceptsMinors":true})");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string service_id = std::to_string(ParsedAs<v1::CareService>(created).service_id());
  const HttpResult referred =
      officer->Call("POST", path + "/referrals",
                    R"({"serviceId":")" + service_id + R"(","dueAtMs":")" +
                        std::to_string(base::NowMs() + 86'400'000) + R"("})");
  ASSERT_EQ(referred.status, 201) << referred.body;
  const std::string referral_path =
      "/v1/protection/referrals/" + std::to_string(ParsedAs<v1::Referral>(referred).referral_id());
  ASSERT_EQ(officer->Call("POST", referral_path + "/acknowledgement").status, 200);
  ASSERT_EQ(officer->Call("POST", referral_path + "/outcome", R"({"outcome":"accepted"})").status,
            200);
  ASSERT_EQ(WithReason(*officer, "GET", referral_path + "/summary", "Fiche pour le centre").status,
            200);
  // A refused action is audited too, and names no one either.
  ASSERT_TRUE(IsProblemOf(officer->Call("POST", path + "/reopen", R"({"reason":"x"})"),
                          "case_status_forbids"));

  const HttpResult notice =
      officer->Call("POST", "/v1/protection/notices",
                    R"({"kind":"missing_person","givenName":"Fatoumata","familyName":"Diallo",)"
                    R"("sex":"SEX_FEMALE","birthYear":2005,"nationality":"GIN",)"
                    R"("reportingService":"Consulat de Guinée, Tambacounda"})");
  ASSERT_EQ(notice.status, 201) << notice.body;
  const auto notice_answer = ParsedAs<v1::CreatedSearchNotice>(notice);
  ASSERT_EQ(notice_answer.cases_raised(), 1);
  const std::string notice_id = std::to_string(notice_answer.notice().notice_id());
  ASSERT_EQ(officer->Call("POST", "/v1/protection/notices/" + notice_id + "/close").status, 200);
  queue = Queue(*officer);
  std::int64_t her_case = 0;
  for (const auto& row : queue.cases()) {
    if (row.summary().case_id() != girl_case) her_case = row.summary().case_id();
  }
  ASSERT_NE(her_case, 0) << Json(queue);
  const std::string her_target = "case:" + std::to_string(her_case);

  // What each route must name.
  const std::map<std::string, std::string> case_of = {
      {"GET /v1/protection/cases/{id}", girl_target},
      {"POST /v1/protection/cases/{id}/open", girl_target},
      {"POST /v1/protection/cases/{id}/assign", girl_target},
      {"POST /v1/protection/cases/{id}/referrals", girl_target},
      {"POST /v1/protection/cases/{id}/reopen", girl_target},
      {"POST /v1/protection/referrals/{id}/acknowledgement", girl_target},
      {"POST /v1/protection/referrals/{id}/outcome", girl_target},
      {"GET /v1/protection/referrals/{id}/summary", girl_target},
      {"POST /v1/protection/notices", her_target},
      {"POST /v1/protection/notices/{id}/close", her_target},
  };
  const std::vector<std::string> tokens = {base::ToHex(girl.token), base::ToHex(her.token)};
  std::map<std::string, int> seen;
  for (const auto& record : WholeAuditLog(server_->database())) {
    const server::audit::AuditEntry& entry = record.entry;
    if (entry.action.find(" /v1/protection/") == std::string::npos) continue;
    ++seen[entry.action];
    EXPECT_TRUE(entry.person_tokens.empty()) << entry.action << " seq " << record.seq;
    std::string text = entry.query + "\n" + entry.reason + "\n" + entry.case_reference;
    for (const std::string& target : entry.targets) text += "\n" + target;
    for (const std::string& token : tokens) {
      EXPECT_EQ(text.find(token), std::string::npos) << entry.action << " names " << token;
    }
    if (const auto wanted = case_of.find(entry.action); wanted != case_of.end()) {
      EXPECT_TRUE(Names(entry, wanted->second))
          << entry.action << " seq " << record.seq << " lacks " << wanted->second;
    }
  }
  for (const auto& [action, target] : case_of) {
    EXPECT_GE(seen[action], 1) << action << " was not audited: the check above saw nothing";
  }
  // Nor can an auditor find them by token.
  auto auditor = SignedIn("awa.auditor");
  for (const std::string& token : tokens) {
    const HttpResult found = auditor->Call("GET", "/v1/audit/entries?personToken=" + token);
    ASSERT_EQ(found.status, 200) << found.body;
    EXPECT_EQ(ParsedAs<v1::AuditEntryList>(found).entries_size(), 0) << found.body;
  }
}

}  // namespace
}  // namespace minegate::test
