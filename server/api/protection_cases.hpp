#pragma once
/// Protection officers: the queue of flagged cases, the case page, and what an officer does
/// to a case (open, assign, dismiss, close, reopen, refer to a care service). Flags are silent
/// (SYSTEM.md must-hold 4): the route table admits protection officers only. A case page opens
/// with a reason (the gateway takes it); its audit entry names the case (`case:<id>`), never
/// her person token.
/// Handlers for the gateway, on plain structs.

#include "server/api/api_call.hpp"

namespace minegate::server::api {

ApiHandler ProtectionQueueHandler();  ///< GET /v1/protection/queue → ProtectionQueue
ApiHandler CaseFileHandler();         ///< GET /v1/protection/cases/{id} → CaseFile
ApiHandler OpenCaseHandler();         ///< POST /v1/protection/cases/{id}/open
ApiHandler AssignCaseHandler();       ///< POST /v1/protection/cases/{id}/assign
ApiHandler DismissCaseHandler();      ///< POST /v1/protection/cases/{id}/dismiss
ApiHandler CloseCaseHandler();        ///< POST /v1/protection/cases/{id}/close
ApiHandler ReopenCaseHandler();       ///< POST /v1/protection/cases/{id}/reopen
ApiHandler ReferCaseHandler();        ///< POST /v1/protection/cases/{id}/referrals → Referral

}  // namespace minegate::server::api
