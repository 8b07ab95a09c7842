#pragma once
/// Protection officers: a referral's acknowledgement and outcome, the data of its one-page
/// printable summary (for a service without access to the system: opened with a reason,
/// audited with the referral and its case, never her person token), and the directory of care
/// services they keep. Handlers for the gateway, on plain structs; the route table admits
/// protection officers only.

#include "server/api/api_call.hpp"

namespace minegate::server::api {

ApiHandler AcknowledgeReferralHandler();  ///< POST /v1/protection/referrals/{id}/acknowledgement
ApiHandler ReferralOutcomeHandler();      ///< POST /v1/protection/referrals/{id}/outcome
ApiHandler ReferralSummaryHandler();      ///< GET /v1/protection/referrals/{id}/summary
ApiHandler ListCareServicesHandler();     ///< GET /v1/protection/services → CareServiceList
ApiHandler CreateCareServiceHandler();    ///< POST /v1/protection/services → CareService
ApiHandler UpdateCareServiceHandler();    ///< PUT /v1/protection/services/{id} → CareService

}  // namespace minegate::server::api
