#pragma once
/// The columns every police search answers (a person's row: names, sex, birth year,
/// nationality, first and last site seen) and their reading into PolicePersonRow.

#include <string>

#include "db/statement.hpp"
#include "minegate/v1/police.pb.h"

namespace minegate::server::police::internal {

/// "SELECT <columns> FROM " — the joins below name the persons table `p`.
extern const char* const kPersonColumns;
/// The joins for the site names and last passage, after `persons p` and the search's own.
extern const char* const kPersonJoins;
/// How many columns kPersonColumns selects (a search's own follow).
inline constexpr int kPersonColumnCount = 13;

/// The row read from kPersonColumns at column 0.
v1::PolicePersonRow PersonRowOf(const db::Statement& row);

}  // namespace minegate::server::police::internal
