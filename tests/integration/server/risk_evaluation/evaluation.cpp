#include "tests/integration/server/risk_evaluation/evaluation.hpp"

#include <algorithm>
#include <cstdio>

#include "db/connection.hpp"
#include "server/protection/assessment_store.hpp"
#include "server/protection/case_store.hpp"
#include "server/protection/search_notice_store.hpp"

namespace minegate::test::population {
namespace {

namespace protection = server::protection;

std::string Percent(const Tally& tally) {
  char text[64];
  std::snprintf(text, sizeof text, "%zu/%zu = %.2f %%", tally.flagged, tally.total,
                100.0 * tally.Share());
  return text;
}

bool Raised(const v1::RiskAssessment& assessment, const std::string& id) {
  return std::any_of(assessment.indicators().begin(), assessment.indicators().end(),
                     [&](const v1::RaisedIndicator& raised) { return raised.id() == id; });
}

std::string Indicators(const v1::RiskAssessment& assessment) {
  std::string text;
  for (const v1::RaisedIndicator& raised : assessment.indicators()) {
    if (!text.empty()) text += "; ";
    text += raised.id() + " (" + std::to_string(raised.points()) + ") " + raised.text_en();
  }
  return text.empty() ? "—" : text;
}

std::string PriorityName(v1::Priority priority) {
  std::string name = v1::Priority_Name(priority);
  const std::string prefix = "PRIORITY_";
  return name.rfind(prefix, 0) == 0 ? name.substr(prefix.size()) : name;
}

/// Whether the assessment rests on weak signs and at most one medium sign alone.
bool OnWeakSignsAndOneMediumAtMost(const v1::RiskAssessment& assessment) {
  int medium = 0;
  for (const v1::RaisedIndicator& raised : assessment.indicators()) {
    if (raised.grade() == v1::GRADE_STRONG || raised.grade() == v1::GRADE_DECISIVE) return false;
    if (raised.grade() == v1::GRADE_MEDIUM) ++medium;
  }
  return medium <= 1;
}

void Add(Tally& tally, bool flagged) {
  ++tally.total;
  if (flagged) ++tally.flagged;
}

}  // namespace

std::string Describe(const Person& person) {
  return person.given_name + " " + person.family_name + " (" +
         (person.sex == v1::SEX_FEMALE ? "F" : "M") + ", " + std::to_string(person.age_years) +
         " ans/years, " + person.nationality + ")";
}

bool ReadOutcomes(const std::filesystem::path& database, const Population& population,
                  std::map<std::string, PersonOutcome>& out, std::string& error) {
  auto connection = db::Connection::Open(database);
  if (!connection) {
    error = "open: " + connection.error().message();
    return false;
  }
  auto assessments = protection::AssessmentStore::Create(connection.value());
  auto cases = protection::CaseStore::Create(connection.value());
  if (!assessments || !cases) {
    error = "stores: " + (!assessments ? assessments.error() : cases.error()).message();
    return false;
  }
  for (const Person& person : population.persons) {
    PersonOutcome outcome;
    auto stored = assessments.value()->Get(person.token);
    if (!stored) {
      error = "AssessmentStore::Get: " + stored.error().message();
      return false;
    }
    if (stored.value()) {
      outcome.assessed = true;
      outcome.assessment = stored.value()->assessment;
    }
    auto found = cases.value()->ForPerson(person.token);
    if (!found) {
      error = "CaseStore::ForPerson: " + found.error().message();
      return false;
    }
    if (found.value()) {
      outcome.has_case = true;
      outcome.case_priority = found.value()->priority;
    }
    out[person.token] = std::move(outcome);
  }
  return true;
}

bool ReadNoticeMatches(const std::filesystem::path& database,
                       const std::vector<std::int64_t>& notice_ids,
                       std::vector<std::vector<std::string>>& out, std::string& error) {
  auto connection = db::Connection::Open(database);
  if (!connection) {
    error = "open: " + connection.error().message();
    return false;
  }
  protection::SearchNoticeStore notices(connection.value());
  out.assign(notice_ids.size(), {});
  for (std::size_t i = 0; i < notice_ids.size(); ++i) {
    auto matches = notices.Matches(notice_ids[i]);
    if (!matches) {
      error = "SearchNoticeStore::Matches: " + matches.error().message();
      return false;
    }
    for (const auto& match : matches.value()) out[i].push_back(match.person_token);
  }
  return true;
}

Evaluation Evaluate(const Population& population,
                    const std::map<std::string, PersonOutcome>& outcomes) {
  Evaluation e;
  for (const Person& person : population.persons) {
    const PersonOutcome& outcome = outcomes.at(person.token);
    const bool flagged = outcome.assessed && outcome.assessment.flagged();
    if (!outcome.assessed) e.unassessed.push_back(&person);
    if (flagged && OnWeakSignsAndOneMediumAtMost(outcome.assessment)) {
      e.weak_flags.push_back(&person);
    }
    if (flagged != outcome.has_case ||
        (flagged && outcome.case_priority != outcome.assessment.priority())) {
      e.case_mismatch.push_back(&person);
    }
    switch (person.truth) {
      case Truth::kEmbedded:
        Add(e.embedded, flagged);
        if (!flagged) {
          e.missed.push_back(&person);
        } else if (!Raised(outcome.assessment, person.expected_indicator)) {
          e.wrong_reason.push_back(&person);
        }
        break;
      case Truth::kOrdinary:
        Add(e.ordinary_adults, flagged);
        if (person.sex == v1::SEX_FEMALE) Add(e.ordinary_women, flagged);
        Add(e.by_group[person.group], flagged);
        if (person.hard_negative) Add(e.hard_negatives[person.group], flagged);
        if (flagged) e.ordinary_flagged.push_back(&person);
        break;
      case Truth::kMinor:
        if (person.sex == v1::SEX_FEMALE) {
          Add(e.girls, flagged);
          if (!flagged) e.girls_missed.push_back(&person);
        } else {
          Add(e.boys, flagged);
        }
        break;
      case Truth::kAccomplice:
        Add(e.accomplices, flagged);
        break;
    }
  }
  return e;
}

void PrintReport(std::ostream& out, const Population& population,
                 const std::map<std::string, PersonOutcome>& outcomes, const Evaluation& e) {
  out << "\n== Évaluation du moteur de risque / risk engine evaluation ==\n";
  out << "Cas intégrés signalés (rappel) / embedded cases flagged (recall): " << Percent(e.embedded)
      << "\n";
  for (const Person& person : population.persons) {
    if (person.truth != Truth::kEmbedded) continue;
    const PersonOutcome& outcome = outcomes.at(person.token);
    out << "  " << (outcome.assessment.flagged() ? "[signalée/flagged] " : "[MANQUÉE/MISSED] ")
        << Describe(person) << " — " << person.group << " — priorité/priority "
        << PriorityName(outcome.assessment.priority()) << ", score " << outcome.assessment.score()
        << " — attendu/expected " << person.expected_indicator
        << (Raised(outcome.assessment, person.expected_indicator) ? " (levé/raised)" : " (ABSENT)")
        << "\n      " << Indicators(outcome.assessment) << "\n";
  }
  out << "Adultes ordinaires signalés / ordinary adults flagged: " << Percent(e.ordinary_adults)
      << " (limite / limit 2 %)\n";
  out << "  dont femmes / of which women: " << Percent(e.ordinary_women) << "\n";
  out << "  par groupe / by group:\n";
  for (const auto& [group, tally] : e.by_group) {
    out << "    " << group << " : " << Percent(tally) << "\n";
  }
  out << "  contre-exemples difficiles / hard negatives:\n";
  for (const auto& [group, tally] : e.hard_negatives) {
    out << "    " << group << " : " << Percent(tally) << "\n";
  }
  out << "  ordinaires signalés, avec leurs indicateurs / flagged ordinary persons, with their "
         "indicators:\n";
  for (const Person* person : e.ordinary_flagged) {
    const v1::RiskAssessment& assessment = outcomes.at(person->token).assessment;
    out << "    " << Describe(*person) << " — " << person->group << " — "
        << PriorityName(assessment.priority()) << ", score " << assessment.score() << "\n      "
        << Indicators(assessment) << "\n";
  }
  out << "Signalés sur des signes faibles et un signe moyen au plus / flagged on weak signs and "
         "one medium sign at most: "
      << e.weak_flags.size() << " (attendu / expected 0)\n";
  out << "Mineurs (date de naissance déclarée) / minors (declared birth date): filles signalées / "
         "girls flagged "
      << Percent(e.girls) << " (par conception : toutes / by design: all), garçons signalés / "
      << "boys flagged " << Percent(e.boys) << "\n";
  out << "Complices signalés / accomplices flagged: " << Percent(e.accomplices) << "\n";
}

}  // namespace minegate::test::population
