#pragma once
/// EMAPE officials' census (issue 13, item 3): campaigns (list, create, open, close — the
/// site's kiosks receive every change through the 'census_campaigns' list), site populations
/// now and per day, arrivals per day per site, a campaign's results (tables with totals, the
/// age-sex pyramid, miner's card coverage), its minors and its card issuance list, and the
/// presence window. EMAPE officials only (the route table). Counts and census data, never
/// protection data. Aggregates are audited reads with their query; the two lists name the person
/// tokens of the page they answer. Handlers for the gateway, on plain structs (server/census).

#include <initializer_list>
#include <optional>
#include <string_view>
#include <vector>

#include "server/api/api_call.hpp"
#include "server/census/site_populations.hpp"

namespace minegate::server::api {

ApiHandler ListCensusCampaignsHandler();   ///< GET /v1/census/campaigns → CensusCampaignList
ApiHandler CreateCensusCampaignHandler();  ///< POST /v1/census/campaigns → CensusCampaignChange
ApiHandler OpenCensusCampaignHandler();    ///< POST /v1/census/campaigns/{id}/open
ApiHandler CloseCensusCampaignHandler();   ///< POST /v1/census/campaigns/{id}/close
ApiHandler CensusResultsHandler();         ///< GET /v1/census/campaigns/{id}/results
ApiHandler CensusMinorsHandler();          ///< GET /v1/census/campaigns/{id}/minors
ApiHandler CensusCardCandidatesHandler();  ///< GET /v1/census/campaigns/{id}/card-candidates
ApiHandler CensusPopulationsHandler();     ///< GET /v1/census/populations → CensusPopulations
ApiHandler CensusSiteDailyHandler();       ///< GET /v1/census/sites/{id}/daily → CensusSiteDaily
ApiHandler CensusArrivalsHandler();        ///< GET /v1/census/arrivals → CensusArrivals
ApiHandler CensusSettingsHandler();        ///< GET /v1/census/settings → CensusSettings
ApiHandler SetCensusSettingsHandler();     ///< PUT /v1/census/settings → CensusSettings

/// A census route's error as its problem reply (ProblemOf; a bad time is the campaign's
/// closing time, `closesAtMs`).
ApiReply CensusRefused(const boost::system::error_code& error);

/// The query text a census read (JSON or CSV) is audited with: "name=value&...", the
/// parameters `names` as sent.
void AuditCensusQuery(ApiCall& call, std::initializer_list<std::string_view> names);

/// The `{id}` of a campaign route, named in the audit entry as minegatectl names it.
std::string TargetCensusCampaign(ApiCall& call);

/// GET /v1/census/sites/{id}/daily and its CSV up to their answer: the site and the period in
/// the audit entry, the ?from=&to= period (census::ReadDayRange), the site's days. The refusal
/// to answer instead, if any.
std::optional<ApiReply> ReadSiteDailyFor(ApiCall& call, census::SiteDaily& daily);

/// The period and every site's arrivals of GET /v1/census/arrivals and its CSV.
struct CensusArrivalsRead {
  census::DayRange range;
  std::vector<census::SiteArrivals> sites;
};

/// GET /v1/census/arrivals and its CSV up to their answer: the period in the audit entry, the
/// period, the arrivals. The refusal to answer instead, if any.
std::optional<ApiReply> ReadArrivalsFor(ApiCall& call, CensusArrivalsRead& read);

}  // namespace minegate::server::api
