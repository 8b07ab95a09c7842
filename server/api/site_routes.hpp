#pragma once
/// Administrators manage sites and their gates: the same server/admin code as
/// `minegatectl site add` and `gate add`. Handlers for the gateway, on plain structs.

#include "server/api/api_call.hpp"

namespace minegate::server::api {

ApiHandler ListSitesHandler();   ///< GET /v1/sites → SiteList (each with its gates)
ApiHandler CreateSiteHandler();  ///< POST /v1/sites → 201 Site
ApiHandler CreateGateHandler();  ///< POST /v1/sites/{id}/gates → 201 Gate
/// PUT /v1/sites/{id}/location → Site: where the site is, for the suspected-clone check.
ApiHandler SetSiteLocationHandler();

}  // namespace minegate::server::api
