// What the server concluded about each person of a generated population (her stored assessment
// and her case), read back through the protection stores, and the figures an evaluation reports
// against the ground truth: recall on the embedded cases, the share of the ordinary population
// flagged, the minors.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "minegate/v1/risk.pb.h"
#include "tests/support/population/population.hpp"

namespace minegate::test::population {

struct PersonOutcome {
  bool assessed = false;
  v1::RiskAssessment assessment;
  bool has_case = false;
  v1::Priority case_priority = v1::PRIORITY_NONE;
};

/// Every person's outcome, by token; false (and why) when the stores cannot be read.
bool ReadOutcomes(const std::filesystem::path& database, const Population& population,
                  std::map<std::string, PersonOutcome>& out, std::string& error);

/// The matches of each notice (by index in population.notices), as person tokens.
bool ReadNoticeMatches(const std::filesystem::path& database,
                       const std::vector<std::int64_t>& notice_ids,
                       std::vector<std::vector<std::string>>& out, std::string& error);

struct Tally {
  std::size_t total = 0;
  std::size_t flagged = 0;
  double Share() const {
    return total == 0 ? 0.0 : static_cast<double>(flagged) / static_cast<double>(total);
  }
};

struct Evaluation {
  Tally embedded;
  Tally ordinary_adults;
  Tally ordinary_women;
  Tally girls;  ///< minors by their declared birth date
  Tally boys;
  Tally accomplices;
  /// Ordinary adults by group, and the hard negatives among them by group.
  std::map<std::string, Tally> by_group;
  std::map<std::string, Tally> hard_negatives;
  std::vector<const Person*> missed;            ///< embedded cases not flagged
  std::vector<const Person*> wrong_reason;      ///< flagged without their expected indicator
  std::vector<const Person*> ordinary_flagged;  ///< false flags
  std::vector<const Person*> girls_missed;      ///< girls the design always flags
  std::vector<const Person*> unassessed;        ///< registered but without an assessment
  std::vector<const Person*> case_mismatch;     ///< flagged without a case, or the reverse
  /// Flagged on weak signs and at most one medium one, without a strong or decisive sign: never
  /// an ILO combination, and what a young woman who has just crossed the border looks like
  /// (the weak signs follow nationality). Anyone, not only the ordinary.
  std::vector<const Person*> weak_flags;
};

Evaluation Evaluate(const Population& population,
                    const std::map<std::string, PersonOutcome>& outcomes);

/// The report, French then English, with every flagged ordinary person and her indicators.
void PrintReport(std::ostream& out, const Population& population,
                 const std::map<std::string, PersonOutcome>& outcomes,
                 const Evaluation& evaluation);

/// "Aïssatou Diallo (F, 20 ans/years, GIN)".
std::string Describe(const Person& person);

}  // namespace minegate::test::population
