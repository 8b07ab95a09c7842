// The census and border police CSV exports (issue 13, item 5) through the real minegate-server
// over TLS, fed by real kiosks over the sync protocol: each export read back with an RFC 4180
// parser (tests/support/csv_parse.hpp) and compared with the JSON answer of the same table, row
// for row (same rows, same totals); French headers by default, English with lang=en, the `;`
// separator; the audit entry of each export with its row count and the persons it names; the
// reason and case reference of the police exports; and no other role reaches any of them.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "base/clock.hpp"
#include "base/hex.hpp"
#include "minegate/v1/census.pb.h"
#include "minegate/v1/police.pb.h"
#include "server/api/route_table.hpp"
#include "tests/integration/server/official_protection_fixture.hpp"
#include "tests/support/csv_parse.hpp"

namespace minegate::test {
namespace {

constexpr char kCampaign[] = "recensement-bantako";
constexpr char kReason[] = "Enquête sur un réseau de recrutement";
constexpr char kCaseReference[] = "PV-2026/0077";
constexpr char kBom[] = "\xEF\xBB\xBF";

std::string DayOf(std::int64_t ms, int days = 0) {
  using namespace std::chrono;
  const sys_days day =
      floor<std::chrono::days>(sys_time<milliseconds>(milliseconds(ms))) + std::chrono::days(days);
  const year_month_day date(day);
  const auto two = [](unsigned value) {
    return std::string(value < 10 ? "0" : "") + std::to_string(value);
  };
  return std::to_string(static_cast<int>(date.year())) + "-" +
         two(static_cast<unsigned>(date.month())) + "-" + two(static_cast<unsigned>(date.day()));
}

/// An export's records, header first, after checking what every export carries.
CsvRecords Read(const HttpResult& answer, char separator = ',') {
  EXPECT_EQ(answer.status, 200) << answer.body;
  EXPECT_TRUE(answer.body.starts_with(kBom)) << answer.body.substr(0, 40);
  auto records = ParseCsv(
      std::string_view(answer.body).substr(answer.body.starts_with(kBom) ? 3 : 0), separator);
  EXPECT_TRUE(records) << answer.body;
  if (!records || records->empty()) return {};
  for (const auto& record : *records) {
    EXPECT_EQ(record.size(), records->front().size()) << "every row as wide as the header";
  }
  return *records;
}

class ExportTest : public OfficialProtectionTest {
 protected:
  void SetUp() override {
    OfficialProtectionTest::SetUp();
    if (HasFailure()) return;
    const int year = std::stoi(DayOf(base::NowMs()).substr(0, 4));
    awa_.token = PersonToken(0xC1);
    // A comma, quotes and a leading '=' in names: quoted, and the formula guarded.
    awa_.given = "Awa, dite \"Mama\"";
    awa_.family = "Traoré";
    moussa_.token = PersonToken(0xC2);
    moussa_.given = "Moussa";
    moussa_.family = "=Keita";
    moussa_.sex = v1::SEX_MALE;
    moussa_.birth_year = 1980;
    moussa_.nationality = "GIN";
    moussa_.occupation = v1::OCCUPATION_GOLD_TRADER;
    moussa_.document_number = "GN0144501";
    girl_.token = PersonToken(0xC3);
    girl_.given = "Kadiatou";
    girl_.family = "Camara";
    girl_.birth_year = static_cast<std::uint32_t>(year - 15);
    girl_.occupation = v1::OCCUPATION_NONE;
    girl_.document_number = "ML1610001";
    fanta_.token = PersonToken(0xC4);
    fanta_.given = "Fanta";
    fanta_.family = "Sissoko";
    fanta_.birth_year = 2001;
    fanta_.nationality = "SEN";
    fanta_.document_number = "SN2751198700456";

    const std::string closes = std::to_string(base::NowMs() + 10LL * 24 * 3600 * 1000);
    Ctl({"census", "add", "--id", kCampaign, "--site", "1", "--fr", "Recensement de Bantako",
         "--en", "Bantako census", "--closes-at", closes});
    Send(*bantako_, {Registration(*bantako_, awa_), Registration(*bantako_, moussa_),
                     Registration(*bantako_, girl_), Registration(*bantako_, fanta_),
                     Companion(*bantako_, girl_.token, moussa_.token,
                               v1::COMPANION_RELATION_EMPLOYER, false, true),
                     Passage(*bantako_, awa_.token), Passage(*bantako_, moussa_.token),
                     Passage(*bantako_, girl_.token), Passage(*bantako_, fanta_.token),
                     Census(*bantako_, awa_.token), Census(*bantako_, moussa_.token),
                     Census(*bantako_, girl_.token), Census(*bantako_, fanta_.token)});
    Send(*sabodala_, {Passage(*sabodala_, fanta_.token), Passage(*sabodala_, girl_.token)});
    emape_ = SignedIn("fatou.emape");
    police_ = SignedIn("ousmane.police");
  }

  v1::Event Census(SimulatedKiosk& kiosk, const std::string& her) {
    v1::Event event = Next(kiosk);
    event.clear_gate_passed();
    auto* c = event.mutable_census_observed();
    c->set_campaign_id(kCampaign);
    c->set_person_token(her);
    c->set_tag_uid(std::string("\x04\x77\x66\x55\x44\x33", 6) + her.substr(0, 1));
    return kiosk.Seal(event);
  }

  HttpResult Emape(const std::string& target) { return emape_->Call("GET", target); }

  HttpResult Police(const std::string& target, bool justified = true) {
    std::vector<std::pair<std::string, std::string>> headers = {{"Cookie", police_->cookie()}};
    if (justified) {
      headers.emplace_back("Minegate-Reason", PercentEncoded(kReason));
      headers.emplace_back("Minegate-Case-Reference", PercentEncoded(kCaseReference));
    }
    return police_->Raw("GET", target, headers);
  }

  template <class Message>
  Message Json(const HttpResult& answer) {
    EXPECT_EQ(answer.status, 200) << answer.body;
    return ParsedAs<Message>(answer);
  }

  /// The one audit entry of `action` (the last one).
  server::audit::AuditEntry LastAudit(const std::string& action) {
    const auto records = AuditOf(action);
    EXPECT_FALSE(records.empty()) << action;
    return records.empty() ? server::audit::AuditEntry{} : records.back().entry;
  }

  Arrival awa_, moussa_, girl_, fanta_;
  std::unique_ptr<OfficialClient> emape_;
  std::unique_ptr<OfficialClient> police_;
};

TEST_F(ExportTest, EveryBreakdownTableIsTheJsonTable) {
  const std::string base = std::string("/v1/census/campaigns/") + kCampaign;
  const auto results = Json<v1::CensusResults>(Emape(base + "/results"));
  ASSERT_EQ(results.observed(), 4);
  // The campaign as its results show it is the campaign as the list shows it.
  const auto list = Json<v1::CensusCampaignList>(Emape("/v1/census/campaigns"));
  const auto listed = std::find_if(
      list.campaigns().begin(), list.campaigns().end(),
      [](const v1::CensusCampaignView& view) { return view.campaign_id() == kCampaign; });
  ASSERT_NE(listed, list.campaigns().end());
  EXPECT_EQ(results.campaign().SerializeAsString(), listed->SerializeAsString());
  EXPECT_EQ(results.campaign().observed(), 4);
  EXPECT_FALSE(results.campaign().site_name().empty());
  ASSERT_EQ(results.tables_size(), 6);
  const std::map<std::string, std::string> label_headers = {
      {"sex", "sexe"},
      {"age_band", "tranche d'âge"},
      {"nationality", "nationalité"},
      {"occupation", "activité"},
      {"installation_month", "mois d'installation"},
      {"miner_card", "carte d'orpailleur"}};
  for (const v1::CensusTable& table : results.tables()) {
    const CsvRecords csv = Read(Emape(base + "/results.csv?table=" + table.name()));
    ASSERT_EQ(csv.size(), static_cast<std::size_t>(table.rows_size()) + 1) << table.name();
    EXPECT_EQ(csv[0],
              (std::vector<std::string>{"code", label_headers.at(table.name()), "personnes"}));
    std::int64_t sum = 0;
    for (int i = 0; i < table.rows_size(); ++i) {
      const auto& row = table.rows(i);
      EXPECT_EQ(csv[static_cast<std::size_t>(i) + 1],
                (std::vector<std::string>{row.key(), row.label_fr(), std::to_string(row.count())}))
          << table.name();
      sum += std::stoll(csv[static_cast<std::size_t>(i) + 1][2]);
    }
    EXPECT_EQ(sum, table.total()) << table.name() << ": the rows add up to the JSON total";
    const auto entry = LastAudit("GET /v1/census/campaigns/{id}/results.csv");
    EXPECT_EQ(entry.outcome, "ok");
    EXPECT_EQ(entry.result_count, table.rows_size());
    EXPECT_EQ(entry.query, std::string("campaignId=") + kCampaign + "&table=" + table.name());
    EXPECT_EQ(entry.targets, (std::vector<std::string>{std::string("census:") + kCampaign}));
    EXPECT_TRUE(entry.person_tokens.empty()) << "an aggregate names nobody";
  }

  // The age-sex pyramid, English, `;`.
  const CsvRecords pyramid =
      Read(Emape(base + "/results.csv?table=age_sex&lang=en&sep=semicolon"), ';');
  ASSERT_EQ(pyramid.size(), static_cast<std::size_t>(results.pyramid_size()) + 1);
  EXPECT_EQ(pyramid[0], (std::vector<std::string>{"code", "age band", "female", "male",
                                                  "not stated", "total"}));
  std::int64_t everyone = 0;
  for (int i = 0; i < results.pyramid_size(); ++i) {
    const auto& bar = results.pyramid(i);
    EXPECT_EQ(
        pyramid[static_cast<std::size_t>(i) + 1],
        (std::vector<std::string>{bar.age_band(), bar.label_en(), std::to_string(bar.female()),
                                  std::to_string(bar.male()), std::to_string(bar.unspecified()),
                                  std::to_string(bar.female() + bar.male() + bar.unspecified())}));
    everyone += std::stoll(pyramid[static_cast<std::size_t>(i) + 1][5]);
  }
  EXPECT_EQ(everyone, results.observed());

  // English headers and labels on a table, with its file name.
  const HttpResult english = Emape(base + "/results.csv?table=sex&lang=en");
  const CsvRecords sex = Read(english);
  ASSERT_FALSE(sex.empty());
  EXPECT_EQ(sex[0], (std::vector<std::string>{"code", "sex", "persons"}));
  EXPECT_EQ(sex[1][1], "female");
  EXPECT_NE(english.Header("content-disposition").find("census-recensement-bantako-sex.csv"),
            std::string::npos)
      << english.Header("content-disposition");

  // Refused before any byte, as problems.
  const HttpResult bad_table = Emape(base + "/results.csv?table=pyramid");
  EXPECT_EQ(bad_table.status, 400);
  EXPECT_TRUE(IsProblemOf(bad_table, "bad_table")) << bad_table.body;
  const HttpResult unknown = Emape("/v1/census/campaigns/nulle-part/results.csv?table=sex");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_TRUE(IsProblemOf(unknown, "unknown_campaign")) << unknown.body;
}

TEST_F(ExportTest, TheListsAreTheJsonListsAndNameTheirPersons) {
  const std::string base = std::string("/v1/census/campaigns/") + kCampaign;
  for (const std::string list : {"minors", "card-candidates"}) {
    const auto json = Json<v1::CensusPersonList>(Emape(base + "/" + list));
    const CsvRecords csv = Read(Emape(base + "/" + list + ".csv"));
    ASSERT_EQ(csv.size(), static_cast<std::size_t>(json.persons_size()) + 1) << list;
    EXPECT_EQ(csv[0][0], "nom");
    EXPECT_EQ(csv[0][10], "recensé(e) le (UTC)");
    std::vector<std::string> tokens;
    for (int i = 0; i < json.persons_size(); ++i) {
      const auto& p = json.persons(i);
      const auto& row = csv[static_cast<std::size_t>(i) + 1];
      // A name starting like a formula is written as text ('=Keita), never run.
      const std::string family =
          p.family_name().starts_with("=") ? "'" + p.family_name() : p.family_name();
      EXPECT_EQ(row[0], family);
      EXPECT_EQ(row[1], p.given_name());
      EXPECT_EQ(row[3], std::to_string(p.age_years()));
      EXPECT_EQ(row[5], std::to_string(p.birth_year()));
      EXPECT_EQ(row[6], p.nationality());
      EXPECT_EQ(row[8], std::to_string(p.site_id()));
      EXPECT_EQ(row[9], p.site_name());
      EXPECT_EQ(row[10], base::FormatUtcMs(p.observed_at_ms()));
      EXPECT_EQ(row[11], p.note_fr());
    }
    const auto entry = LastAudit("GET /v1/census/campaigns/{id}/" + list + ".csv");
    EXPECT_EQ(entry.outcome, "ok");
    EXPECT_EQ(entry.result_count, json.persons_size());
    // The same persons the JSON list's entry names.
    EXPECT_EQ(entry.person_tokens,
              LastAudit("GET /v1/census/campaigns/{id}/" + list).person_tokens);
  }
  // The girl is the one minor; Awa (a comma and quotes in her name) is on the card list.
  const CsvRecords minors = Read(Emape(base + "/minors.csv?lang=en"));
  ASSERT_EQ(minors.size(), 2U);
  EXPECT_EQ(minors[0][0], "family name");
  EXPECT_EQ(minors[1][1], "Kadiatou");
  EXPECT_EQ(minors[1][11], "minor — no gold miner's card");
  const auto minors_entry = LastAudit("GET /v1/census/campaigns/{id}/minors.csv");
  EXPECT_EQ(minors_entry.person_tokens, (std::vector<std::string>{base::ToHex(girl_.token)}));
  const CsvRecords cards = Read(Emape(base + "/card-candidates.csv?sep=semicolon"), ';');
  std::set<std::string> given;
  for (std::size_t i = 1; i < cards.size(); ++i) given.insert(cards[i][1]);
  EXPECT_TRUE(given.contains("Awa, dite \"Mama\"")) << cards.size();
  EXPECT_FALSE(given.contains("Kadiatou")) << "a minor is never offered a card";
}

TEST_F(ExportTest, PopulationsDaysAndArrivalsAreTheJsonFigures) {
  const auto now = Json<v1::CensusPopulations>(Emape("/v1/census/populations"));
  const CsvRecords populations = Read(Emape("/v1/census/populations.csv"));
  ASSERT_EQ(populations.size(), static_cast<std::size_t>(now.sites_size()) + 1);
  EXPECT_EQ(populations[0], (std::vector<std::string>{"site n°", "site", "présents", "femmes",
                                                      "hommes", "non précisé", "mineurs"}));
  std::int64_t present = 0;
  for (int i = 0; i < now.sites_size(); ++i) {
    const auto& s = now.sites(i);
    EXPECT_EQ(populations[static_cast<std::size_t>(i) + 1],
              (std::vector<std::string>{std::to_string(s.site_id()), s.site_name(),
                                        std::to_string(s.present()), std::to_string(s.female()),
                                        std::to_string(s.male()), std::to_string(s.unspecified()),
                                        std::to_string(s.minors())}));
    present += s.present();
  }
  EXPECT_EQ(present, now.total());
  EXPECT_GT(now.total(), 0);
  EXPECT_EQ(LastAudit("GET /v1/census/populations.csv").result_count, now.sites_size());

  const std::string period = "?from=" + DayOf(base::NowMs(), -6) + "&to=" + DayOf(base::NowMs(), 1);
  const auto daily = Json<v1::CensusSiteDaily>(Emape("/v1/census/sites/1/daily" + period));
  const CsvRecords days = Read(Emape("/v1/census/sites/1/daily.csv" + period + "&lang=en"));
  ASSERT_EQ(days.size(), static_cast<std::size_t>(daily.days_size()) + 1);
  EXPECT_EQ(days[0], (std::vector<std::string>{"site id", "site", "day", "present (end of day)",
                                               "arrivals"}));
  std::int64_t arrivals_at_bantako = 0;
  for (int i = 0; i < daily.days_size(); ++i) {
    const auto& d = daily.days(i);
    EXPECT_EQ(
        days[static_cast<std::size_t>(i) + 1],
        (std::vector<std::string>{"1", daily.site_name(), d.day(), std::to_string(d.present()),
                                  std::to_string(d.arrivals())}));
    arrivals_at_bantako += d.arrivals();
  }
  EXPECT_GT(arrivals_at_bantako, 0);
  const auto daily_entry = LastAudit("GET /v1/census/sites/{id}/daily.csv");
  EXPECT_EQ(daily_entry.result_count, 8);
  EXPECT_EQ(daily_entry.targets, (std::vector<std::string>{"site:1"}));

  const auto arrivals = Json<v1::CensusArrivals>(Emape("/v1/census/arrivals" + period));
  const CsvRecords cells = Read(Emape("/v1/census/arrivals.csv" + period));
  ASSERT_EQ(cells.size(),
            static_cast<std::size_t>(arrivals.sites_size() * arrivals.days_size()) + 1);
  EXPECT_EQ(cells[0], (std::vector<std::string>{"site n°", "site", "jour", "arrivées"}));
  std::size_t at = 1;
  for (const auto& site : arrivals.sites()) {
    std::int64_t total = 0;
    for (int d = 0; d < arrivals.days_size(); ++d, ++at) {
      EXPECT_EQ(cells[at],
                (std::vector<std::string>{std::to_string(site.site_id()), site.site_name(),
                                          arrivals.days(d), std::to_string(site.per_day(d))}));
      total += std::stoll(cells[at][3]);
    }
    EXPECT_EQ(total, site.total()) << site.site_name();
  }
  const HttpResult bad = Emape("/v1/census/arrivals.csv?from=2026-13-01");
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(IsProblemOf(bad, "bad_day")) << bad.body;
}

TEST_F(ExportTest, PoliceSearchResultsAreTheJsonResultsAndAudited) {
  const std::string query =
      "site=1&from=" + DayOf(base::NowMs(), -1) + "&to=" + DayOf(base::NowMs());
  const auto json =
      Json<v1::PolicePersonSearch>(Police("/v1/police/persons?" + query + "&limit=200"));
  ASSERT_EQ(json.persons_size(), 4);
  const CsvRecords csv = Read(Police("/v1/police/persons.csv?" + query));
  ASSERT_EQ(csv.size(), 5U);
  EXPECT_EQ(csv[0][0], "n° de personne");
  EXPECT_EQ(csv[0][13], "vu(e) au site le (UTC)");
  std::vector<std::string> ids;
  for (int i = 0; i < json.persons_size(); ++i) {
    const auto& p = json.persons(i);
    const auto& row = csv[static_cast<std::size_t>(i) + 1];
    EXPECT_EQ(row[0], p.person_id());
    EXPECT_EQ(row[2], p.given_name());
    EXPECT_EQ(row[4], std::to_string(p.birth_year()));
    EXPECT_EQ(row[6], p.nationality());
    EXPECT_EQ(row[9], p.first_site_name());
    EXPECT_EQ(row[12], p.last_site_name());
    EXPECT_EQ(row[13], base::FormatUtcMs(p.matched_at_ms()));
    ids.push_back(p.person_id());
  }
  // Audited as the search is: its terms, the reason and reference, the rows, every person.
  const auto entry = LastAudit("GET /v1/police/persons.csv");
  EXPECT_EQ(entry.outcome, "ok");
  EXPECT_EQ(entry.result_count, 4);
  EXPECT_EQ(entry.reason, kReason);
  EXPECT_EQ(entry.case_reference, kCaseReference);
  EXPECT_EQ(entry.query, LastAudit("GET /v1/police/persons").query);
  EXPECT_EQ(entry.person_tokens, ids);

  // English, `;`; a search by name.
  const CsvRecords english =
      Read(Police("/v1/police/persons.csv?name=keita&lang=en&sep=semicolon"), ';');
  ASSERT_EQ(english.size(), 2U);
  EXPECT_EQ(english[0][0], "person id");
  EXPECT_EQ(english[1][1], "'=Keita");
  EXPECT_EQ(english[1][3], "male");

  // No reason, no export (and nothing read); a bad criterion is the search's problem.
  const HttpResult no_reason = Police("/v1/police/persons.csv?" + query, false);
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_TRUE(IsProblemOf(no_reason, "reason_required")) << no_reason.body;
  EXPECT_EQ(no_reason.body.find("Traoré"), std::string::npos);
  const HttpResult two = Police("/v1/police/persons.csv?name=awa&document=x");
  EXPECT_TRUE(IsProblemOf(two, "bad_search")) << two.body;
  const HttpResult unknown_site =
      Police("/v1/police/persons.csv?site=99&from=2026-01-01&to=2026-01-02");
  EXPECT_EQ(unknown_site.status, 404) << unknown_site.body;
}

TEST_F(ExportTest, ATimelineIsTheJsonTimeline) {
  const std::string girl = base::ToHex(girl_.token);
  const auto json = Json<v1::PoliceTimeline>(Police("/v1/police/persons/" + girl + "/timeline"));
  const CsvRecords csv = Read(Police("/v1/police/persons/" + girl + "/timeline.csv"));
  std::size_t items =
      (json.has_registration() ? 1 : 0) +
      static_cast<std::size_t>(json.passages_size() + json.census_observations_size() +
                               json.came_with_size() + json.accompanied_size() +
                               json.bracelets_size() + json.miner_cards_size());
  for (const auto& b : json.bracelets()) items += b.revoked() ? 1U : 0U;
  ASSERT_EQ(csv.size(), items + 1);
  EXPECT_EQ(csv[0], (std::vector<std::string>{"date (UTC)", "événement", "site n°", "site", "porte",
                                              "bracelet (UID)", "personne liée (n°)",
                                              "personne liée", "détail"}));
  // Newest first; her passages at both sites, her census, the man she came with.
  std::multiset<std::string> events;
  for (std::size_t i = 1; i < csv.size(); ++i) {
    events.insert(csv[i][1]);
    if (i > 1) {
      EXPECT_GE(csv[i - 1][0], csv[i][0]) << "newest first";
    }
  }
  EXPECT_EQ(events.count("entrée") + events.count("sortie"),
            static_cast<std::size_t>(json.passages_size()));
  EXPECT_EQ(events.count("recensement"), 1U);
  EXPECT_EQ(events.count("enregistrement"), 1U);
  ASSERT_EQ(events.count("arrivé(e) avec"), 1U);
  for (std::size_t i = 1; i < csv.size(); ++i) {
    if (csv[i][1] != "arrivé(e) avec") continue;
    EXPECT_EQ(csv[i][6], base::ToHex(moussa_.token));
    EXPECT_EQ(csv[i][7], "'=Keita Moussa");  // a formula's start: written as text
    EXPECT_EQ(csv[i][8], "employeur");
  }
  const auto entry = LastAudit("GET /v1/police/persons/{id}/timeline.csv");
  EXPECT_EQ(entry.result_count, static_cast<std::int64_t>(items));
  EXPECT_EQ(entry.person_tokens, (std::vector<std::string>{girl}));
  EXPECT_EQ(entry.case_reference, kCaseReference);
  const CsvRecords english = Read(Police("/v1/police/persons/" + girl + "/timeline.csv?lang=en"));
  ASSERT_FALSE(english.empty());
  EXPECT_EQ(english[0][1], "event");
  const HttpResult nobody = Police("/v1/police/persons/" + std::string(32, 'a') + "/timeline.csv");
  EXPECT_EQ(nobody.status, 404);
  EXPECT_TRUE(IsProblemOf(nobody, "unknown_person")) << nobody.body;
}

// Compartments: the census exports for EMAPE officials only, the police exports for border
// police only (403 for every other role, audited), every .csv route of those two blocks.
TEST_F(ExportTest, NoOtherRoleReachesAnExport) {
  std::vector<std::pair<std::string, std::string>> census;
  std::vector<std::pair<std::string, std::string>> police;
  for (const server::api::RouteRule& rule : server::api::RouteTable()) {
    std::string path(rule.pattern);
    if (!path.ends_with(".csv")) continue;
    if (const auto at = path.find("{id}"); at != std::string::npos) {
      path.replace(at, 4, path.starts_with("/v1/police") ? base::ToHex(awa_.token) : "1");
    }
    if (path.starts_with("/v1/census/")) census.emplace_back(rule.pattern, path + "?table=sex");
    if (path.starts_with("/v1/police/")) police.emplace_back(rule.pattern, path + "?name=awa");
  }
  ASSERT_EQ(census.size(), 6U);
  ASSERT_EQ(police.size(), 2U);
  auto officer = SignedIn(kOfficer);
  auto auditor = SignedIn("awa.auditor");
  for (OfficialClient* client : {police_.get(), officer.get(), auditor.get()}) {
    for (const auto& [pattern, path] : census) {
      const HttpResult answer = client->Call("GET", path);
      EXPECT_EQ(answer.status, 403) << path;
      EXPECT_TRUE(IsProblemOf(answer, "forbidden")) << path;
    }
  }
  for (OfficialClient* client : {emape_.get(), officer.get(), auditor.get()}) {
    for (const auto& [pattern, path] : police) {
      std::vector<std::pair<std::string, std::string>> headers = {
          {"Cookie", client->cookie()},
          {"Minegate-Reason", PercentEncoded(kReason)},
          {"Minegate-Case-Reference", PercentEncoded(kCaseReference)}};
      const HttpResult answer = client->Raw("GET", path, headers);
      EXPECT_EQ(answer.status, 403) << path;
      EXPECT_TRUE(IsProblemOf(answer, "forbidden")) << path;
    }
  }
  for (const auto& [pattern, path] : census) {
    const auto records = AuditOf("GET " + pattern);
    ASSERT_FALSE(records.empty()) << pattern;
    EXPECT_EQ(records.back().entry.outcome, "refused:forbidden") << pattern;
  }
  for (const auto& [pattern, path] : police) {
    const auto records = AuditOf("GET " + pattern);
    ASSERT_EQ(records.size(), 3U) << pattern;
    for (const auto& record : records) EXPECT_EQ(record.entry.outcome, "refused:forbidden");
  }
}

}  // namespace
}  // namespace minegate::test
