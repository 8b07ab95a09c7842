#include "server/census/internal/observed_persons.hpp"

#include <chrono>

#include "db/query.hpp"
#include "server/risk/age.hpp"

namespace minegate::server::census::internal {
namespace {

// Columns 0..10 of both queries, from the observation's own facts (schema 0014: the projector
// keeps them). The registration's bytes are read only when the birth year cannot place the
// person in a band: ?2 is the reference year, and the youngest age a year allows is (reference
// year - birth year) or one less, so only the differences 15, 18, 26, 36 and 51 straddle a
// band's lower bound; 18 and below also need the exact age (minors).
constexpr std::string_view kColumns =
    "SELECT o.person_token, o.site_id, o.observed_at_ms, o.registered, o.sex, o.birth_year, ";
constexpr std::string_view kRecordWhenNeeded =
    "CASE WHEN ?2 - o.birth_year <= 18 OR ?2 - o.birth_year IN (26, 36, 51) "
    "THEN (SELECT p.record FROM persons p WHERE p.person_token = o.person_token) END, ";
constexpr std::string_view kRecordAlways = "p.record, ";
// A card held: one linked to the person whose number was not revoked (a lost card's number is
// in miner_card_numbers with its revocation; a pre-written card outside the series has no row
// there until it is revoked). The holder of a revoked card is back among the adults without a
// card, and on the card issuance list. Read now, not kept with the observation: cards are issued
// after the census, and the issuance list must see them at once.
constexpr std::string_view kCardHeld =
    "EXISTS (SELECT 1 FROM miner_cards c WHERE c.person_token = o.person_token "
    "AND NOT EXISTS (SELECT 1 FROM miner_card_numbers n WHERE n.card_number = c.card_number "
    "AND n.revoked_at_ms IS NOT NULL))";

/// Columns 7..10: nationality, occupation, a card held, the first entry at the site.
std::string Facts() {
  return "o.nationality, o.occupation, " + std::string(kCardHeld) + ", o.first_entry_ms";
}

Result<ObservedPerson> ReadPerson(const db::Statement& row, std::int64_t age_at_ms, bool names) {
  ObservedPerson person;
  person.person_token = row.ColumnBlob(0);
  person.site_id = row.ColumnInt64(1);
  person.observed_at_ms = row.ColumnInt64(2);
  person.registered = row.ColumnInt64(3) != 0;
  if (!person.registered) return person;
  person.sex = static_cast<v1::Sex>(row.ColumnInt64(4));
  person.birth_year = static_cast<std::uint32_t>(row.ColumnInt64(5));
  v1::CalendarDate birth;
  if (!row.ColumnIsNull(6)) {
    const std::vector<std::uint8_t> bytes = row.ColumnBlob(6);
    v1::PersonRegistered record;
    if (!record.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
      return db::Errc::corrupt;
    }
    birth = record.birth();
  } else {
    // The year alone places this person in one band whatever the day (see kRecordWhenNeeded).
    birth.set_year(person.birth_year);
  }
  if (const auto age = risk::AgeAt(birth, age_at_ms)) {
    person.age_years = age->years;
    person.age_approximate = age->approximate;
  }
  person.nationality = row.ColumnText(7);
  person.occupation = static_cast<v1::Occupation>(row.ColumnInt64(8));
  person.card_held = row.ColumnInt64(9) != 0;
  if (!row.ColumnIsNull(10)) person.first_entry_ms = row.ColumnInt64(10);
  if (names) {
    person.given_name = row.ColumnText(11);
    person.family_name = row.ColumnText(12);
  }
  return person;
}

}  // namespace

std::string ObservedSql() {
  return std::string(kColumns) + std::string(kRecordWhenNeeded) + Facts() +
         " FROM census_observations o WHERE o.campaign_id = ?1";
}

std::string ListSql(ListFilter filter) {
  // The SQL keeps a superset by birth year (a year one off may still be either side of 18);
  // the exact age decides in ListObserved.
  const std::string coarse = filter == ListFilter::kMinors
                                 ? " AND ?2 - o.birth_year <= 18"
                                 : " AND ?2 - o.birth_year >= 18 AND NOT " + std::string(kCardHeld);
  return std::string(kColumns) + std::string(kRecordAlways) + Facts() +
         ", p.given_name, p.family_name FROM census_observations o JOIN persons p "
         "ON p.person_token = o.person_token WHERE o.campaign_id = ?1" +
         coarse +
         " AND (p.family_name, p.given_name, o.person_token) > (?3, ?4, ?5)"
         " ORDER BY p.family_name, p.given_name, o.person_token";
}

std::int64_t YearOf(std::int64_t at_ms) {
  using namespace std::chrono;
  const sys_days day = floor<days>(sys_time<milliseconds>(milliseconds(at_ms)));
  return static_cast<int>(year_month_day(day).year());
}

Result<void> ForEachObserved(db::Connection& connection, std::string_view campaign_id,
                             std::int64_t age_at_ms,
                             const std::function<void(const ObservedPerson&)>& visit) {
  auto query = db::Query(connection, ObservedSql(), campaign_id, YearOf(age_at_ms));
  if (!query) return query.error();
  return db::ForEachRow(query.value(), [&](const db::Statement& row) -> Result<void> {
    auto person = ReadPerson(row, age_at_ms, false);
    if (!person) return person.error();
    visit(person.value());
    return Success();
  });
}

Result<std::vector<ObservedPerson>> ListObserved(db::Connection& connection,
                                                 std::string_view campaign_id,
                                                 std::int64_t age_at_ms, ListFilter filter,
                                                 const std::optional<ListPosition>& after,
                                                 std::size_t limit) {
  const ListPosition start = after.value_or(ListPosition{});
  auto query = db::Query(connection, ListSql(filter), campaign_id, YearOf(age_at_ms),
                         start.family_name, start.given_name, start.person_token);
  if (!query) return query.error();
  std::vector<ObservedPerson> kept;
  auto walked = db::ForEachRow(query.value(), [&](const db::Statement& row) -> Result<bool> {
    auto person = ReadPerson(row, age_at_ms, true);
    if (!person) return person.error();
    const bool minor = person.value().age_years && *person.value().age_years < 18;
    const bool wanted = filter == ListFilter::kMinors
                            ? minor
                            : (person.value().age_years && !minor && !person.value().card_held);
    if (wanted) kept.push_back(std::move(person).value());
    return kept.size() < limit;
  });
  if (!walked) return walked.error();
  return kept;
}

}  // namespace minegate::server::census::internal
