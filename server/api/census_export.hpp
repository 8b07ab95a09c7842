#pragma once
/// EMAPE officials' census tables as CSV (issue 13, item 5), streamed through CsvReply
/// (server/api/README.md): a campaign's breakdown tables (one route, `?table=`), its minors and
/// its card issuance list, site populations now, one site per day, arrivals per day per site.
/// The same figures as the JSON routes of census_routes.hpp, row for row, with French headers
/// and labels by default and English with `?lang=en`, `,` or `;` (`?sep=semicolon`). The two
/// lists are keyset-paged on the worker (the JSON routes' cursor) and name the persons they
/// export in the audit entry; the aggregates are read once (bounded by categories, sites and
/// days, never by persons) and given a page at a time. EMAPE officials only (the route table).

#include "server/api/api_call.hpp"

namespace minegate::server::api {

/// GET /v1/census/campaigns/{id}/results.csv?table=sex|age_band|nationality|occupation|
/// installation_month|miner_card|age_sex → one breakdown of GET .../results.
ApiHandler CensusTableExportHandler();
ApiHandler CensusMinorsExportHandler();          ///< GET /v1/census/campaigns/{id}/minors.csv
ApiHandler CensusCardCandidatesExportHandler();  ///< GET .../{id}/card-candidates.csv
ApiHandler CensusPopulationsExportHandler();     ///< GET /v1/census/populations.csv
ApiHandler CensusSiteDailyExportHandler();       ///< GET /v1/census/sites/{id}/daily.csv
ApiHandler CensusArrivalsExportHandler();        ///< GET /v1/census/arrivals.csv

}  // namespace minegate::server::api
