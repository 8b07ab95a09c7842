#pragma once
/// Border police: the person search and a person's history across every site and gate
/// (server/police), for `border_police` only. Both are person-level reads that the gateway runs
/// only with a reason and a case reference (Justification::kReasonAndCaseReference); the audit
/// entry names the search terms (`query`, JSON), the number of persons answered and their
/// person tokens — or the token of the history read. Never protection data: the answers are
/// police.proto's messages, which have no field for it (docs/api.md, "Border police").
/// Handlers for the gateway, on plain structs.

#include "server/api/api_call.hpp"

namespace minegate::server::api {

ApiHandler PoliceSearchHandler();    ///< GET /v1/police/persons → PolicePersonSearch
ApiHandler PoliceTimelineHandler();  ///< GET /v1/police/persons/{id}/timeline → PoliceTimeline

}  // namespace minegate::server::api
