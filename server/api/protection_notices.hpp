#pragma once
/// Protection officers: search notices ("avis de recherche": a missing person, or a person a
/// service asks to watch for). Creating one matches it against the registry at once
/// (server/protection) and answers how many persons it matched — never who: their cases are in
/// the queue, where the officer opens them with a reason. Nothing of a notice ever reaches a
/// kiosk; the kiosks' site alerts are another thing. Handlers for the gateway, on plain structs.

#include "server/api/api_call.hpp"

namespace minegate::server::api {

ApiHandler ListSearchNoticesHandler();   ///< GET /v1/protection/notices → SearchNoticeList
ApiHandler CreateSearchNoticeHandler();  ///< POST /v1/protection/notices → CreatedSearchNotice
ApiHandler CloseSearchNoticeHandler();   ///< POST /v1/protection/notices/{id}/close

}  // namespace minegate::server::api
