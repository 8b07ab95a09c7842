#include "server/protection/internal/person_assessor.hpp"

#include "server/protection/protection_types.hpp"
#include "server/risk/risk_evaluator.hpp"

namespace minegate::server::protection::internal {

std::string FlagDetail(const v1::RiskAssessment& assessment) {
  std::string detail = assessment.rule_set_version() + ":";
  for (int i = 0; i < assessment.indicators_size(); ++i) {
    detail += i == 0 ? " " : ", ";
    detail += assessment.indicators(i).id();
  }
  return detail;
}

Result<std::unique_ptr<PersonAssessor>> PersonAssessor::Create(db::Connection& connection,
                                                               base::Clock clock) {
  std::unique_ptr<PersonAssessor> assessor(new PersonAssessor(std::move(clock)));
  auto active = ActiveRules::Create(connection);
  if (!active) return active.error();
  assessor->active_ = std::move(active).value();
  auto facts = FactsReader::Create(connection);
  if (!facts) return facts.error();
  assessor->facts_ = std::move(facts).value();
  auto notices = NoticeMatcher::Create(connection, assessor->clock_);
  if (!notices) return notices.error();
  assessor->notices_ = std::move(notices).value();
  auto assessments = AssessmentStore::Create(connection);
  if (!assessments) return assessments.error();
  assessor->assessments_ = std::move(assessments).value();
  auto cases = CaseStore::Create(connection, assessor->clock_);
  if (!cases) return cases.error();
  assessor->cases_ = std::move(cases).value();
  return assessor;
}

Result<void> PersonAssessor::Assess(std::string_view person_token, const RulesInUse& rules,
                                    const Registration* registration) {
  auto read = facts_->Read(person_token, rules, scratch_facts_, registration);
  if (!read) return read.error();
  if (!read.value()) return Success();
  risk::Evaluate(rules.rules(), scratch_facts_, clock_(), scratch_assessment_);
  return Record(person_token, scratch_assessment_);
}

Result<void> PersonAssessor::Record(std::string_view person_token,
                                    const v1::RiskAssessment& assessment) {
  auto written = assessments_->Put(person_token, assessment, clock_());
  if (!written) return written.error();
  // The same assessment as stored: its case already reflects it (both are written together).
  if (!written.value() || !assessment.flagged()) return Success();
  auto flagged = cases_->RecordFlag(person_token, assessment.priority(), FlagDetail(assessment));
  if (!flagged) return flagged.error();
  return Success();
}

Result<void> PersonAssessor::NoteMatches(const std::vector<RecordedMatch>& matches) {
  for (const RecordedMatch& match : matches) {
    auto found = cases_->ForPerson(match.person_token);
    if (!found) return found.error();
    if (!found.value()) continue;
    const std::string detail = "notice " + std::to_string(match.notice_id) + " " +
                               std::string(Name(match.decision.method)) + " " +
                               std::to_string(match.decision.similarity);
    if (auto noted =
            cases_->AppendHistory(found.value()->case_id, std::nullopt, "notice_matched", detail);
        !noted) {
      return noted.error();
    }
  }
  return Success();
}

}  // namespace minegate::server::protection::internal
