#pragma once
/// The reason (and case reference) an official states before a person-level read: read from the
/// request headers the route table asks for, checked, and written to the call's audit entry. A
/// person's record is never opened "just to look": the auditors see why it was.

#include <optional>

#include "server/api/problem.hpp"
#include "server/api/route_table.hpp"
#include "server/audit/audit_entry.hpp"
#include "server/net/http_types.hpp"

namespace minegate::server::gateway {

/// Header names (HTTP header names are case-insensitive; Beast's lookup is too).
inline constexpr std::string_view kReasonHeader = "minegate-reason";
inline constexpr std::string_view kCaseReferenceHeader = "minegate-case-reference";
/// A reason is a sentence, not an essay; a case reference is a file number.
inline constexpr std::size_t kMinReasonChars = 3;
inline constexpr std::size_t kMaxReasonChars = 500;
inline constexpr std::size_t kMaxCaseReferenceChars = 64;

/// Copies what `rule` requires from `request` into `entry` (reason, case_reference), or the
/// problem to answer: 400 reason_required / case_reference_required when missing, 400
/// bad_reason / bad_case_reference when not percent-encoded UTF-8 text within the bounds.
/// A case reference sent to a route that only asks for a reason is kept too.
std::optional<api::ApiProblem> TakeJustification(const api::RouteRule& rule,
                                                 const net::HttpRequest& request,
                                                 audit::AuditEntry& entry);

}  // namespace minegate::server::gateway
