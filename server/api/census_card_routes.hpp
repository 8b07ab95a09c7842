#pragma once
/// EMAPE officials revoke a lost gold miner's card (issue 13, item 4): POST
/// /v1/census/cards/{number}/revoke with a reason, through the same store method as
/// `minegatectl card revoke` (server/admin/miner_card_series.hpp). The card's UID joins the
/// revoked list every kiosk receives. Audited as a change naming card:<number> and the holder's
/// token.

#include "server/api/api_call.hpp"

namespace minegate::server::api {

ApiHandler RevokeMinerCardHandler();  ///< POST /v1/census/cards/{number}/revoke

}  // namespace minegate::server::api
