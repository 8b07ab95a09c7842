#pragma once
/// The audit log as auditors read it: entries with filters, the chain's verification with its
/// head, a CSV export of a filtered view; and the head alone, which administrators may also
/// read for the record. Every one of these reads is itself audited (by the gateway).

#include "server/api/api_call.hpp"

namespace minegate::server::api {

ApiHandler AuditHeadHandler();     ///< GET /v1/audit/head → AuditHead
ApiHandler AuditEntriesHandler();  ///< GET /v1/audit/entries → AuditEntryList
ApiHandler
AuditVerificationHandler();  ///< GET /v1/audit/verification[?expect=] → AuditVerification
/// GET /v1/audit/export.csv → text/csv, streamed (csv_export.hpp): any number of rows, memory
/// about one piece.
ApiHandler AuditExportHandler();

}  // namespace minegate::server::api
