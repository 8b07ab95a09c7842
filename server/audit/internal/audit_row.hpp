#pragma once
/// How an audit_log row becomes an AuditRecord, for every read of the log (Verify, Find).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "db/statement.hpp"
#include "server/audit/audit_log.hpp"

namespace minegate::server::audit::internal {

/// The columns every read selects, in the order ReadAuditRow reads them.
inline constexpr std::string_view kAuditColumns =
    "seq, format_version, at_ms, actor_kind, actor_id, actor_role, client_address, user_agent, "
    "action, targets, person_tokens, query, result_count, outcome, http_status, reason, "
    "case_reference, hash";

/// The row the statement stands on, read from column 0 as kAuditColumns lists them.
/// Errc::unsupported_format for a format_version other than kCanonicalFormat; Errc::bad_entry
/// for an unknown actor kind, an HTTP status out of range or a hash that is not 32 bytes.
Result<AuditRecord> ReadAuditRow(const db::Statement& row);

/// Lists are stored one item per line (items never hold a line break: NormaliseEntry).
std::string JoinLines(const std::vector<std::string>& items);
std::vector<std::string> SplitLines(std::string_view text);

}  // namespace minegate::server::audit::internal
