// The border police's API through the real minegate-server over TLS, fed by real kiosks over
// the sync protocol (sealed registrations, companions, gate passages at two sites) into the real
// projector and SQLite file: every kind of search (bracelet UID, name in any spelling, document
// number, nationality + arrival dates, site + dates), paging with the cursor, each bad input's
// problem and field, the reason and case reference the gateway requires (refusals audited), the
// audit entries (terms, count, the person tokens answered or read), a person's timeline with what
// the printed page needs, and the compartments: no other role reaches either route.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <set>

#include "base/clock.hpp"
#include "base/hex.hpp"
#include "minegate/v1/police.pb.h"
#include "server/api/route_table.hpp"
#include "tests/integration/server/official_protection_fixture.hpp"

namespace minegate::test {
namespace {

constexpr char kPolice[] = "ousmane.police";
constexpr char kSearch[] = "GET /v1/police/persons";
constexpr char kTimeline[] = "GET /v1/police/persons/{id}/timeline";
constexpr char kReason[] = "Contrôle d'identité au poste de Moussala";
constexpr char kCaseReference[] = "PV-2026/0042";

/// "YYYY-MM-DD" of `ms` (UTC), `days` later.
std::string DayOf(std::int64_t ms, int days = 0) {
  using namespace std::chrono;
  const sys_days day =
      floor<std::chrono::days>(sys_time<milliseconds>(milliseconds(ms))) + std::chrono::days(days);
  const year_month_day date(day);
  const auto two = [](unsigned value) {
    return std::string(value < 10 ? "0" : "") + std::to_string(value);
  };
  return std::to_string(static_cast<int>(date.year())) + "-" +
         two(static_cast<unsigned>(date.month())) + "-" + two(static_cast<unsigned>(date.day()));
}

std::string FieldOf(const HttpResult& result) {
  v1::Problem problem;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  (void)google::protobuf::util::JsonStringToMessage(result.body, &problem, options);
  return problem.field();
}

std::set<std::string> NamesIn(const v1::PolicePersonSearch& page) {
  std::set<std::string> names;
  for (const auto& row : page.persons()) names.insert(row.given_name() + " " + row.family_name());
  return names;
}

class PoliceApiTest : public OfficialProtectionTest {
 protected:
  void SetUp() override {
    OfficialProtectionTest::SetUp();
    if (HasFailure()) return;
    aissatou_.token = PersonToken(0xB1);
    aissatou_.given = "Aïssatou";
    aissatou_.family = "Diallo";
    aissatou_.document_number = "ML-123 456";
    ndeye_.token = PersonToken(0xB2);
    ndeye_.given = "Ndèye";
    ndeye_.family = "DIOP";
    ndeye_.nationality = "SEN";
    ndeye_.document_number = "SN2751198700456";
    fatoumata_.token = PersonToken(0xB3);
    fatoumata_.given = "Fatoumata";
    fatoumata_.family = "N'Diaye";
    fatoumata_.nationality = "GIN";
    fatoumata_.document_number = "GN0144501";
    mariama_.token = PersonToken(0xB4);
    mariama_.given = "Mariama";
    mariama_.family = "Ba-Touré";
    mariama_.document_number = "ML7003311";
    moussa_.token = PersonToken(0xB5);
    moussa_.given = "Moussa";
    moussa_.family = "Keita";
    moussa_.sex = v1::SEX_MALE;
    moussa_.birth_year = 1980;
    moussa_.document_number = "ML5550999";
    // A girl of 15 an "employer" answered for, holding no document: flagged (URGENT) — a
    // protection case the police must never see a trace of.
    girl_.token = PersonToken(0xB6);
    girl_.given = "Kadiatou";
    girl_.family = "Camara";
    girl_.birth_year =
        static_cast<std::uint32_t>(std::stoi(DayOf(base::NowMs()).substr(0, 4))) - 15;
    girl_.occupation = v1::OCCUPATION_NONE;
    girl_.purpose = v1::PURPOSE_OTHER;
    girl_.document_number = "ML1610001";

    Send(*bantako_, {Registration(*bantako_, aissatou_), Registration(*bantako_, ndeye_),
                     Registration(*bantako_, fatoumata_), Registration(*bantako_, moussa_),
                     Registration(*bantako_, girl_),
                     Companion(*bantako_, girl_.token, moussa_.token,
                               v1::COMPANION_RELATION_EMPLOYER, true, true),
                     Passage(*bantako_, aissatou_.token)});
    Send(*sabodala_, {Registration(*sabodala_, mariama_), Passage(*sabodala_, aissatou_.token),
                      Passage(*sabodala_, mariama_.token), Passage(*sabodala_, girl_.token)});
    police_ = SignedIn(kPolice);
  }

  /// A police call with the reason and case reference (either left out when empty).
  HttpResult Police(const std::string& target, const std::string& reason = kReason,
                    const std::string& case_reference = kCaseReference,
                    OfficialClient* client = nullptr) {
    OfficialClient& caller = client != nullptr ? *client : *police_;
    std::vector<std::pair<std::string, std::string>> headers = {{"Cookie", caller.cookie()}};
    if (!reason.empty()) headers.emplace_back("Minegate-Reason", PercentEncoded(reason));
    if (!case_reference.empty()) {
      headers.emplace_back("Minegate-Case-Reference", PercentEncoded(case_reference));
    }
    return caller.Raw("GET", target, headers);
  }

  v1::PolicePersonSearch Search(const std::string& query) {
    const HttpResult answer = Police("/v1/police/persons?" + query);
    EXPECT_EQ(answer.status, 200) << query << ": " << answer.body;
    return ParsedAs<v1::PolicePersonSearch>(answer);
  }

  void ExpectProblem(const std::string& query, int status, const std::string& type,
                     const std::string& field) {
    const HttpResult answer = Police("/v1/police/persons?" + query);
    EXPECT_EQ(answer.status, status) << query << ": " << answer.body;
    EXPECT_TRUE(IsProblemOf(answer, type)) << query << ": " << answer.body;
    EXPECT_EQ(FieldOf(answer), field) << query << ": " << answer.body;
    EXPECT_NE(answer.body.find(" / "), std::string::npos) << "bilingual title: " << answer.body;
  }

  Arrival aissatou_, ndeye_, fatoumata_, mariama_, moussa_, girl_;
  std::unique_ptr<OfficialClient> police_;
};

TEST_F(PoliceApiTest, SearchesOfEveryKind) {
  const std::string today = DayOf(base::NowMs());
  // Names: accents, case, order, apostrophes and hyphens do not matter; a part is enough.
  EXPECT_EQ(NamesIn(Search("name=aissatou")), std::set<std::string>{"Aïssatou Diallo"});
  EXPECT_EQ(NamesIn(Search("name=ndeye%20diop")), std::set<std::string>{"Ndèye DIOP"});
  EXPECT_EQ(NamesIn(Search("name=DIOP%20Nd%C3%A8ye")), std::set<std::string>{"Ndèye DIOP"});
  EXPECT_EQ(NamesIn(Search("name=ndiaye")), std::set<std::string>{"Fatoumata N'Diaye"});
  EXPECT_EQ(NamesIn(Search("name=toure%20mariama")), std::set<std::string>{"Mariama Ba-Touré"});
  EXPECT_EQ(NamesIn(Search("name=batour")), std::set<std::string>{"Mariama Ba-Touré"});
  EXPECT_TRUE(Search("name=Okafor").persons().empty());
  // A row tells people apart: sex, birth year, nationality, first and last site seen.
  const v1::PolicePersonSearch found = Search("name=Diallo");
  ASSERT_EQ(found.persons_size(), 1);
  const v1::PolicePersonRow& row = found.persons(0);
  EXPECT_EQ(row.person_id(), base::ToHex(aissatou_.token));
  EXPECT_EQ(row.sex(), v1::SEX_FEMALE);
  EXPECT_EQ(row.birth_year(), 1990);
  EXPECT_EQ(row.nationality(), "MLI");
  EXPECT_EQ(row.first_site_name(), "Bantako");
  EXPECT_EQ(row.last_site_name(), "Sabodala");
  EXPECT_TRUE(found.next_cursor().empty());

  // Document numbers: upper case, without spaces, dashes or slashes, on both sides.
  EXPECT_EQ(NamesIn(Search("document=ml123456")), std::set<std::string>{"Aïssatou Diallo"});
  EXPECT_EQ(NamesIn(Search("document=SN%202751-1987-00456")), std::set<std::string>{"Ndèye DIOP"});
  EXPECT_TRUE(Search("document=XX0000").persons().empty());

  // The bracelet UID she passed a gate with (any case).
  EXPECT_EQ(NamesIn(Search("uid=047766554433b1")), std::set<std::string>{"Aïssatou Diallo"});
  EXPECT_EQ(NamesIn(Search("uid=047766554433B4")), std::set<std::string>{"Mariama Ba-Touré"});
  EXPECT_TRUE(Search("uid=04000000000000").persons().empty());

  // Nationality and arrival (registration) dates, `to` included whole; the code in any case.
  EXPECT_EQ(NamesIn(Search("nationality=mli&from=" + today + "&to=" + today)),
            (std::set<std::string>{"Aïssatou Diallo", "Mariama Ba-Touré", "Moussa Keita",
                                   "Kadiatou Camara"}));
  EXPECT_EQ(NamesIn(Search("nationality=GIN&from=2020-01-01&to=" + today)),
            std::set<std::string>{"Fatoumata N'Diaye"});
  EXPECT_TRUE(
      Search("nationality=MLI&from=" + DayOf(base::NowMs(), 1) + "&to=" + DayOf(base::NowMs(), 3))
          .persons()
          .empty());

  // Site and dates: who passed a gate of Sabodala, each once, with when.
  const v1::PolicePersonSearch sabodala =
      Search("site=2&from=" + DayOf(base::NowMs(), -1) + "&to=" + today);
  EXPECT_EQ(NamesIn(sabodala),
            (std::set<std::string>{"Aïssatou Diallo", "Mariama Ba-Touré", "Kadiatou Camara"}));
  for (const auto& person : sabodala.persons()) EXPECT_GT(person.matched_at_ms(), 0);
  EXPECT_EQ(NamesIn(Search("site=1&from=" + today + "&to=" + today)),
            std::set<std::string>{"Aïssatou Diallo"});
}

TEST_F(PoliceApiTest, PagesFollowTheCursorWithoutRepeats) {
  const std::string today = DayOf(base::NowMs());
  const std::string query = "nationality=MLI&from=" + today + "&to=" + today + "&limit=1";
  std::vector<std::string> seen;
  std::string cursor;
  for (int page = 0; page < 10; ++page) {
    const v1::PolicePersonSearch answer =
        Search(query + (cursor.empty() ? "" : "&cursor=" + cursor));
    ASSERT_LE(answer.persons_size(), 1);
    for (const auto& row : answer.persons()) seen.push_back(row.person_id());
    cursor = answer.next_cursor();
    if (cursor.empty()) break;
  }
  EXPECT_TRUE(cursor.empty());
  EXPECT_EQ(seen.size(), 4u);
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 4u) << "a person twice";
  // A name search's pages too ("tou": Aïssatou, Fatoumata, Kadiatou, Touré).
  const v1::PolicePersonSearch first = Search("name=tou&limit=3");
  ASSERT_EQ(first.persons_size(), 3);
  ASSERT_FALSE(first.next_cursor().empty());
  const v1::PolicePersonSearch second = Search("name=tou&limit=3&cursor=" + first.next_cursor());
  ASSERT_EQ(second.persons_size(), 1);
  EXPECT_TRUE(second.next_cursor().empty());
  std::set<std::string> names = NamesIn(first);
  names.merge(NamesIn(second));
  EXPECT_EQ(names, (std::set<std::string>{"Aïssatou Diallo", "Fatoumata N'Diaye", "Kadiatou Camara",
                                          "Mariama Ba-Touré"}));
  // A cursor of one kind of search is refused by another.
  ExpectProblem("document=ML123456&cursor=" + first.next_cursor(), 400, "bad_cursor", "cursor");
}

TEST_F(PoliceApiTest, BadInputGetsItsProblemAndField) {
  ExpectProblem("", 400, "bad_search", "");
  ExpectProblem("name=&document=", 400, "bad_search", "");
  ExpectProblem("name=diallo&document=ML123456", 400, "bad_search", "document");
  ExpectProblem("name=diallo&from=2026-01-01", 400, "bad_search", "from");
  ExpectProblem("uid=zz", 400, "bad_tag_uid", "uid");
  ExpectProblem("uid=0411", 400, "bad_tag_uid", "uid");
  ExpectProblem("name=a", 400, "name_too_short", "name");
  ExpectProblem("name=" + std::string(101, 'a'), 400, "bad_search", "name");
  ExpectProblem("document=--%20--", 400, "bad_document", "document");
  ExpectProblem("nationality=ML&from=2026-01-01&to=2026-01-31", 400, "bad_nationality",
                "nationality");
  ExpectProblem("nationality=MLI&to=2026-01-31", 400, "bad_date", "from");
  ExpectProblem("nationality=MLI&from=2026-01-01", 400, "bad_date", "to");
  ExpectProblem("nationality=MLI&from=2026-02-30&to=2026-03-01", 400, "bad_date", "from");
  ExpectProblem("nationality=MLI&from=01/02/2026&to=2026-03-01", 400, "bad_date", "from");
  ExpectProblem("nationality=MLI&from=2026-03-02&to=2026-03-01", 400, "bad_date_range", "to");
  ExpectProblem("site=abc&from=2026-01-01&to=2026-01-31", 400, "bad_site", "site");
  ExpectProblem("site=99&from=2026-01-01&to=2026-01-31", 404, "unknown_site", "site");
  ExpectProblem("name=diallo&limit=201", 400, "bad_limit", "limit");
  ExpectProblem("name=diallo&cursor=xyz", 400, "bad_cursor", "cursor");
  // Exactly 200 is a page.
  EXPECT_EQ(Police("/v1/police/persons?name=diallo&limit=200").status, 200);

  const HttpResult bad_id = Police("/v1/police/persons/xyz/timeline");
  EXPECT_EQ(bad_id.status, 400) << bad_id.body;
  EXPECT_TRUE(IsProblemOf(bad_id, "bad_person_id")) << bad_id.body;
  EXPECT_EQ(FieldOf(bad_id), "id");
  const HttpResult unknown = Police("/v1/police/persons/" + std::string(32, '0') + "/timeline");
  EXPECT_EQ(unknown.status, 404) << unknown.body;
  EXPECT_TRUE(IsProblemOf(unknown, "unknown_person")) << unknown.body;
}

TEST_F(PoliceApiTest, TheTimelineAndWhatThePrintedPageNeeds) {
  const std::int64_t before = base::NowMs();
  const std::string id = base::ToHex(girl_.token);
  const HttpResult answer = Police("/v1/police/persons/" + id + "/timeline");
  ASSERT_EQ(answer.status, 200) << answer.body;
  const auto timeline = ParsedAs<v1::PoliceTimeline>(answer);
  EXPECT_EQ(timeline.person_id(), id);
  EXPECT_EQ(timeline.registration().given_name(), "Kadiatou");
  EXPECT_EQ(timeline.registration().site_name(), "Bantako");
  EXPECT_EQ(timeline.registration().document_number(), "ML1610001");
  EXPECT_EQ(timeline.passage_count(), 1);
  ASSERT_EQ(timeline.passages_size(), 1);
  EXPECT_EQ(timeline.passages(0).site_name(), "Sabodala");
  ASSERT_EQ(timeline.came_with_size(), 1);
  EXPECT_EQ(timeline.came_with(0).person_id(), base::ToHex(moussa_.token));
  EXPECT_EQ(timeline.came_with(0).family_name(), "Keita");
  EXPECT_EQ(timeline.came_with(0).relation(), v1::COMPANION_RELATION_EMPLOYER);
  EXPECT_GE(timeline.produced_at_ms(), before);
  EXPECT_LE(timeline.produced_at_ms(), base::NowMs());
  EXPECT_EQ(timeline.printed_by(), std::string("Nom ") + kPolice);
  EXPECT_EQ(timeline.printed_by_user_id(), kPolice);
  // Her companion's side: whom he came with, a link to open.
  const auto his = ParsedAs<v1::PoliceTimeline>(
      Police("/v1/police/persons/" + base::ToHex(moussa_.token) + "/timeline"));
  ASSERT_EQ(his.accompanied_size(), 1);
  EXPECT_EQ(his.accompanied(0).person_id(), id);
  // She is flagged (a protection case exists): nothing of it reaches the police — no key of
  // an answer names a protection question, a flag, a case or its indicators.
  const std::string search = Police("/v1/police/persons?name=kadiatou").body;
  for (const std::string& body : {answer.body, search}) {
    for (const char* word :
         {"answeredForHer", "answeredFor", "holder", "debt", "travelPaid", "promisedJob", "purpose",
          "indicator", "flag", "priority", "case", "PRIORITY_", "female_minor", "P-0"}) {
      EXPECT_EQ(body.find(word), std::string::npos) << word << " in " << body;
    }
  }
}

TEST_F(PoliceApiTest, AReasonAndACaseReferenceFirstAndEveryReadAudited) {
  // Without a reason, or without a case reference: refused, nothing searched, audited.
  const HttpResult no_reason = Police("/v1/police/persons?name=diallo", "", kCaseReference);
  EXPECT_EQ(no_reason.status, 400) << no_reason.body;
  EXPECT_TRUE(IsProblemOf(no_reason, "reason_required")) << no_reason.body;
  EXPECT_EQ(no_reason.body.find("Diallo"), std::string::npos);
  const HttpResult no_case = Police("/v1/police/persons?name=diallo", kReason, "");
  EXPECT_EQ(no_case.status, 400) << no_case.body;
  EXPECT_TRUE(IsProblemOf(no_case, "case_reference_required")) << no_case.body;
  const std::string girl = base::ToHex(girl_.token);
  const HttpResult timeline_refused = Police("/v1/police/persons/" + girl + "/timeline", "", "");
  EXPECT_TRUE(IsProblemOf(timeline_refused, "reason_required")) << timeline_refused.body;

  // A search and a timeline read, answered.
  ASSERT_EQ(Police("/v1/police/persons?nationality=MLI&from=2020-01-01&to=" + DayOf(base::NowMs()) +
                   "&limit=2")
                .status,
            200);
  ASSERT_EQ(Police("/v1/police/persons/" + girl + "/timeline").status, 200);
  ASSERT_EQ(Police("/v1/police/persons?name=zzzzz").status, 200);

  const auto searches = AuditOf(kSearch);
  ASSERT_EQ(searches.size(), 4u);
  const auto& refused = searches[0].entry;
  EXPECT_EQ(refused.outcome, "refused:reason_required");
  EXPECT_EQ(refused.actor_id, kPolice);
  EXPECT_EQ(refused.actor_role, "border_police");
  EXPECT_TRUE(refused.person_tokens.empty());
  EXPECT_EQ(searches[1].entry.outcome, "refused:case_reference_required");
  const auto& answered = searches[2].entry;
  EXPECT_EQ(answered.outcome, "ok");
  EXPECT_EQ(answered.http_status, 200);
  EXPECT_EQ(answered.reason, kReason);
  EXPECT_EQ(answered.case_reference, kCaseReference);
  EXPECT_EQ(answered.query,
            R"({"nationality":"MLI","from":"2020-01-01","to":")" + DayOf(base::NowMs()) + R"("})");
  EXPECT_EQ(answered.result_count, 2);
  ASSERT_EQ(answered.person_tokens.size(), 2u);
  // The tokens answered are those of the page's rows, registered MLI: two of these four.
  const std::set<std::string> mli = {base::ToHex(aissatou_.token), base::ToHex(mariama_.token),
                                     base::ToHex(moussa_.token), base::ToHex(girl_.token)};
  for (const std::string& token : answered.person_tokens) EXPECT_TRUE(mli.contains(token)) << token;
  const auto& empty = searches[3].entry;
  EXPECT_EQ(empty.query, R"({"name":"zzzzz"})");
  EXPECT_EQ(empty.result_count, 0);
  EXPECT_TRUE(empty.person_tokens.empty());

  const auto reads = AuditOf(kTimeline);
  ASSERT_EQ(reads.size(), 2u);
  EXPECT_EQ(reads[0].entry.outcome, "refused:reason_required");
  const auto& read = reads[1].entry;
  EXPECT_EQ(read.outcome, "ok");
  EXPECT_EQ(read.result_count, 1);
  EXPECT_EQ(read.person_tokens, std::vector<std::string>{girl});
  EXPECT_EQ(read.query, R"({"personId":")" + girl + R"("})");
  EXPECT_EQ(read.reason, kReason);
  EXPECT_EQ(read.case_reference, kCaseReference);
  // A refused search names what was typed, the reason and the refusal.
  ASSERT_EQ(Police("/v1/police/persons?name=a").status, 400);
  const auto after = AuditOf(kSearch);
  ASSERT_EQ(after.size(), 5u);
  EXPECT_EQ(after.back().entry.outcome, "refused:name_too_short");
  EXPECT_EQ(after.back().entry.query, R"({"name":"a"})");
  EXPECT_EQ(after.back().entry.result_count, -1);
}

TEST_F(PoliceApiTest, NoOtherRoleReachesEitherRoute) {
  for (const char* route : {kSearch, kTimeline}) {
    const std::string name(route);
    const server::api::RouteRule* rule =
        server::api::FindRoute(name.substr(0, name.find(' ')), name.substr(name.find(' ') + 1));
    ASSERT_NE(rule, nullptr) << route;
    EXPECT_EQ(rule->justification, server::api::Justification::kReasonAndCaseReference);
    for (const auto role : server::admin::AllRoles()) {
      EXPECT_EQ(rule->roles.Contains(role), role == server::admin::Role::kBorderPolice)
          << route << " " << server::admin::RoleName(role);
    }
  }
  const std::string targets[] = {
      "/v1/police/persons?name=diallo",
      "/v1/police/persons/" + base::ToHex(aissatou_.token) + "/timeline"};
  std::size_t refusals = 0;
  for (const std::string user : {"admin", "awa.auditor", "fatou.emape", kOfficer}) {
    auto client = SignedIn(user);
    for (const std::string& target : targets) {
      const HttpResult answer = Police(target, kReason, kCaseReference, client.get());
      EXPECT_EQ(answer.status, 403) << user << " " << target << ": " << answer.body;
      EXPECT_TRUE(IsProblemOf(answer, "forbidden")) << user << " " << target << answer.body;
      EXPECT_EQ(answer.body.find("Diallo"), std::string::npos);
      ++refusals;
    }
  }
  // Each refusal audited, with who tried.
  std::size_t audited = 0;
  for (const char* route : {kSearch, kTimeline}) {
    for (const auto& record : AuditOf(route)) {
      if (record.entry.outcome == "refused:forbidden") ++audited;
    }
  }
  EXPECT_EQ(audited, refusals);
  // Gate agents work at kiosks: no web session at all, so neither route (a 401 before any).
  std::ofstream(dir_.File("pin")) << "582913\n";
  Ctl({"user", "add", "--id", "moussa.agent", "--name", "Moussa Agent", "--role", "gate_agent",
       "--password-file", dir_.File("pw"), "--pin-file", dir_.File("pin"), "--sites", "1"});
  OfficialClient agent(server_->client());
  const HttpResult refused = agent.SignIn("moussa.agent", kOfficialPassword);
  EXPECT_EQ(refused.status, 401) << refused.body;
  for (const std::string& target : targets) {
    const HttpResult answer = agent.Raw(
        "GET", target,
        {{"Minegate-Reason", PercentEncoded(kReason)}, {"Minegate-Case-Reference", "PV-1"}});
    EXPECT_EQ(answer.status, 401) << target << ": " << answer.body;
    EXPECT_TRUE(IsProblemOf(answer, "not_signed_in")) << answer.body;
  }
}

}  // namespace
}  // namespace minegate::test
