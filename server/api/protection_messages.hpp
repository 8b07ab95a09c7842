#pragma once
/// The protection stores' records (server/protection) as the API's messages (api.proto): one
/// wording of a case, a referral, a care service and a person for the queue, the case page and
/// the referral summary. Their audit entries name `case:<id>` (and the referral, notice or
/// service), never her person token: the flag stays silent in the audit log too (an auditor who
/// could link a token to another role's reads would learn who has a protection case).

#include <cstdint>
#include <string>

#include "minegate/v1/api.pb.h"
#include "server/api/api_call.hpp"
#include "server/protection/care_service_store.hpp"
#include "server/protection/case_file_reader.hpp"
#include "server/protection/case_store.hpp"
#include "server/protection/referral_store.hpp"

namespace minegate::server::api {

/// "P-0042": the pseudonym of a case, made from its number (ProtectionCase.label says why).
std::string CaseLabel(std::int64_t case_id);
/// Her age band today ("under_15" ... "36_plus"), from the youngest age her birth allows;
/// "unknown" without a declared year.
std::string AgeBand(const v1::CalendarDate& birth, std::int64_t now_ms);

v1::ProtectionCase ProtectionCaseOf(const protection::CaseSummary& summary);
v1::Referral ReferralOf(const protection::Referral& referral);
v1::CareService CareServiceOf(const protection::CareService& service);
/// What care needs of her registration (CasePerson), her age counted at `now_ms`.
v1::CasePerson CasePersonOf(const protection::PersonOnFile& person, std::int64_t now_ms);
v1::CaseSiteSeen CaseSiteSeenOf(const protection::SiteSeen& seen);

/// The signed-in officer's user id (the gateway admits no one else on these routes).
std::string OfficerId(const ApiCall& call);
/// A clock that answers the call's time: every store of one call dates alike.
base::Clock CallClock(const ApiCall& call);

/// A list position carried in a cursor (the queue's and the notices' pages are offsets into
/// an order that changes with time: see docs/api.md §10); nullopt for one we did not make.
std::optional<std::size_t> OffsetOf(const std::string& position);

}  // namespace minegate::server::api
