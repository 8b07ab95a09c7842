#pragma once
/// Site populations for EMAPE: who is present at each site now, and per day over a period, with
/// the arrivals (installations: a person's first verified entry at a site) per day and site.
/// Present means her or his last verified passage — at any site — is an entry at this site,
/// less than the presence window ago (census_settings, 30 days by default): a person who went
/// on to another site without tapping out counts at the new one only, and a person who left
/// without tapping out stops counting once the window has passed. Days are UTC days (Senegal
/// keeps UTC all year). Counts only. Threading: uses its connection, on that connection's
/// thread.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/connection.hpp"
#include "server/census/error.hpp"

namespace minegate::server::census {

/// The longest period a daily read covers.
inline constexpr std::int64_t kMaxDays = 366;
/// The period when none is asked: the 30 days ending today.
inline constexpr std::int64_t kDefaultDays = 30;

struct SitePopulation {
  std::int64_t site_id = 0;
  std::string site_name;
  std::int64_t present = 0;
  std::int64_t female = 0;
  std::int64_t male = 0;
  std::int64_t unspecified = 0;  ///< sex not stated, or registration not received
  std::int64_t minors = 0;       ///< under 18 today (the youngest age the declared birth allows)
};

struct PopulationsNow {
  std::int64_t at_ms = 0;
  std::int32_t window_days = 0;
  std::vector<SitePopulation> sites;  ///< every site, by id
  std::int64_t total = 0;
};

/// Every site's population at `now_ms`.
Result<PopulationsNow> ReadPopulationsNow(db::Connection& connection, std::int64_t now_ms);

/// Days as numbers since 1970-01-01 (UTC), both ends included.
struct DayRange {
  std::int64_t first_day = 0;
  std::int64_t last_day = 0;
  std::int64_t count() const { return last_day - first_day + 1; }
};

/// The period asked: `from` and `to` as YYYY-MM-DD from 1970 on (base::ParseDay), either empty for
/// its default (to: today; from: kDefaultDays days ending at `to`). Errc::bad_day, bad_day_range
/// (from after to, or more than kMaxDays days).
Result<DayRange> ReadDayRange(std::string_view from, std::string_view to, std::int64_t now_ms);

struct DayFigures {
  std::int64_t day = 0;
  /// Present at the end of the day (as "now" would say then).
  std::int64_t present = 0;
  /// First verified entries at the site that day.
  std::int64_t arrivals = 0;
};

struct SiteDaily {
  std::int64_t site_id = 0;
  std::string site_name;
  std::int32_t window_days = 0;
  DayRange range;
  std::vector<DayFigures> days;
};

/// One site, day by day. admin::Errc::unknown_site.
Result<SiteDaily> ReadSiteDaily(db::Connection& connection, std::int64_t site_id, DayRange range);

struct SiteArrivals {
  std::int64_t site_id = 0;
  std::string site_name;
  std::vector<std::int64_t> per_day;  ///< one count per day of the range
  std::int64_t total = 0;
};

/// Arrivals per day at every site (the chart's series), sites by id.
Result<std::vector<SiteArrivals>> ReadArrivals(db::Connection& connection, DayRange range);

}  // namespace minegate::server::census
