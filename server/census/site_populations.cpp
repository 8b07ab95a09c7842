#include "server/census/site_populations.hpp"

#include <functional>

#include "base/clock.hpp"
#include "db/query.hpp"
#include "db/transaction.hpp"
#include "server/admin/error.hpp"
#include "server/census/categories.hpp"
#include "server/census/census_settings.hpp"
#include "server/census/internal/observed_persons.hpp"
#include "server/census/internal/site_name.hpp"
#include "server/risk/age.hpp"

namespace minegate::server::census {
namespace {

struct Site {
  std::int64_t site_id = 0;
  std::string name;
};

Result<std::vector<Site>> Sites(db::Connection& connection) {
  return db::QueryAll(connection, "SELECT site_id, name FROM sites ORDER BY site_id",
                      [](const db::Statement& row) {
                        return Site{row.ColumnInt64(0), row.ColumnText(1)};
                      });
}

/// The first verified entry at `site_id` of each person, those falling in [from_ms, to_ms): one
/// ordered walk of the site's entries in passages_entries_by_site.
Result<void> ForEachArrival(db::Connection& connection, std::int64_t site_id, std::int64_t from_ms,
                            std::int64_t to_ms,
                            const std::function<void(std::int64_t at_ms)>& visit) {
  auto query = db::Query(connection,
                         "SELECT min(occurred_at_ms) AS first FROM passages WHERE site_id = ?1 "
                         "AND direction = 1 AND verification = 1 AND person_token IS NOT NULL "
                         "GROUP BY person_token HAVING first >= ?2 AND first < ?3",
                         site_id, from_ms, to_ms);
  if (!query) return query.error();
  return db::ForEachRow(query.value(),
                        [&](const db::Statement& row) { visit(row.ColumnInt64(0)); });
}

}  // namespace

Result<PopulationsNow> ReadPopulationsNow(db::Connection& connection, std::int64_t now_ms) {
  auto transaction = db::Transaction::Begin(connection, db::Transaction::Mode::kDeferred);
  if (!transaction) return transaction.error();
  auto settings = ReadCensusSettings(connection);
  if (!settings) return settings.error();
  auto sites = Sites(connection);
  if (!sites) return sites.error();
  PopulationsNow now;
  now.at_ms = now_ms;
  now.window_days = settings.value().presence_window_days;
  const std::int64_t since = now_ms - now.window_days * base::kDayMs;
  // The registration's bytes only where the birth year may make a minor (see observed_persons).
  auto query = db::Query(connection,
                         "SELECT p.person_token IS NOT NULL, p.sex, p.birth_year, "
                         "CASE WHEN ?3 - p.birth_year <= 18 THEN p.record END "
                         "FROM presence r LEFT JOIN persons p ON p.person_token = r.person_token "
                         "WHERE r.site_id = ?1 AND r.direction = 1 AND r.at_ms > ?2",
                         std::int64_t{0}, since, internal::YearOf(now_ms));
  if (!query) return query.error();
  for (const Site& site : sites.value()) {
    SitePopulation& population = now.sites.emplace_back();
    population.site_id = site.site_id;
    population.site_name = site.name;
    if (auto bound = query.value().BindInt64(1, site.site_id); !bound) return bound.error();
    auto walked = db::ForEachRow(query.value(), [&](const db::Statement& row) -> Result<void> {
      ++population.present;
      const bool registered = row.ColumnInt64(0) != 0;
      const auto sex = static_cast<v1::Sex>(row.ColumnInt64(1));
      if (!registered || (sex != v1::SEX_FEMALE && sex != v1::SEX_MALE)) {
        ++population.unspecified;
      } else if (sex == v1::SEX_FEMALE) {
        ++population.female;
      } else {
        ++population.male;
      }
      if (!registered || row.ColumnIsNull(3)) return Success();
      const std::vector<std::uint8_t> bytes = row.ColumnBlob(3);
      v1::PersonRegistered record;
      if (!record.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
        return db::Errc::corrupt;
      }
      const auto age = risk::AgeAt(record.birth(), now_ms);
      if (age && age->years < kAdultYears) ++population.minors;
      return Success();
    });
    if (!walked) return walked.error();
    now.total += population.present;
  }
  return now;
}

Result<DayRange> ReadDayRange(std::string_view from, std::string_view to, std::int64_t now_ms) {
  DayRange range;
  if (to.empty()) {
    range.last_day = base::DayOf(now_ms);
  } else {
    const auto day = base::ParseDay(to, 1970);
    if (!day) return Errc::bad_day;
    range.last_day = *day;
  }
  if (from.empty()) {
    range.first_day = range.last_day - (kDefaultDays - 1);
  } else {
    const auto day = base::ParseDay(from, 1970);
    if (!day) return Errc::bad_day;
    range.first_day = *day;
  }
  if (range.first_day > range.last_day || range.count() > kMaxDays) return Errc::bad_day_range;
  return range;
}

Result<SiteDaily> ReadSiteDaily(db::Connection& connection, std::int64_t site_id, DayRange range) {
  auto transaction = db::Transaction::Begin(connection, db::Transaction::Mode::kDeferred);
  if (!transaction) return transaction.error();
  auto settings = ReadCensusSettings(connection);
  if (!settings) return settings.error();
  auto name = internal::SiteName(connection, site_id);
  if (!name) return name.error();
  if (!name.value()) return admin::Errc::unknown_site;
  SiteDaily daily;
  daily.site_id = site_id;
  daily.site_name = *name.value();
  daily.window_days = settings.value().presence_window_days;
  daily.range = range;
  for (std::int64_t day = range.first_day; day <= range.last_day; ++day) {
    daily.days.push_back(DayFigures{day, 0, 0});
  }
  const std::int64_t window_ms = daily.window_days * base::kDayMs;
  const std::int64_t end_ms = (range.last_day + 1) * base::kDayMs;
  const std::int64_t since_ms = (range.first_day + 1) * base::kDayMs - window_ms;

  // Everyone who entered the site in the period or the window before it, with every verified
  // passage of theirs (any site) in that span: a day's presence is decided by the last one
  // before the day's end.
  auto query =
      db::Query(connection,
                "SELECT person_token, site_id, direction, occurred_at_ms FROM passages "
                "WHERE person_token IN (SELECT person_token FROM passages WHERE site_id = ?1 "
                "AND direction = 1 AND verification = 1 AND person_token IS NOT NULL "
                "AND occurred_at_ms > ?2 AND occurred_at_ms < ?3) "
                "AND occurred_at_ms > ?2 AND occurred_at_ms < ?3 AND verification = 1 "
                "ORDER BY person_token, occurred_at_ms",
                site_id, since_ms, end_ms);
  if (!query) return query.error();
  struct Passage {
    std::int64_t site_id;
    std::int64_t direction;
    std::int64_t at_ms;
  };
  std::vector<std::uint8_t> current;
  std::vector<Passage> passages;
  const auto sweep = [&] {
    std::size_t next = 0;
    for (DayFigures& figures : daily.days) {
      const std::int64_t day_end = (figures.day + 1) * base::kDayMs;
      while (next < passages.size() && passages[next].at_ms < day_end) ++next;
      if (next == 0) continue;
      const Passage& last = passages[next - 1];
      if (last.site_id == site_id && last.direction == 1 && last.at_ms > day_end - window_ms) {
        ++figures.present;
      }
    }
  };
  auto walked = db::ForEachRow(query.value(), [&](const db::Statement& row) {
    std::vector<std::uint8_t> token = row.ColumnBlob(0);
    if (token != current) {
      sweep();
      passages.clear();
      current = std::move(token);
    }
    passages.push_back(Passage{row.ColumnInt64(1), row.ColumnInt64(2), row.ColumnInt64(3)});
  });
  if (!walked) return walked.error();
  sweep();

  auto arrivals = ForEachArrival(
      connection, site_id, range.first_day * base::kDayMs, end_ms, [&](std::int64_t at) {
        ++daily.days[static_cast<std::size_t>(base::DayOf(at) - range.first_day)].arrivals;
      });
  if (!arrivals) return arrivals.error();
  return daily;
}

Result<std::vector<SiteArrivals>> ReadArrivals(db::Connection& connection, DayRange range) {
  auto transaction = db::Transaction::Begin(connection, db::Transaction::Mode::kDeferred);
  if (!transaction) return transaction.error();
  auto sites = Sites(connection);
  if (!sites) return sites.error();
  std::vector<SiteArrivals> out;
  for (const Site& site : sites.value()) {
    SiteArrivals& arrivals = out.emplace_back();
    arrivals.site_id = site.site_id;
    arrivals.site_name = site.name;
    arrivals.per_day.assign(static_cast<std::size_t>(range.count()), 0);
    auto walked = ForEachArrival(
        connection, site.site_id, range.first_day * base::kDayMs,
        (range.last_day + 1) * base::kDayMs, [&](std::int64_t at) {
          ++arrivals.per_day[static_cast<std::size_t>(base::DayOf(at) - range.first_day)];
          ++arrivals.total;
        });
    if (!walked) return walked.error();
  }
  return out;
}

}  // namespace minegate::server::census
