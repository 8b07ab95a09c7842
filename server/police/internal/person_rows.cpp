#include "server/police/internal/person_rows.hpp"

#include "base/hex.hpp"

namespace minegate::server::police::internal {

const char* const kPersonColumns =
    "p.person_token, p.given_name, p.family_name, p.sex, p.birth_year, p.birth_estimated, "
    "p.nationality, p.registered_at_ms, p.registered_site_id, coalesce(rs.name, ''), "
    "pr.at_ms, pr.site_id, coalesce(ls.name, '')";

// presence holds the last accepted passage of each person (0003).
const char* const kPersonJoins =
    " LEFT JOIN sites rs ON rs.site_id = p.registered_site_id"
    " LEFT JOIN presence pr ON pr.person_token = p.person_token"
    " LEFT JOIN sites ls ON ls.site_id = pr.site_id";

v1::PolicePersonRow PersonRowOf(const db::Statement& row) {
  v1::PolicePersonRow person;
  const auto token = row.ColumnBlob(0);
  person.set_person_id(base::ToHex(token));
  person.set_given_name(row.ColumnText(1));
  person.set_family_name(row.ColumnText(2));
  person.set_sex(static_cast<v1::Sex>(row.ColumnInt64(3)));
  person.set_birth_year(static_cast<std::int32_t>(row.ColumnInt64(4)));
  person.set_birth_estimated(row.ColumnInt64(5) != 0);
  person.set_nationality(row.ColumnText(6));
  person.set_first_seen_at_ms(row.ColumnInt64(7));
  person.set_first_site_id(row.ColumnInt64(8));
  person.set_first_site_name(row.ColumnText(9));
  // Until a gate sees her again, she was last seen where she was registered.
  person.set_last_seen_at_ms(person.first_seen_at_ms());
  person.set_last_site_id(person.first_site_id());
  person.set_last_site_name(person.first_site_name());
  if (!row.ColumnIsNull(10) && row.ColumnInt64(10) >= person.first_seen_at_ms()) {
    person.set_last_seen_at_ms(row.ColumnInt64(10));
    person.set_last_site_id(row.ColumnInt64(11));
    person.set_last_site_name(row.ColumnText(12));
  }
  return person;
}

}  // namespace minegate::server::police::internal
