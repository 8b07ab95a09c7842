#include "server/protection/case_file_reader.hpp"

#include <deque>

#include "db/bind.hpp"
#include "db/query.hpp"

namespace minegate::server::protection {
namespace {

using db::Blob;

std::uint32_t SiteId(const db::Statement& row, int column) {
  return static_cast<std::uint32_t>(row.ColumnInt64(column));
}

}  // namespace

Result<std::optional<PersonOnFile>> CaseFileReader::Person(std::string_view person_token) {
  return db::QueryFirst(
      connection_,
      "SELECT p.record, p.registered_at_ms, p.registered_site_id, coalesce(s.name, '') "
      "FROM persons p LEFT JOIN sites s ON s.site_id = p.registered_site_id "
      "WHERE p.person_token = ?",
      [](const db::Statement& row) -> Result<PersonOnFile> {
        PersonOnFile person;
        const auto record = row.ColumnBlob(0);
        if (!person.registration.ParseFromArray(record.data(), static_cast<int>(record.size()))) {
          return make_error_code(Errc::corrupt_record);
        }
        person.registered_at_ms = row.ColumnInt64(1);
        person.registered_site_id = SiteId(row, 2);
        person.registered_site_name = row.ColumnText(3);
        return person;
      },
      Blob(person_token));
}

Result<std::optional<SiteSeen>> CaseFileReader::LastSeen(std::string_view person_token) {
  // `presence` holds each person's latest verified passage (the projector's rule).
  return db::QueryFirst(
      connection_,
      "SELECT r.site_id, coalesce(s.name, ''), r.at_ms, r.direction FROM presence r "
      "LEFT JOIN sites s ON s.site_id = r.site_id WHERE r.person_token = ?",
      [](const db::Statement& row) {
        return SiteSeen{SiteId(row, 0), row.ColumnText(1), row.ColumnInt64(2),
                        static_cast<v1::Direction>(row.ColumnInt64(3))};
      },
      Blob(person_token));
}

Result<std::vector<CompanionOnFile>> CaseFileReader::Companions(std::string_view person_token) {
  return db::QueryAll(
      connection_,
      "SELECT c.relation, c.answered_for_person, c.companion_person_token, "
      "coalesce(c.companion_description, ''), coalesce(p.given_name, ''), "
      "coalesce(p.family_name, ''), c.recorded_at_ms, c.site_id, coalesce(s.name, '') "
      "FROM companions c "
      "LEFT JOIN persons p ON p.person_token = c.companion_person_token "
      "LEFT JOIN sites s ON s.site_id = c.site_id "
      "WHERE c.person_token = ? ORDER BY c.recorded_at_ms, c.log_position",
      [](const db::Statement& row) {
        CompanionOnFile companion;
        companion.relation = static_cast<v1::CompanionRelation>(row.ColumnInt64(0));
        companion.answered_for_person = row.ColumnInt64(1) != 0;
        if (!row.ColumnIsNull(2)) {
          const auto token = row.ColumnBlob(2);
          companion.companion_token.assign(token.begin(), token.end());
        }
        companion.description = row.ColumnText(3);
        companion.companion_given_name = row.ColumnText(4);
        companion.companion_family_name = row.ColumnText(5);
        companion.recorded_at_ms = row.ColumnInt64(6);
        companion.site_id = SiteId(row, 7);
        companion.site_name = row.ColumnText(8);
        return companion;
      },
      Blob(person_token));
}

Result<Movements> CaseFileReader::MovementsOf(std::string_view person_token,
                                              std::size_t max_stays) {
  auto statement = db::Query(connection_,
                             "SELECT p.site_id, coalesce(s.name, ''), p.occurred_at_ms "
                             "FROM passages p LEFT JOIN sites s ON s.site_id = p.site_id "
                             "WHERE p.person_token = ? AND p.verification = ? "
                             "ORDER BY p.occurred_at_ms, p.log_position",
                             Blob(person_token), static_cast<int>(v1::VERIFICATION_VALID));
  if (!statement) return statement.error();
  Movements movements;
  // Only the latest stays are kept while walking her passages in time order.
  std::deque<Stay> stays;
  std::optional<std::uint32_t> current_site;
  auto walked = db::ForEachRow(statement.value(), [&](const db::Statement& row) {
    const std::uint32_t site = SiteId(row, 0);
    const std::int64_t at = row.ColumnInt64(2);
    ++movements.passage_count;
    if (current_site != site) {
      current_site = site;
      ++movements.stay_count;
      stays.push_back(Stay{site, row.ColumnText(1), at, at, 0});
      if (stays.size() > max_stays) stays.pop_front();
    }
    // The stay in progress is the last one kept (none when max_stays is 0).
    if (!stays.empty()) {
      stays.back().last_at_ms = at;
      ++stays.back().passages;
    }
  });
  if (!walked) return walked.error();
  movements.stays.assign(stays.begin(), stays.end());
  return movements;
}

}  // namespace minegate::server::protection
