#pragma once
/// Border police: the person search and a person's history across every site and gate
/// (server/police), for `border_police` only. Both are person-level reads that the gateway runs
/// only with a reason and a case reference (Justification::kReasonAndCaseReference); the audit
/// entry names the search terms (`query`, JSON), the number of persons answered and their
/// person tokens — or the token of the history read. Never protection data: the answers are
/// police.proto's messages, which have no field for it (docs/api.md, "Border police").
/// Handlers for the gateway, on plain structs.

#include <optional>
#include <string>
#include <string_view>

#include "server/api/api_call.hpp"
#include "server/police/person_search.hpp"

namespace minegate::server::api {

ApiHandler PoliceSearchHandler();    ///< GET /v1/police/persons → PolicePersonSearch
ApiHandler PoliceTimelineHandler();  ///< GET /v1/police/persons/{id}/timeline → PoliceTimeline

/// The search of GET /v1/police/persons from the request's terms (exactly one criterion, and
/// the dates of a nationality or site search), the terms as sent in the audit entry's query
/// (written first: a refusal says what was typed). The problem to answer, if any. Shared by
/// the JSON search and its CSV export.
std::optional<ApiProblem> ReadPoliceSearch(ApiCall& call, police::SearchQuery& query);

/// The person token of a `{id}` history route, named in the audit entry with its query (found
/// or not: an auditor sees whose record was sought). The problem to answer, if any.
std::optional<ApiProblem> ReadTimelinePerson(ApiCall& call, std::string& token);

}  // namespace minegate::server::api
