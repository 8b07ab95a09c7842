// The flag data the silent-flag test looks for, built from what the server stored — never
// written out by hand, so the list follows the rules and the scenario when they change. Read
// through server/protection's own stores on the server's database file (the test's inspection,
// not a route):
//  - "rule": every stored rule set's version, each indicator's id and the literal words of its
//    French and English labels (the parts between placeholders, 12 bytes or more);
//  - "risk.proto": every value name of risk.proto's enums (PRIORITY_URGENT, GRADE_STRONG,
//    ELEMENT_..., INDICATOR_KIND_..., SEARCH_NOTICE_...);
//  - "flag": each given person's raised indicators in words (French and English), with their
//    values (those equal to their rule's label, which has no value, count as the rules' text);
//  - "case": case ids in their id forms (case:N, cases/N), case labels (P-0001), and the
//    history's texts (flags, reasons, outcomes);
//  - "notice": each search notice's names, document number, photo description and reporting
//    service, and notice:N;
//  - "referral" / "service": referral outcome notes, referral:N; care services' names and
//    contacts, service:N.
#pragma once

#include <string>
#include <vector>

#include "db/connection.hpp"
#include "tests/integration/server/silent_flags/leak_scan.hpp"

namespace minegate::test {

struct ForbiddenList {
  std::vector<ForbiddenString> strings;
  /// How many of each category, for the test's report.
  std::string Summary() const;
};

/// Builds the list from the database; `person_tokens` are the scenario's persons (16 raw bytes
/// each), whose assessments and cases are read. Fails the calling test on a read error.
ForbiddenList BuildForbiddenList(db::Connection& connection,
                                 const std::vector<std::string>& person_tokens);

}  // namespace minegate::test
