// Rule-set versions: an invalid upload is refused at its line and changes nothing; a new
// version re-evaluates everyone (the bulk path) and the monitor uses it without a restart.
#include "server/risk/rule_set.hpp"

#include <algorithm>
#include <string>

#include "server/protection/assessment_store.hpp"
#include "server/protection/risk_reevaluator.hpp"
#include "server/protection/rule_set_store.hpp"
#include "tests/integration/server/protection/protection_fixture.hpp"

namespace minegate::server::protection {
namespace {

/// `text` with its one occurrence of `from` replaced by `to`; a test failure when `from` is not
/// there exactly once (the built-in text changed under the test).
std::string ReplacedOnce(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at == std::string::npos) return text;
  EXPECT_EQ(text.find(from, at + from.size()), std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

/// The default rule set as a new version whose flag threshold is 6: two medium signs alone
/// (3 + 3) flag under it, not under the default (7). 6 is the lowest the engine accepts: above
/// one medium sign with the weak signs as weak_points_cap counts them (3 + 2).
std::string LowerThreshold(const std::string& version) {
  const std::string text = ReplacedOnce(std::string(risk::DefaultRuleSetText()),
                                        "version: \"" + risk::DefaultRuleSet().version() + "\"",
                                        "version: \"" + version + "\"");
  return ReplacedOnce(text, "\nflag_threshold: 7\n", "\nflag_threshold: 6\n");
}

/// A woman of 31 with a document, who speaks French, no entry date: no weak sign. Recorded
/// with a non-family companion who answered for her, two medium signs: 6 points, no element.
PersonSpec WomanAnsweredForByHerCompanion() {
  PersonSpec spec;
  spec.given = "Rose";
  spec.family = "Nwosu";
  spec.sex = v1::SEX_FEMALE;
  spec.birth_year = 1995;
  spec.nationality = "NGA";
  spec.occupation = v1::OCCUPATION_TRADER;
  spec.purpose = v1::PURPOSE_OTHER;
  spec.document_number = "A12345";
  spec.languages = {"eng", "fra"};
  return spec;
}

class RuleSetTest : public ProtectionTest {
 protected:
  std::optional<v1::RiskAssessment> AssessmentOf(const std::string& token) {
    auto store = AssessmentStore::Create(Reader());
    auto stored = store.value()->Get(token);
    EXPECT_TRUE(stored);
    if (!stored || !stored.value()) return std::nullopt;
    return stored.value()->assessment;
  }
  std::optional<std::string> Active() {
    auto active = RuleSetStore(Reader(), clock()).ActiveVersion();
    EXPECT_TRUE(active);
    return active ? active.value() : std::nullopt;
  }
};

TEST_F(RuleSetTest, ANewDatabaseGetsTheBuiltInRulesOnce) {
  OpenWriter();
  EXPECT_EQ(Active(), risk::DefaultRuleSet().version());
  writer_.reset();
  OpenWriter();
  EXPECT_EQ(Count("SELECT count(*) FROM risk_rule_sets"), 1);
  auto listed = RuleSetStore(Reader(), clock()).List();
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed.value().size(), 1u);
  EXPECT_FALSE(listed.value()[0].uploaded_by);
  EXPECT_TRUE(listed.value()[0].active);
  EXPECT_EQ(listed.value()[0].sha256_hex.size(), 64u);
}

TEST_F(RuleSetTest, AnInvalidUploadIsRefusedAtItsLineAndChangesNothing) {
  OpenWriter();
  std::string text = LowerThreshold("2026-12-08.1");
  // Line of the mistake: a negative weight in the third rule.
  const std::size_t at = text.find("points: 3");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 9, "points: -3");
  const int line = 1 + static_cast<int>(std::count(
                           text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
  RuleSetStore store(Reader(), clock());
  auto outcome = store.Upload(text, "admin.fall", true);
  ASSERT_TRUE(outcome) << outcome.error().message();
  ASSERT_FALSE(outcome.value().errors.empty());
  EXPECT_EQ(outcome.value().errors[0].line, line) << outcome.value().errors[0].Text();
  EXPECT_EQ(Count("SELECT count(*) FROM risk_rule_sets"), 1);
  EXPECT_EQ(Active(), risk::DefaultRuleSet().version());
  EXPECT_EQ(Count("SELECT count(*) FROM risk_reevaluation WHERE rule_set_version = '2026-12-08.1'"),
            0);

  // The same version again with another text: refused too.
  ASSERT_TRUE(store.Upload(LowerThreshold("2026-12-08.1"), "admin.fall", false));
  auto conflict =
      store.Upload(LowerThreshold("2026-12-08.1") + "\n# edited\n", "admin.fall", false);
  ASSERT_FALSE(conflict);
  EXPECT_EQ(conflict.error(), make_error_code(Errc::rule_set_exists));
}

TEST_F(RuleSetTest, AnUploadReevaluatesEveryoneAndTheMonitorUsesItWithoutARestart) {
  OpenWriter();
  Kiosk kiosk(12);
  const std::string woman = Token(0x90);
  const std::string miner = Token(0x91);
  PersonSpec man;
  Send(kiosk, {kiosk.Registered(woman, WomanAnsweredForByHerCompanion(), kNow),
               kiosk.Companion(woman, Token(0x92), v1::COMPANION_RELATION_FRIEND, kNow, true),
               kiosk.Registered(miner, man, kNow)});
  // The built-in rules' own run over the (then empty) registry.
  auto first = RiskReevaluator::Create(Reader(), clock());
  ASSERT_TRUE(first);
  ASSERT_TRUE(first.value()->Run());
  EXPECT_FALSE(AssessmentOf(woman)->flagged());
  EXPECT_EQ(AssessmentOf(woman)->score(), 6);  // the two medium signs, below the default's 7
  EXPECT_EQ(AssessmentOf(woman)->elements_present_size(), 0);
  EXPECT_EQ(AssessmentOf(miner)->rule_set_version(), risk::DefaultRuleSet().version());

  RuleSetStore store(Reader(), clock());
  auto uploaded = store.Upload(LowerThreshold("2026-12-08.1"), "admin.fall", true);
  ASSERT_TRUE(uploaded) << uploaded.error().message();
  ASSERT_TRUE(uploaded.value().errors.empty()) << uploaded.value().errors[0].Text();
  EXPECT_TRUE(uploaded.value().activated);
  EXPECT_EQ(Active(), "2026-12-08.1");

  auto reevaluator = RiskReevaluator::Create(Reader(), clock(), 1);  // a person per chunk
  ASSERT_TRUE(reevaluator);
  auto pending = reevaluator.value()->Pending();
  ASSERT_TRUE(pending);
  EXPECT_FALSE(pending.value().finished);
  EXPECT_EQ(pending.value().rule_set_version, "2026-12-08.1");
  std::vector<std::int64_t> done;
  auto ran = reevaluator.value()->Run(
      [&](const ReevaluationProgress& progress) { done.push_back(progress.persons_done); });
  ASSERT_TRUE(ran) << ran.error().message();
  EXPECT_TRUE(ran.value().finished);
  EXPECT_EQ(done, (std::vector<std::int64_t>{1, 2, 2}));
  EXPECT_EQ(AssessmentOf(woman)->rule_set_version(), "2026-12-08.1");
  EXPECT_EQ(AssessmentOf(miner)->rule_set_version(), "2026-12-08.1");
  EXPECT_TRUE(AssessmentOf(woman)->flagged());
  EXPECT_EQ(AssessmentOf(woman)->score(), 6);  // the same signs, the threshold alone moved
  EXPECT_EQ(Count("SELECT count(*) FROM protection_cases"), 1);

  // The writer kept running: its next batch is evaluated under the new version.
  const std::string next = Token(0x93);
  Send(kiosk,
       {kiosk.Registered(next, WomanAnsweredForByHerCompanion(), kNow + kDayMs),
        kiosk.Companion(next, Token(0x94), v1::COMPANION_RELATION_UNKNOWN, kNow + kDayMs, true)});
  EXPECT_EQ(AssessmentOf(next)->rule_set_version(), "2026-12-08.1");
  EXPECT_TRUE(AssessmentOf(next)->flagged());

  // Back to the built-in version: its re-evaluation follows.
  ASSERT_TRUE(store.Activate(risk::DefaultRuleSet().version()));
  ASSERT_TRUE(RiskReevaluator::Create(Reader(), clock()).value()->Run());
  EXPECT_EQ(AssessmentOf(woman)->rule_set_version(), risk::DefaultRuleSet().version());
  EXPECT_FALSE(AssessmentOf(woman)->flagged());
  EXPECT_EQ(store.Activate("2099-01-01.1").error(), make_error_code(Errc::unknown_rule_set));
}

TEST_F(RuleSetTest, AnInterruptedReevaluationResumesWhereItStopped) {
  OpenWriter();
  Kiosk kiosk(12);
  std::vector<v1::Event> events;
  for (std::uint8_t i = 0; i < 10; ++i) {
    PersonSpec spec;
    spec.given = "Ibrahima" + std::to_string(i);
    events.push_back(kiosk.Registered(Token(0xA0, i), spec, kNow));
  }
  Send(kiosk, std::move(events));
  ASSERT_TRUE(RiskReevaluator::Create(Reader(), clock()).value()->Run());
  ASSERT_TRUE(
      RuleSetStore(Reader(), clock()).Upload(LowerThreshold("2026-12-09.1"), "admin.fall", true));
  {
    auto partial = RiskReevaluator::Create(Reader(), clock(), 4);
    ASSERT_TRUE(partial.value()->Step());  // then the process stops
  }
  EXPECT_EQ(Count("SELECT count(*) FROM risk_assessments WHERE rule_set_version = '2026-12-09.1'"),
            4);
  auto resumed = RiskReevaluator::Create(Reader(), clock(), 4);
  auto ran = resumed.value()->Run();
  ASSERT_TRUE(ran);
  EXPECT_EQ(ran.value().persons_done, 10);
  EXPECT_EQ(Count("SELECT count(*) FROM risk_assessments WHERE rule_set_version = '2026-12-09.1'"),
            10);
}

TEST_F(RuleSetTest, OnTheWriterTheReevaluationRunsBetweenBatches) {
  OpenWriter();
  Kiosk kiosk(12);
  std::vector<v1::Event> events;
  for (std::uint8_t i = 0; i < 20; ++i) {
    PersonSpec spec;
    spec.given = "Seydou" + std::to_string(i);
    events.push_back(kiosk.Registered(Token(0xB0, i), spec, kNow));
  }
  Send(kiosk, std::move(events));
  ASSERT_TRUE(
      RuleSetStore(Reader(), clock()).Upload(LowerThreshold("2026-12-10.1"), "admin.fall", true));
  std::promise<Result<ReevaluationProgress>> finished;
  int steps = 0;
  ReevaluateOnWriter(*writer_, clock(), [&](const Result<ReevaluationProgress>& progress) {
    ++steps;
    if (!progress || progress.value().finished) finished.set_value(progress);
  });
  auto last = finished.get_future().get();
  ASSERT_TRUE(last) << last.error().message();
  EXPECT_EQ(last.value().persons_done, 20);
  EXPECT_GE(steps, 1);
  EXPECT_EQ(Count("SELECT count(*) FROM risk_assessments WHERE rule_set_version = '2026-12-10.1'"),
            20);
}

}  // namespace
}  // namespace minegate::server::protection
