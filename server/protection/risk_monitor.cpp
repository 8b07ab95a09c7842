#include "server/protection/risk_monitor.hpp"

#include "db/bind.hpp"
#include "db/query.hpp"
#include "server/protection/internal/facts_reader.hpp"
#include "server/protection/internal/person_assessor.hpp"
#include "server/protection/rule_set_store.hpp"
#include "server/risk/person_facts.hpp"

namespace minegate::server::protection {

EventObserverFactory RiskMonitor::Factory(base::Clock clock) {
  return [clock](db::Connection& connection) -> db::Result<std::unique_ptr<EventObserver>> {
    auto monitor = Create(connection, clock);
    if (!monitor) return monitor.error();
    return std::unique_ptr<EventObserver>(std::move(monitor).value());
  };
}

Result<std::unique_ptr<RiskMonitor>> RiskMonitor::Create(db::Connection& connection,
                                                         base::Clock clock) {
  if (auto installed = RuleSetStore(connection, clock).EnsureActive(); !installed) {
    return installed.error();
  }
  auto assessor = internal::PersonAssessor::Create(connection, std::move(clock));
  if (!assessor) return assessor.error();
  return std::unique_ptr<RiskMonitor>(new RiskMonitor(connection, std::move(assessor).value()));
}

RiskMonitor::RiskMonitor(db::Connection& connection,
                         std::unique_ptr<internal::PersonAssessor> assessor)
    : connection_(connection), assessor_(std::move(assessor)), passages_(assessor_->facts()) {}

RiskMonitor::~RiskMonitor() = default;

db::Result<void> RiskMonitor::OnStored(std::int64_t log_position, const v1::Event& event) {
  switch (event.body_case()) {
    case v1::Event::kPersonRegistered:
      registered_.insert(event.person_registered().person_token());
      return Success();
    case v1::Event::kCompanionRecorded: {
      const auto& companion = event.companion_recorded();
      CompanionSeen seen;
      seen.person_token = companion.person_token();
      seen.companion_key = risk::CompanionKey(companion);
      seen.recorded_at_ms = event.occurred_at_ms();
      if (companion.has_companion_person_token()) {
        seen.companion_token = companion.companion_person_token();
      } else if (!seen.companion_key.empty()) {
        // Described companions meet through their folded description: indexed here, with the
        // record's log position (the companions row's key).
        if (auto indexed = db::Execute(
                connection_,
                "INSERT OR IGNORE INTO companion_description_keys (log_position, companion_key, "
                "person_token, recorded_at_ms) VALUES (?, ?, ?, ?)",
                log_position, seen.companion_key, db::Blob(seen.person_token), seen.recorded_at_ms);
            !indexed) {
          return indexed.error();
        }
      }
      companions_.push_back(std::move(seen));
      return Success();
    }
    case v1::Event::kGatePassed: {
      const auto& gate = event.gate_passed();
      if (gate.verification() == v1::VERIFICATION_VALID && !gate.person_token().empty()) {
        passed_.push_back(
            {gate.person_token(), event.site_id(), event.occurred_at_ms(), log_position});
      }
      return Success();
    }
    default:
      return Success();
  }
}

db::Result<void> RiskMonitor::OnBatchStored() {
  if (registered_.empty() && companions_.empty() && passed_.empty()) return Success();
  auto rules_result = assessor_->Rules();
  if (!rules_result) {
    Forget();
    return rules_result.error();
  }
  const internal::RulesInUse& rules = *rules_result.value();
  const std::int64_t window = rules.recruiter_window_ms();
  internal::FactsReader& facts = assessor_->facts();
  std::set<std::string> touched;
  std::set<std::string> assessed;
  std::vector<risk::BroughtPerson> brought;
  std::vector<internal::RecordedMatch> matches;

  const auto run = [&]() -> Result<void> {
    for (const std::string& token : registered_) {
      auto registration = facts.RegistrationOf(token);
      if (!registration) return registration.error();
      if (!registration.value()) continue;
      const v1::PersonRegistered& person = registration.value()->first;
      if (auto indexed = assessor_->notices().IndexPerson(token, person); !indexed) {
        return indexed.error();
      }
      // Her notice matches first: they are facts of her assessment.
      if (auto matched =
              assessor_->notices().MatchPerson(token, person, rules.notice_threshold(), matches);
          !matched) {
        return matched.error();
      }
      if (auto done = assessor_->Assess(token, rules, &*registration.value()); !done) {
        return done.error();
      }
      assessed.insert(token);
      if (window == 0) continue;
      // Companions recorded before her registration arrived: their other persons count her
      // only now that her sex and age are known.
      auto companions = facts.CompanionsOf(token);
      if (!companions) return companions.error();
      for (const auto& companion : companions.value()) {
        if (auto found = facts.BroughtBy(companion, companion.recorded_at_ms - window,
                                         companion.recorded_at_ms + window, brought);
            !found) {
          return found.error();
        }
      }
    }
    for (const CompanionSeen& seen : companions_) {
      touched.insert(seen.person_token);
      if (window == 0 || seen.companion_key.empty()) continue;
      internal::CompanionRow companion;
      companion.companion_token = seen.companion_token;
      companion.key = seen.companion_key;
      if (auto found = facts.BroughtBy(companion, seen.recorded_at_ms - window,
                                       seen.recorded_at_ms + window, brought);
          !found) {
        return found.error();
      }
    }
    for (const auto& person : brought) touched.insert(person.person_token);
    for (const PassageSeen& passage : passed_) {
      auto matters = passages_.Matters(passage.person_token, passage.site_id, passage.at_ms,
                                       passage.log_position, rules);
      if (!matters) return matters.error();
      if (matters.value()) touched.insert(passage.person_token);
    }
    for (const std::string& token : touched) {
      if (assessed.count(token) != 0) continue;
      if (auto done = assessor_->Assess(token, rules); !done) return done.error();
    }
    return assessor_->NoteMatches(matches);
  };
  auto done = run();
  Forget();
  if (!done) passages_.Clear();
  return done;
}

void RiskMonitor::OnBatchAbandoned() {
  Forget();
  // What it remembered may come from rows the rollback undid.
  passages_.Clear();
}

void RiskMonitor::Forget() {
  registered_.clear();
  companions_.clear();
  passed_.clear();
}

}  // namespace minegate::server::protection
