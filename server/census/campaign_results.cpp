#include "server/census/campaign_results.hpp"

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <string_view>

#include "db/query.hpp"
#include "db/transaction.hpp"
#include "server/census/internal/observed_persons.hpp"
#include "server/census/internal/site_name.hpp"

namespace minegate::server::census {
namespace {

TableRow RowOf(const Words& words, std::int64_t count = 0) {
  return TableRow{std::string(words.key), std::string(words.fr), std::string(words.en), count};
}

/// Counts per key of one breakdown, in the order rows were declared, more added as met.
class Tally {
 public:
  explicit Tally(std::string name) { table_.name = std::move(name); }
  void Declare(const Words& words) { At(words); }
  void Add(const Words& words) { ++At(words).count; }
  void AddKey(std::string_view key, std::string_view fr, std::string_view en,
              std::int64_t count = 1) {
    At(Words{key, fr, en}).count += count;
  }
  BreakdownTable Finish(bool by_count) && {
    // "unknown" is last whatever the order.
    auto unknown = std::stable_partition(table_.rows.begin(), table_.rows.end(),
                                         [](const TableRow& r) { return r.key != "unknown"; });
    if (by_count) {
      std::stable_sort(table_.rows.begin(), unknown, [](const TableRow& a, const TableRow& b) {
        return a.count != b.count ? a.count > b.count : a.key < b.key;
      });
    }
    table_.total = 0;
    for (const TableRow& row : table_.rows) table_.total += row.count;
    return std::move(table_);
  }
  BreakdownTable SortedByKey() && {
    auto unknown = std::stable_partition(table_.rows.begin(), table_.rows.end(),
                                         [](const TableRow& r) { return r.key != "unknown"; });
    std::sort(table_.rows.begin(), unknown,
              [](const TableRow& a, const TableRow& b) { return a.key < b.key; });
    return std::move(*this).Finish(false);
  }

 private:
  TableRow& At(const Words& words) {
    // Looked up by the key's view: no string is made per person counted.
    const auto found = index_.find(words.key);
    if (found != index_.end()) return table_.rows[found->second];
    index_.emplace(std::string(words.key), table_.rows.size());
    table_.rows.push_back(RowOf(words));
    return table_.rows.back();
  }

  BreakdownTable table_;
  std::map<std::string, std::size_t, std::less<>> index_;
};

/// The month of a time, UTC (Senegal keeps UTC all year), as year * 12 + month - 1: counted per
/// person without formatting, named once a month at the end.
std::int64_t MonthOf(std::int64_t at_ms) {
  using namespace std::chrono;
  const year_month_day day{floor<days>(sys_time<milliseconds>(milliseconds(at_ms)))};
  return static_cast<int>(day.year()) * 12 + static_cast<int>(unsigned(day.month())) - 1;
}

/// "2026-09" of a MonthOf.
std::string MonthText(std::int64_t month) {
  const std::int64_t year = month / 12;
  const std::int64_t in_year = month % 12 + 1;
  std::string text = std::to_string(year) + (in_year < 10 ? "-0" : "-");
  return text + std::to_string(in_year);
}

}  // namespace

Result<admin::CensusCampaignInfo> FindCampaign(db::Connection& connection,
                                               std::string_view campaign_id) {
  admin::CensusCampaignRegistry registry(connection);
  auto found = registry.FindCampaign(campaign_id);
  if (!found) return found.error();
  return found.value();
}

Result<CampaignResults> ReadCampaignResults(db::Connection& connection,
                                            std::string_view campaign_id) {
  // One read transaction: the tables all count the same observations.
  auto transaction = db::Transaction::Begin(connection, db::Transaction::Mode::kDeferred);
  if (!transaction) return transaction.error();
  auto campaign = FindCampaign(connection, campaign_id);
  if (!campaign) return campaign.error();
  CampaignResults results;
  results.campaign = campaign.value();
  results.age_reference_ms = results.campaign.opens_at_ms;
  auto site_name = internal::SiteName(connection, results.campaign.site_id);
  if (!site_name) return site_name.error();
  results.site_name = site_name.value().value_or("");

  Tally sex("sex");
  for (const v1::Sex s : Sexes()) sex.Declare(WordsOf(s));
  Tally band("age_band");
  for (const AgeBand b : AgeBands()) band.Declare(WordsOf(b));
  Tally nationality("nationality");
  Tally occupation("occupation");
  for (const v1::Occupation o : Occupations()) occupation.Declare(WordsOf(o));
  Tally month("installation_month");
  Tally card("miner_card");
  card.Declare(CardHeldWords(true));
  card.Declare(CardHeldWords(false));
  std::map<std::int64_t, std::int64_t> months;  // MonthOf -> persons first entered then
  std::int64_t no_entry = 0;
  std::map<AgeBand, PyramidRow> pyramid;
  for (const AgeBand b : AgeBands()) pyramid[b].band = b;

  auto walked = internal::ForEachObserved(
      connection, campaign_id, results.age_reference_ms,
      [&](const internal::ObservedPerson& person) {
        ++results.observed;
        const AgeBand age = AgeBandOf(person.age_years);
        PyramidRow& bar = pyramid[age];
        if (!person.registered) {
          ++results.unregistered;
          sex.Add(UnknownWords());
          band.Add(UnknownWords());
          nationality.Add(UnknownWords());
          occupation.Add(UnknownWords());
          month.Add(UnknownWords());
          card.Add(CardHeldWords(person.card_held));
          ++bar.unspecified;
          return;
        }
        sex.Add(WordsOf(person.sex));
        band.Add(WordsOf(age));
        if (person.nationality.empty()) {
          nationality.AddKey("none", "non déclarée", "not declared");
        } else {
          nationality.AddKey(person.nationality, person.nationality, person.nationality);
        }
        occupation.Add(WordsOf(person.occupation));
        if (person.first_entry_ms) {
          ++months[MonthOf(*person.first_entry_ms)];
        } else {
          ++no_entry;
        }
        card.Add(CardHeldWords(person.card_held));
        if (person.sex == v1::SEX_FEMALE) {
          ++bar.female;
        } else if (person.sex == v1::SEX_MALE) {
          ++bar.male;
        } else {
          ++bar.unspecified;
        }
        const bool minor = person.age_years && *person.age_years < kAdultYears;
        if (minor) {
          ++results.minors;
        } else if (person.age_years) {
          ++results.adults;
          if (person.card_held) {
            ++results.adults_with_card;
          } else {
            ++results.card_candidates;
          }
        }
      });
  if (!walked) return walked.error();
  for (const auto& [when, count] : months) {
    const std::string key = MonthText(when);
    month.AddKey(key, key, key, count);
  }
  if (no_entry > 0)
    month.AddKey("none", "aucune entrée enregistrée", "no entry recorded", no_entry);
  results.tables.push_back(std::move(sex).Finish(false));
  results.tables.push_back(std::move(band).Finish(false));
  results.tables.push_back(std::move(nationality).Finish(true));
  results.tables.push_back(std::move(occupation).Finish(false));
  results.tables.push_back(std::move(month).SortedByKey());
  results.tables.push_back(std::move(card).Finish(false));
  for (const AgeBand b : AgeBands()) results.pyramid.push_back(pyramid[b]);
  return results;
}

CampaignView ViewOfResults(const CampaignResults& results, std::int64_t now_ms) {
  CampaignView view;
  view.info = results.campaign;
  view.site_name = results.site_name;
  view.status = CampaignStatus(results.campaign, now_ms);
  // Each observation is one person (the observations' key is campaign and person).
  view.observed = results.observed;
  return view;
}

}  // namespace minegate::server::census
