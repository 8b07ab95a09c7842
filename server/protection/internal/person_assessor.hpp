#pragma once
/// Evaluates persons under the active rule set and records the outcome: the assessment (when
/// it changed), and for a flagged person her case (CaseStore::RecordFlag's rule). Shared by the
/// monitor, the notice store and the re-evaluator, so the three record alike.
/// Threading: uses its connection, so it belongs to that connection's thread.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.hpp"
#include "db/connection.hpp"
#include "minegate/v1/risk.pb.h"
#include "server/protection/assessment_store.hpp"
#include "server/protection/case_store.hpp"
#include "server/protection/internal/active_rules.hpp"
#include "server/protection/internal/facts_reader.hpp"
#include "server/protection/internal/notice_matcher.hpp"
#include "server/protection/protection_error.hpp"
#include "server/risk/person_facts.hpp"

namespace minegate::server::protection::internal {

class PersonAssessor {
 public:
  static Result<std::unique_ptr<PersonAssessor>> Create(db::Connection& connection,
                                                        base::Clock clock);

  /// The active rule set (re-read when its version changes).
  Result<std::shared_ptr<const RulesInUse>> Rules() { return active_->Current(); }
  /// Gathers her facts, evaluates and records; a person not registered (yet) is skipped.
  /// `registration`, when the caller read it already, saves reading it again.
  Result<void> Assess(std::string_view person_token, const RulesInUse& rules,
                      const Registration* registration = nullptr);
  /// Records an assessment made elsewhere (the re-evaluator's bulk path).
  Result<void> Record(std::string_view person_token, const v1::RiskAssessment& assessment);
  /// Writes 'notice_matched' in the history of the cases of these matches (after Assess made
  /// or updated the cases, so that a case already urgent still tells of the match).
  Result<void> NoteMatches(const std::vector<RecordedMatch>& matches);

  FactsReader& facts() { return *facts_; }
  NoticeMatcher& notices() { return *notices_; }
  CaseStore& cases() { return *cases_; }
  std::int64_t Now() const { return clock_(); }

 private:
  explicit PersonAssessor(base::Clock clock) : clock_(std::move(clock)) {}

  base::Clock clock_;
  std::unique_ptr<ActiveRules> active_;
  std::unique_ptr<FactsReader> facts_;
  std::unique_ptr<NoticeMatcher> notices_;
  std::unique_ptr<AssessmentStore> assessments_;
  std::unique_ptr<CaseStore> cases_;
  risk::PersonFacts scratch_facts_;
  v1::RiskAssessment scratch_assessment_;
};

/// "<version>: <indicator id>, ..." — what a case's history says raised the flag.
std::string FlagDetail(const v1::RiskAssessment& assessment);

}  // namespace minegate::server::protection::internal
