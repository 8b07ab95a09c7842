#include "server/api/census_export.hpp"

#include <array>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "base/clock.hpp"
#include "base/hex.hpp"
#include "server/api/census_routes.hpp"
#include "server/api/csv_export.hpp"
#include "server/api/request_reading.hpp"
#include "server/census/campaign_lists.hpp"
#include "server/census/campaign_results.hpp"
#include "server/census/campaigns.hpp"
#include "server/census/categories.hpp"
#include "server/census/site_populations.hpp"

namespace minegate::server::api {
// Named inside the anonymous namespace: the library builds as one unity file, where every
// file's anonymous namespace is the same one.
namespace {
namespace census_csv {

std::string_view Label(const census::Words& words, bool english) {
  return english ? words.en : words.fr;
}

/// Rows of an aggregate already read (its size bounded by categories, sites or days, never by
/// persons), handed to the writer a page at a time.
template <typename Item>
class HeldRows final : public RowSource {
 public:
  using Write = std::function<void(const Item&, CsvRows&)>;
  HeldRows(std::vector<Item> items, Write write)
      : items_(std::move(items)), write_(std::move(write)) {}

  base::Result<bool> ReadPage(db::Connection&, int max_rows, CsvRows& rows) override {
    for (int n = 0; n < max_rows && next_ < items_.size(); ++n) write_(items_[next_++], rows);
    return next_ < items_.size();
  }

 private:
  std::vector<Item> items_;
  Write write_;
  std::size_t next_ = 0;
};

template <typename Item>
std::unique_ptr<RowSource> Held(std::vector<Item> items, typename HeldRows<Item>::Write write) {
  return std::make_unique<HeldRows<Item>>(std::move(items), std::move(write));
}

// ---- a campaign's breakdown tables ----

/// The tables of GET .../results, by their JSON name, with the header of their label column.
struct TableKind {
  std::string_view name;
  CsvColumn label;
};
constexpr std::array<TableKind, 6> kTables = {{
    {"sex", {"sexe", "sex"}},
    {"age_band", {"tranche d'âge", "age band"}},
    {"nationality", {"nationalité", "nationality"}},
    {"occupation", {"activité", "occupation"}},
    {"installation_month", {"mois d'installation", "month of installation"}},
    {"miner_card", {"carte d'orpailleur", "miner's card"}},
}};
/// The age-sex pyramid's table (the JSON's `pyramid`).
constexpr std::string_view kAgeSex = "age_sex";

ApiProblem BadTable() {
  return Problem(400, "bad_table",
                 "table : sex, age_band, nationality, occupation, installation_month, "
                 "miner_card ou age_sex",
                 "table: sex, age_band, nationality, occupation, installation_month, "
                 "miner_card or age_sex",
                 "table");
}

ApiReply TableExport(ApiCall& call) {
  const std::string campaign_id = TargetCensusCampaign(call);
  call.audit.query = "campaignId=" + campaign_id;
  const std::string table = call.request.QueryParam("table").value_or("");
  if (!table.empty()) call.audit.query += "&table=" + table;
  const TableKind* kind = nullptr;
  for (const TableKind& known : kTables) {
    if (known.name == table) kind = &known;
  }
  if (kind == nullptr && table != kAgeSex) return ProblemReply(BadTable());
  // Counted here, in one read as the JSON route does: an unknown campaign is a 404 before any
  // byte, and the table is a few dozen rows whatever the campaign's size.
  auto results = census::ReadCampaignResults(call.connection, campaign_id);
  if (!results) return CensusRefused(results.error());
  const CsvOptions options = ReadCsvOptions(call.request);
  const bool english = options.english;
  const std::string french_file = "recensement-" + campaign_id + "-" + table + ".csv";
  const std::string english_file = "census-" + campaign_id + "-" + table + ".csv";
  if (kind == nullptr) {
    std::vector<CsvColumn> columns = {
        {"code", "code"},   {"tranche d'âge", "age band"}, {"femmes", "female"},
        {"hommes", "male"}, {"non précisé", "not stated"}, {"total", "total"}};
    auto source = Held<census::PyramidRow>(
        std::move(results.value().pyramid),
        [english](const census::PyramidRow& bar, CsvRows& rows) {
          const census::Words words = census::WordsOf(bar.band);
          rows.Add({words.key, Label(words, english), std::to_string(bar.female),
                    std::to_string(bar.male), std::to_string(bar.unspecified),
                    std::to_string(bar.female + bar.male + bar.unspecified)});
        });
    return CsvReply(std::move(columns), options, std::move(source), french_file, english_file);
  }
  std::vector<census::TableRow> rows;
  for (census::BreakdownTable& breakdown : results.value().tables) {
    if (breakdown.name == kind->name) rows = std::move(breakdown.rows);
  }
  std::vector<CsvColumn> columns = {{"code", "code"}, kind->label, {"personnes", "persons"}};
  auto source =
      Held<census::TableRow>(std::move(rows), [english](const census::TableRow& row, CsvRows& out) {
        out.Add({row.key, english ? row.label_en : row.label_fr, std::to_string(row.count)});
      });
  return CsvReply(std::move(columns), options, std::move(source), french_file, english_file);
}

// ---- the minors and the card issuance list ----

constexpr CsvColumn kListColumns[] = {
    {"nom", "family name"},
    {"prénom", "given name"},
    {"sexe", "sex"},
    {"âge", "age"},
    {"âge estimé", "age estimated"},
    {"année de naissance", "birth year"},
    {"nationalité", "nationality"},
    {"activité", "occupation"},
    {"site n°", "site id"},
    {"site", "site"},
    {"recensé(e) le (UTC)", "observed at (UTC)"},
    {"remarque", "note"},
};

/// A campaign's list in the JSON route's order (family name, given name, token), a page of
/// ReadCampaignList at a time after the last person written: a keyset position, so persons
/// observed meanwhile neither repeat nor shift the pages. The first page is the handler's.
class ListRows final : public RowSource {
 public:
  ListRows(std::string campaign_id, census::CampaignList list, std::string site_name, bool english,
           census::ListPage first)
      : campaign_id_(std::move(campaign_id)),
        list_(list),
        site_name_(std::move(site_name)),
        english_(english),
        first_(std::move(first)) {}

  base::Result<bool> ReadPage(db::Connection& connection, int max_rows, CsvRows& rows) override {
    if (first_) {
      Write(first_->persons, rows);
      position_ = std::move(first_->next_position);
      first_.reset();
      return !position_.empty();
    }
    auto page = census::ReadCampaignList(connection, campaign_id_, list_, position_,
                                         static_cast<std::size_t>(max_rows));
    if (!page) return page.error();
    Write(page.value().persons, rows);
    position_ = std::move(page.value().next_position);
    return !position_.empty();
  }

  void NamePersons(std::int64_t rows, std::size_t room,
                   std::vector<std::string>& person_tokens) const override {
    persons_.NameFirst(rows, room, person_tokens);
  }

 private:
  void Write(const std::vector<census::ListedPerson>& persons, CsvRows& rows) {
    const bool minors = list_ == census::CampaignList::kMinors;
    const std::string_view note = minors ? Label(census::MinorNoteWords(), english_) : "";
    for (const census::ListedPerson& person : persons) {
      const std::string age = std::to_string(person.age_years);
      const std::string birth_year =
          person.birth_year == 0 ? std::string() : std::to_string(person.birth_year);
      const std::string site = std::to_string(person.site_id);
      const std::string observed = base::FormatUtcMs(person.observed_at_ms);
      rows.Add({person.family_name, person.given_name, Label(census::WordsOf(person.sex), english_),
                age, Label(census::CardHeldWords(person.age_approximate), english_), birth_year,
                person.nationality, Label(census::WordsOf(person.occupation), english_), site,
                site_name_, observed, note});
      persons_.Add(base::ToHex(person.person_token));
    }
  }

  std::string campaign_id_;
  census::CampaignList list_;
  std::string site_name_;
  bool english_;
  std::optional<census::ListPage> first_;
  std::string position_;
  ExportedPersons persons_;
};

ApiReply ListExport(ApiCall& call, census::CampaignList list) {
  const std::string campaign_id = TargetCensusCampaign(call);
  call.audit.query = "campaignId=" + campaign_id;
  auto campaign = census::ReadCampaignView(call.connection, campaign_id, call.now_ms);
  if (!campaign) return CensusRefused(campaign.error());
  // The first page here: a campaign gone meanwhile is still an answer, not a cut transfer.
  auto first = census::ReadCampaignList(call.connection, campaign_id, list, "",
                                        static_cast<std::size_t>(CsvExport::kPageRows));
  if (!first) return CensusRefused(first.error());
  const CsvOptions options = ReadCsvOptions(call.request);
  const bool minors = list == census::CampaignList::kMinors;
  std::vector<CsvColumn> columns(std::begin(kListColumns), std::end(kListColumns));
  return CsvReply(std::move(columns), options,
                  std::make_unique<ListRows>(campaign_id, list, campaign.value().site_name,
                                             options.english, std::move(first.value())),
                  (minors ? "mineurs-" : "cartes-a-delivrer-") + campaign_id + ".csv",
                  (minors ? "minors-" : "card-candidates-") + campaign_id + ".csv");
}

// ---- populations ----

/// Arrivals a row per site and day (the JSON's per_day, site by site): what a spreadsheet's
/// pivot table reads, with the same headers whatever the period.
class ArrivalRows final : public RowSource {
 public:
  ArrivalRows(std::vector<census::SiteArrivals> sites, census::DayRange range)
      : sites_(std::move(sites)), range_(range) {}

  base::Result<bool> ReadPage(db::Connection&, int max_rows, CsvRows& rows) override {
    for (int n = 0; n < max_rows && site_ < sites_.size(); ++n) {
      const census::SiteArrivals& site = sites_[site_];
      rows.Add({std::to_string(site.site_id), site.site_name,
                base::DayText(range_.first_day + static_cast<std::int64_t>(day_)),
                std::to_string(site.per_day[day_])});
      if (++day_ == site.per_day.size()) {
        day_ = 0;
        ++site_;
      }
    }
    return site_ < sites_.size();
  }

 private:
  std::vector<census::SiteArrivals> sites_;
  census::DayRange range_;
  std::size_t site_ = 0;
  std::size_t day_ = 0;
};

}  // namespace census_csv
}  // namespace

ApiHandler CensusTableExportHandler() {
  return [](ApiCall& call) { return census_csv::TableExport(call); };
}

ApiHandler CensusMinorsExportHandler() {
  return [](ApiCall& call) { return census_csv::ListExport(call, census::CampaignList::kMinors); };
}

ApiHandler CensusCardCandidatesExportHandler() {
  return [](ApiCall& call) {
    return census_csv::ListExport(call, census::CampaignList::kCardCandidates);
  };
}

ApiHandler CensusPopulationsExportHandler() {
  return [](ApiCall& call) {
    call.audit.query = "atMs=" + std::to_string(call.now_ms);
    auto now = census::ReadPopulationsNow(call.connection, call.now_ms);
    if (!now) return CensusRefused(now.error());
    std::vector<CsvColumn> columns = {
        {"site n°", "site id"}, {"site", "site"},   {"présents", "present"},
        {"femmes", "female"},   {"hommes", "male"}, {"non précisé", "not stated"},
        {"mineurs", "minors"},
    };
    auto source = census_csv::Held<census::SitePopulation>(
        std::move(now.value().sites), [](const census::SitePopulation& site, CsvRows& rows) {
          rows.Add({std::to_string(site.site_id), site.site_name, std::to_string(site.present),
                    std::to_string(site.female), std::to_string(site.male),
                    std::to_string(site.unspecified), std::to_string(site.minors)});
        });
    return CsvReply(std::move(columns), ReadCsvOptions(call.request), std::move(source),
                    "populations.csv", "populations.csv");
  };
}

ApiHandler CensusSiteDailyExportHandler() {
  return [](ApiCall& call) {
    census::SiteDaily daily;
    if (auto refused = ReadSiteDailyFor(call, daily)) return *refused;
    std::vector<CsvColumn> columns = {{"site n°", "site id"},
                                      {"site", "site"},
                                      {"jour", "day"},
                                      {"présents (fin du jour)", "present (end of day)"},
                                      {"arrivées", "arrivals"}};
    const std::string id = std::to_string(daily.site_id);
    auto source = census_csv::Held<census::DayFigures>(
        std::move(daily.days),
        [id, name = daily.site_name](const census::DayFigures& day, CsvRows& rows) {
          rows.Add({id, name, base::DayText(day.day), std::to_string(day.present),
                    std::to_string(day.arrivals)});
        });
    const std::string period =
        base::DayText(daily.range.first_day) + "_" + base::DayText(daily.range.last_day);
    return CsvReply(std::move(columns), ReadCsvOptions(call.request), std::move(source),
                    "site-" + id + "-par-jour-" + period + ".csv",
                    "site-" + id + "-daily-" + period + ".csv");
  };
}

ApiHandler CensusArrivalsExportHandler() {
  return [](ApiCall& call) {
    CensusArrivalsRead arrivals;
    if (auto refused = ReadArrivalsFor(call, arrivals)) return *refused;
    std::vector<CsvColumn> columns = {
        {"site n°", "site id"}, {"site", "site"}, {"jour", "day"}, {"arrivées", "arrivals"}};
    const std::string period =
        base::DayText(arrivals.range.first_day) + "_" + base::DayText(arrivals.range.last_day);
    auto source =
        std::make_unique<census_csv::ArrivalRows>(std::move(arrivals.sites), arrivals.range);
    return CsvReply(std::move(columns), ReadCsvOptions(call.request), std::move(source),
                    "arrivees-" + period + ".csv", "arrivals-" + period + ".csv");
  };
}

}  // namespace minegate::server::api
