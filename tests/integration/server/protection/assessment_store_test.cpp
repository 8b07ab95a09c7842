// Assessments: written when they change, not when an evaluation gives the stored one.
#include "server/protection/assessment_store.hpp"

#include "server/protection/rule_set_store.hpp"
#include "server/risk/rule_set.hpp"
#include "tests/integration/server/protection/protection_fixture.hpp"

namespace minegate::server::protection {
namespace {

class AssessmentStoreTest : public ProtectionTest {};

TEST_F(AssessmentStoreTest, AnUnchangedAssessmentIsNotWrittenAgain) {
  ASSERT_TRUE(RuleSetStore(Reader(), clock()).EnsureActive());
  auto store = AssessmentStore::Create(Reader());
  ASSERT_TRUE(store);
  v1::RiskAssessment assessment;
  assessment.set_rule_set_version(risk::DefaultRuleSet().version());
  assessment.set_score(3);
  auto* raised = assessment.add_indicators();
  raised->set_id("companion_not_family");
  raised->set_points(3);
  const std::string token = Token(0xD1);

  auto first = store.value()->Put(token, assessment, Now());
  ASSERT_TRUE(first) << first.error().message();
  EXPECT_TRUE(first.value());
  SetNow(Now() + kDayMs);
  auto again = store.value()->Put(token, assessment, Now());
  ASSERT_TRUE(again);
  EXPECT_FALSE(again.value());
  EXPECT_EQ(store.value()->Get(token).value()->evaluated_at_ms, Now() - kDayMs);

  assessment.set_score(4);
  auto changed = store.value()->Put(token, assessment, Now());
  ASSERT_TRUE(changed);
  EXPECT_TRUE(changed.value());
  const auto stored = store.value()->Get(token).value();
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->assessment.score(), 4);
  EXPECT_EQ(stored->evaluated_at_ms, Now());
  EXPECT_EQ(Count("SELECT score FROM risk_assessments"), 4);

  // A version that was never stored is refused (the foreign key): nothing half-written.
  assessment.set_rule_set_version("1999-01-01.1");
  EXPECT_FALSE(store.value()->Put(token, assessment, Now()));
  EXPECT_EQ(Count("SELECT count(*) FROM risk_assessments"), 1);
}

}  // namespace
}  // namespace minegate::server::protection
