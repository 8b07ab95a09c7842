#include "server/api/census_routes.hpp"

#include <charconv>

#include "base/clock.hpp"
#include "base/hex.hpp"
#include "minegate/v1/census.pb.h"
#include "server/admin/census_campaigns.hpp"
#include "server/admin/error.hpp"
#include "server/api/json_body.hpp"
#include "server/api/request_reading.hpp"
#include "server/census/campaign_lists.hpp"
#include "server/census/campaign_results.hpp"
#include "server/census/campaigns.hpp"
#include "server/census/categories.hpp"
#include "server/census/census_settings.hpp"
#include "server/census/site_populations.hpp"

namespace minegate::server::api {
namespace {

v1::CensusCampaignView ViewOf(const census::CampaignView& view) {
  v1::CensusCampaignView out;
  out.set_campaign_id(view.info.campaign_id);
  out.set_site_id(static_cast<std::uint32_t>(view.info.site_id));
  out.set_site_name(view.site_name);
  out.set_name_fr(view.info.name_fr);
  out.set_name_en(view.info.name_en);
  out.set_opens_at_ms(view.info.opens_at_ms);
  out.set_closes_at_ms(view.info.closes_at_ms);
  out.set_created_at_ms(view.info.created_at_ms);
  out.set_status(view.status);
  out.set_observed(view.observed);
  return out;
}

/// The campaign registry on the call's connection and time.
admin::CensusCampaignRegistry Registry(ApiCall& call) {
  return admin::CensusCampaignRegistry(call.connection, [now = call.now_ms] { return now; });
}

/// The campaign's view after a change, with the version kiosks receive.
ApiReply ChangeReply(ApiCall& call, const std::string& campaign_id, std::int64_t version,
                     int status = 200) {
  auto view = census::ReadCampaignView(call.connection, campaign_id, call.now_ms);
  if (!view) return CensusRefused(view.error());
  v1::CensusCampaignChange answer;
  *answer.mutable_campaign() = ViewOf(view.value());
  answer.set_census_campaigns_version(static_cast<std::uint64_t>(version));
  return JsonReply(answer, status);
}

std::string SexKey(v1::Sex sex) { return std::string(census::WordsOf(sex).key); }

std::optional<std::int64_t> SiteFilter(const ApiCall& call, bool& bad) {
  const auto text = call.request.QueryParam("siteId");
  bad = false;
  if (!text || text->empty()) return std::nullopt;
  std::int64_t id = 0;
  const char* end = text->data() + text->size();
  if (std::from_chars(text->data(), end, id).ptr != end || id <= 0) {
    bad = true;
    return std::nullopt;
  }
  return id;
}

ApiReply ListReply(ApiCall& call, census::CampaignList list) {
  const std::string campaign_id = TargetCensusCampaign(call);
  PageRequest page;
  if (auto problem = ReadPage(call.request, page, 200, 100)) return ProblemReply(*problem);
  auto campaign = census::ReadCampaignView(call.connection, campaign_id, call.now_ms);
  if (!campaign) return CensusRefused(campaign.error());
  auto read = census::ReadCampaignList(call.connection, campaign_id, list, page.after, page.limit);
  if (!read) return CensusRefused(read.error());
  v1::CensusPersonList answer;
  answer.set_campaign_id(campaign_id);
  for (const census::ListedPerson& person : read.value().persons) {
    v1::CensusListedPerson* out = answer.add_persons();
    out->set_given_name(person.given_name);
    out->set_family_name(person.family_name);
    out->set_sex(SexKey(person.sex));
    out->set_age_years(person.age_years);
    out->set_age_approximate(person.age_approximate);
    out->set_birth_year(person.birth_year);
    out->set_nationality(person.nationality);
    out->set_occupation(std::string(census::WordsOf(person.occupation).key));
    out->set_site_id(static_cast<std::uint32_t>(person.site_id));
    out->set_site_name(campaign.value().site_name);
    out->set_observed_at_ms(person.observed_at_ms);
    if (list == census::CampaignList::kMinors) {
      const census::Words note = census::MinorNoteWords();
      out->set_note_fr(std::string(note.fr));
      out->set_note_en(std::string(note.en));
    }
    // A person-level read: the auditor sees whose census entries were read.
    call.audit.person_tokens.push_back(base::ToHex(person.person_token));
  }
  if (!read.value().next_position.empty()) {
    answer.set_next_cursor(EncodeCursor(read.value().next_position));
  }
  call.audit.result_count = answer.persons_size();
  return JsonReply(answer);
}

/// The ?from=&to= period of a daily read (census::ReadDayRange).
census::Result<census::DayRange> CensusDayRange(const ApiCall& call) {
  return census::ReadDayRange(call.request.QueryParam("from").value_or(""),
                              call.request.QueryParam("to").value_or(""), call.now_ms);
}

v1::CensusSettings SettingsOf(const census::CensusSettings& settings) {
  v1::CensusSettings out;
  out.set_presence_window_days(settings.presence_window_days);
  out.set_updated_at_ms(settings.updated_at_ms);
  return out;
}

}  // namespace

std::string TargetCensusCampaign(ApiCall& call) {
  const std::string& id = call.params.at("id");
  call.audit.targets.push_back("census:" + id);
  return id;
}

void AuditCensusQuery(ApiCall& call, std::initializer_list<std::string_view> names) {
  std::string query;
  for (const std::string_view name : names) {
    const auto value = call.request.QueryParam(name);
    if (!value) continue;
    query += (query.empty() ? "" : "&") + std::string(name) + "=" + *value;
  }
  call.audit.query = query;
}

ApiReply CensusRefused(const boost::system::error_code& error) {
  // A campaign's only time in a request is its closing time.
  return ProblemReply(ProblemOf(error, error == admin::Errc::bad_time ? "closesAtMs" : ""));
}

std::optional<ApiReply> ReadSiteDailyFor(ApiCall& call, census::SiteDaily& daily) {
  call.audit.targets.push_back("site:" + call.params.at("id"));
  AuditCensusQuery(call, {"from", "to"});
  const auto site = PositiveId(call.params, "id");
  if (!site) return CensusRefused(admin::Errc::unknown_site);
  auto range = CensusDayRange(call);
  if (!range) return CensusRefused(range.error());
  auto read = census::ReadSiteDaily(call.connection, *site, range.value());
  if (!read) return CensusRefused(read.error());
  daily = std::move(read).value();
  return std::nullopt;
}

std::optional<ApiReply> ReadArrivalsFor(ApiCall& call, CensusArrivalsRead& read) {
  AuditCensusQuery(call, {"from", "to"});
  auto range = CensusDayRange(call);
  if (!range) return CensusRefused(range.error());
  auto arrivals = census::ReadArrivals(call.connection, range.value());
  if (!arrivals) return CensusRefused(arrivals.error());
  read.range = range.value();
  read.sites = std::move(arrivals).value();
  return std::nullopt;
}

ApiHandler ListCensusCampaignsHandler() {
  return [](ApiCall& call) {
    bool bad = false;
    const auto site = SiteFilter(call, bad);
    if (bad) {
      return ProblemReply(Problem(400, "bad_site", "site invalide", "invalid site", "siteId"));
    }
    AuditCensusQuery(call, {"siteId"});
    auto views = census::ListCampaignViews(call.connection, site, call.now_ms);
    if (!views) return CensusRefused(views.error());
    v1::CensusCampaignList list;
    for (const census::CampaignView& view : views.value()) *list.add_campaigns() = ViewOf(view);
    call.audit.result_count = list.campaigns_size();
    return JsonReply(list);
  };
}

ApiHandler CreateCensusCampaignHandler() {
  return [](ApiCall& call) {
    v1::CreateCensusCampaignRequest request;
    if (auto problem = ReadBody(call.request, request)) return ProblemReply(*problem);
    call.audit.targets.push_back("census:" + request.campaign_id());
    call.audit.targets.push_back("site:" + std::to_string(request.site_id()));
    std::optional<std::int64_t> opens;
    if (request.opens_at_ms() != 0) opens = request.opens_at_ms();
    auto version =
        Registry(call).AddCampaign(request.campaign_id(), request.site_id(), request.name_fr(),
                                   request.name_en(), opens, request.closes_at_ms());
    if (!version) return CensusRefused(version.error());
    return ChangeReply(call, request.campaign_id(), version.value(), 201);
  };
}

ApiHandler OpenCensusCampaignHandler() {
  return [](ApiCall& call) {
    const std::string campaign_id = TargetCensusCampaign(call);
    auto version = Registry(call).OpenCampaign(campaign_id);
    if (!version) return CensusRefused(version.error());
    return ChangeReply(call, campaign_id, version.value());
  };
}

ApiHandler CloseCensusCampaignHandler() {
  return [](ApiCall& call) {
    const std::string campaign_id = TargetCensusCampaign(call);
    auto version = Registry(call).CloseCampaign(campaign_id);
    if (!version) return CensusRefused(version.error());
    return ChangeReply(call, campaign_id, version.value());
  };
}

ApiHandler CensusResultsHandler() {
  return [](ApiCall& call) {
    const std::string campaign_id = TargetCensusCampaign(call);
    call.audit.query = "campaignId=" + campaign_id;
    // One read: the campaign's view is its results' (the same persons observed).
    auto results = census::ReadCampaignResults(call.connection, campaign_id);
    if (!results) return CensusRefused(results.error());
    const census::CampaignResults& r = results.value();
    v1::CensusResults answer;
    *answer.mutable_campaign() = ViewOf(census::ViewOfResults(r, call.now_ms));
    answer.set_age_reference_ms(r.age_reference_ms);
    answer.set_observed(r.observed);
    answer.set_unregistered(r.unregistered);
    answer.set_minors(r.minors);
    for (const census::BreakdownTable& table : r.tables) {
      v1::CensusTable* out = answer.add_tables();
      out->set_name(table.name);
      out->set_total(table.total);
      for (const census::TableRow& row : table.rows) {
        v1::CensusTableRow* line = out->add_rows();
        line->set_key(row.key);
        line->set_label_fr(row.label_fr);
        line->set_label_en(row.label_en);
        line->set_count(row.count);
      }
    }
    for (const census::PyramidRow& bar : r.pyramid) {
      v1::CensusPyramidRow* out = answer.add_pyramid();
      const census::Words words = census::WordsOf(bar.band);
      out->set_age_band(std::string(words.key));
      out->set_label_fr(std::string(words.fr));
      out->set_label_en(std::string(words.en));
      out->set_female(bar.female);
      out->set_male(bar.male);
      out->set_unspecified(bar.unspecified);
    }
    answer.mutable_card_coverage()->set_adults(r.adults);
    answer.mutable_card_coverage()->set_with_card(r.adults_with_card);
    answer.mutable_card_coverage()->set_without_card(r.card_candidates);
    call.audit.result_count = r.observed;
    return JsonReply(answer);
  };
}

ApiHandler CensusMinorsHandler() {
  return [](ApiCall& call) { return ListReply(call, census::CampaignList::kMinors); };
}

ApiHandler CensusCardCandidatesHandler() {
  return [](ApiCall& call) { return ListReply(call, census::CampaignList::kCardCandidates); };
}

ApiHandler CensusPopulationsHandler() {
  return [](ApiCall& call) {
    call.audit.query = "atMs=" + std::to_string(call.now_ms);
    auto now = census::ReadPopulationsNow(call.connection, call.now_ms);
    if (!now) return CensusRefused(now.error());
    v1::CensusPopulations answer;
    answer.set_at_ms(now.value().at_ms);
    answer.set_presence_window_days(now.value().window_days);
    answer.set_total(now.value().total);
    for (const census::SitePopulation& site : now.value().sites) {
      v1::CensusSitePopulation* out = answer.add_sites();
      out->set_site_id(static_cast<std::uint32_t>(site.site_id));
      out->set_site_name(site.site_name);
      out->set_present(site.present);
      out->set_female(site.female);
      out->set_male(site.male);
      out->set_unspecified(site.unspecified);
      out->set_minors(site.minors);
    }
    call.audit.result_count = answer.sites_size();
    return JsonReply(answer);
  };
}

ApiHandler CensusSiteDailyHandler() {
  return [](ApiCall& call) {
    census::SiteDaily daily;
    if (auto refused = ReadSiteDailyFor(call, daily)) return *refused;
    v1::CensusSiteDaily answer;
    answer.set_site_id(static_cast<std::uint32_t>(daily.site_id));
    answer.set_site_name(daily.site_name);
    answer.set_presence_window_days(daily.window_days);
    answer.set_from(base::DayText(daily.range.first_day));
    answer.set_to(base::DayText(daily.range.last_day));
    for (const census::DayFigures& day : daily.days) {
      v1::CensusDay* out = answer.add_days();
      out->set_day(base::DayText(day.day));
      out->set_present(day.present);
      out->set_arrivals(day.arrivals);
    }
    call.audit.result_count = answer.days_size();
    return JsonReply(answer);
  };
}

ApiHandler CensusArrivalsHandler() {
  return [](ApiCall& call) {
    CensusArrivalsRead arrivals;
    if (auto refused = ReadArrivalsFor(call, arrivals)) return *refused;
    v1::CensusArrivals answer;
    answer.set_from(base::DayText(arrivals.range.first_day));
    answer.set_to(base::DayText(arrivals.range.last_day));
    for (std::int64_t day = arrivals.range.first_day; day <= arrivals.range.last_day; ++day) {
      answer.add_days(base::DayText(day));
    }
    for (const census::SiteArrivals& site : arrivals.sites) {
      v1::CensusArrivalSeries* out = answer.add_sites();
      out->set_site_id(static_cast<std::uint32_t>(site.site_id));
      out->set_site_name(site.site_name);
      for (const std::int64_t count : site.per_day) out->add_per_day(count);
      out->set_total(site.total);
    }
    call.audit.result_count = answer.sites_size();
    return JsonReply(answer);
  };
}

ApiHandler CensusSettingsHandler() {
  return [](ApiCall& call) {
    auto settings = census::ReadCensusSettings(call.connection);
    if (!settings) return CensusRefused(settings.error());
    call.audit.result_count = 1;
    return JsonReply(SettingsOf(settings.value()));
  };
}

ApiHandler SetCensusSettingsHandler() {
  return [](ApiCall& call) {
    v1::CensusSettings request;
    if (auto problem = ReadBody(call.request, request)) return ProblemReply(*problem);
    call.audit.targets.push_back("census_settings");
    auto set =
        census::SetPresenceWindow(call.connection, request.presence_window_days(), call.now_ms);
    if (!set) return CensusRefused(set.error());
    return JsonReply(SettingsOf(set.value()));
  };
}

}  // namespace minegate::server::api
