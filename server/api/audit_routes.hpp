#pragma once
/// The audit log as auditors read it: entries with filters, the chain's verification with its
/// head, a CSV export of a filtered view; and the head alone, which administrators may also
/// read for the record. Every one of these reads is itself audited (by the gateway).

#include "server/api/api_call.hpp"

namespace minegate::server::api {

ApiHandler AuditHeadHandler();     ///< GET /v1/audit/head → AuditHead
ApiHandler AuditEntriesHandler();  ///< GET /v1/audit/entries → AuditEntryList
ApiHandler
AuditVerificationHandler();       ///< GET /v1/audit/verification[?expect=] → AuditVerification
ApiHandler AuditExportHandler();  ///< GET /v1/audit/export.csv → text/csv

/// Rows an export may hold; a larger view is refused (narrow the filters) rather than built
/// in memory without bound.
inline constexpr std::int64_t kMaxAuditExportRows = 100'000;

}  // namespace minegate::server::api
