// The administrators' risk rule sets through the real minegate-server over TLS: the versions
// and the built-in text read back; an invalid upload refused with every error at its line and
// column, nothing changed; a valid one stored, activated and applied to the persons already
// registered (the bulk re-evaluation queued on the writer once the upload is committed) — the
// protection officers then see the cases under the new version, and a woman the old rules did
// not flag. The administrators' answers carry no assessment, and they reach no case.
#include <gtest/gtest.h>

#include "server/risk/rule_set.hpp"
#include "tests/integration/server/official_protection_fixture.hpp"

namespace minegate::test {
namespace {

using namespace std::chrono_literals;

/// `text` with its one occurrence of `from` replaced by `to`; a test failure when `from` is not
/// there exactly once (the built-in text changed under the test).
std::string ReplacedOnce(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at == std::string::npos) return text;
  EXPECT_EQ(text.find(from, at + from.size()), std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

/// The built-in rules as another version whose flag threshold is 6: two medium signs alone
/// (3 + 3) flag under it, not under the default (7). 6 is the lowest the engine accepts: above
/// one medium sign with the weak signs as weak_points_cap counts them (3 + 2).
std::string LowerThreshold(const std::string& text, const std::string& version) {
  const std::string renamed =
      ReplacedOnce(text, "version: \"" + server::risk::DefaultRuleSet().version() + "\"",
                   "version: \"" + version + "\"");
  return ReplacedOnce(renamed, "\nflag_threshold: 7\n", "\nflag_threshold: 6\n");
}

std::string UploadBody(const std::string& text) {
  v1::UploadRuleSetRequest request;
  request.set_text(text);
  std::string json;
  EXPECT_TRUE(google::protobuf::util::MessageToJsonString(request, &json).ok());
  return json;
}

class RuleSetUploadTest : public OfficialProtectionTest {};

TEST_F(RuleSetUploadTest, AnInvalidFileChangesNothingAndAValidOneReEvaluatesEveryone) {
  Arrival girl;
  girl.token = PersonToken(0xD1);
  girl.given = "Kadiatou";
  girl.family = "Sidibé";
  girl.birth_year = 2011;
  girl.occupation = v1::OCCUPATION_NONE;
  girl.purpose = v1::PURPOSE_OTHER;
  Arrival rose;
  rose.token = PersonToken(0xD2);
  rose.given = "Rose";
  rose.family = "Nwosu";
  // Over 25, a document, French, no entry date: no weak sign. A "friend" who answered for her:
  // two medium signs, 6 points, no element.
  rose.birth_year = 1995;
  rose.nationality = "NGA";
  rose.occupation = v1::OCCUPATION_TRADER;
  rose.purpose = v1::PURPOSE_OTHER;
  rose.document_number = "A12345";
  rose.languages = {"eng", "fra"};
  Send(*bantako_, {Registration(*bantako_, girl), Registration(*bantako_, rose),
                   Companion(*bantako_, rose.token, "Jeune femme, tresses rouges",
                             v1::COMPANION_RELATION_FRIEND, true, false)});
  auto officer = SignedIn(kOfficer);
  const v1::ProtectionQueue before = Queue(*officer);
  ASSERT_EQ(before.cases_size(), 1);  // the girl; not Rose under the built-in rules
  const std::string girl_case =
      "/v1/protection/cases/" + std::to_string(before.cases(0).summary().case_id());

  auto admin = SignedIn("admin");
  const HttpResult listed = admin->Call("GET", "/v1/risk/rule-sets");
  ASSERT_EQ(listed.status, 200) << listed.body;
  auto list = ParsedAs<v1::RuleSetList>(listed);
  ASSERT_EQ(list.versions_size(), 1);
  EXPECT_EQ(list.active_version(), server::risk::DefaultRuleSet().version());
  EXPECT_TRUE(list.versions(0).built_in());
  EXPECT_TRUE(list.versions(0).active());
  EXPECT_EQ(list.versions(0).uploaded_by(), "");
  EXPECT_EQ(list.versions(0).sha256().size(), 64u);
  EXPECT_TRUE(list.reevaluation().finished());
  EXPECT_EQ(list.reevaluation().persons_total(), 2);
  const HttpResult text_answer =
      admin->Call("GET", "/v1/risk/rule-sets/" + server::risk::DefaultRuleSet().version());
  ASSERT_EQ(text_answer.status, 200) << text_answer.body;
  const auto built_in = ParsedAs<v1::RuleSetText>(text_answer);
  EXPECT_EQ(built_in.text(), server::risk::DefaultRuleSetText());
  EXPECT_TRUE(
      IsProblemOf(admin->Call("GET", "/v1/risk/rule-sets/2026-01-01.1"), "unknown_rule_set"));

  // Invalid: a negative weight. Refused with the line and column, nothing stored.
  std::string invalid = LowerThreshold(built_in.text(), "2026-12-08.1");
  const std::size_t at = invalid.find("points: 3");
  ASSERT_NE(at, std::string::npos);
  const int line = 1 + static_cast<int>(std::count(invalid.begin(),
                                                   invalid.begin() + static_cast<long>(at), '\n'));
  invalid.replace(at, 9, "points: -3");
  const HttpResult refused = admin->Call("POST", "/v1/risk/rule-sets", UploadBody(invalid));
  EXPECT_EQ(refused.status, 400);
  EXPECT_TRUE(IsProblemOf(refused, "invalid_rule_set")) << refused.body;
  const auto problem = ParsedAs<v1::RuleSetProblem>(refused);
  ASSERT_GT(problem.errors_size(), 0) << refused.body;
  EXPECT_EQ(problem.errors(0).line(), line);
  EXPECT_EQ(problem.errors(0).column(), 3);
  EXPECT_NE(problem.errors(0).fr().find("points"), std::string::npos);
  EXPECT_NE(problem.errors(0).en().find("never negative"), std::string::npos);
  EXPECT_EQ(problem.field(), "text");
  list = ParsedAs<v1::RuleSetList>(admin->Call("GET", "/v1/risk/rule-sets"));
  EXPECT_EQ(list.versions_size(), 1);
  EXPECT_EQ(list.active_version(), server::risk::DefaultRuleSet().version());
  EXPECT_TRUE(list.reevaluation().finished());

  // Valid: stored, active, and everyone re-evaluated under it.
  const HttpResult uploaded = admin->Call(
      "POST", "/v1/risk/rule-sets", UploadBody(LowerThreshold(built_in.text(), "2026-12-08.1")));
  ASSERT_EQ(uploaded.status, 201) << uploaded.body;
  const auto stored = ParsedAs<v1::UploadedRuleSet>(uploaded);
  EXPECT_EQ(stored.version().version(), "2026-12-08.1");
  EXPECT_TRUE(stored.version().active());
  EXPECT_FALSE(stored.version().built_in());
  EXPECT_EQ(stored.version().uploaded_by(), "admin");
  EXPECT_FALSE(stored.already_stored());
  EXPECT_EQ(stored.reevaluation().rule_set_version(), "2026-12-08.1");
  EXPECT_FALSE(stored.reevaluation().finished());
  // The re-evaluation runs on the writer thread once the upload is committed (bounded wait).
  list = ParsedAs<v1::RuleSetList>(admin->Call("GET", "/v1/risk/rule-sets"));
  for (int i = 0; i < 100 && !list.reevaluation().finished(); ++i) {
    std::this_thread::sleep_for(100ms);
    list = ParsedAs<v1::RuleSetList>(admin->Call("GET", "/v1/risk/rule-sets"));
  }
  ASSERT_TRUE(list.reevaluation().finished()) << server_->Log();
  EXPECT_EQ(list.active_version(), "2026-12-08.1");
  ASSERT_EQ(list.versions_size(), 2);
  // Administrators read rules, never an assessment, a case or a person.
  for (const HttpResult& answer : {listed, uploaded, refused}) {
    for (const char* word : {"\"indicators\"", "Kadiatou", "Rose", "caseId", "PRIORITY"}) {
      EXPECT_EQ(answer.body.find(word), std::string::npos) << word << " in " << answer.body;
    }
  }
  EXPECT_EQ(admin->Call("GET", "/v1/protection/queue").status, 403);
  EXPECT_EQ(admin->Call("GET", girl_case).status, 403);

  // The officers see the new version on the cases, and Rose flagged by it.
  const HttpResult page = WithReason(*officer, "GET", girl_case, "Contrôle après mise à jour");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(ParsedAs<v1::CaseFile>(page).assessment().rule_set_version(), "2026-12-08.1");
  const v1::ProtectionQueue after = Queue(*officer);
  ASSERT_EQ(after.cases_size(), 2);
  EXPECT_EQ(after.cases(1).summary().priority(), v1::PRIORITY_LOW);
  EXPECT_EQ(officer->Call("GET", "/v1/risk/rule-sets").status, 403);

  // The upload's audit entries: the refusal and the change, naming the version.
  const auto entries = AuditOf("POST /v1/risk/rule-sets");
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].entry.outcome, "refused:invalid_rule_set");
  EXPECT_EQ(entries[1].entry.outcome, "ok");
  EXPECT_EQ(entries[1].entry.targets, std::vector<std::string>{"rule_set:2026-12-08.1"});
  EXPECT_TRUE(entries[1].entry.person_tokens.empty());
}

}  // namespace
}  // namespace minegate::test
