#pragma once
/// What an officials' API handler is given and returns, on plain structs. The gateway
/// (server/gateway) has already authenticated the caller, checked the route table and the CSRF
/// token, and runs the handler on a worker thread with that worker's database connection; it
/// audits the call with the entry the handler completes.

#include <google/protobuf/message.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "db/connection.hpp"
#include "minegate/v1/api.pb.h"
#include "server/api/problem.hpp"
#include "server/audit/audit_entry.hpp"
#include "server/auth/principal.hpp"
#include "server/net/http_types.hpp"

namespace minegate::server::api {

struct ApiCall {
  const net::HttpRequest& request;
  const net::PathParams& params;
  /// The signed-in caller; nullptr on a public route (sign-in).
  const auth::Principal* principal;
  /// The worker's own connection. On a route that changes data the gateway has opened an
  /// immediate transaction around the handler: the change and its audit entry commit together
  /// (store methods that open their own transaction nest in it).
  db::Connection& connection;
  /// Actor, origin, action and time are filled in; the handler adds what it acted on
  /// (targets, person tokens, query, result_count). The outcome is the gateway's.
  audit::AuditEntry& audit;
  std::int64_t now_ms;
  /// A public route that must be audited anyway (a sign-in) sets this.
  bool audit_public_call = false;
};

struct ApiReply {
  int status = 200;
  std::string content_type;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  /// Set for an error: the body is its problem details, and the audit outcome names it.
  std::optional<ApiProblem> problem;
  /// For a route that changes data: commit the transaction even though `problem` is set (a
  /// refusal that must stick, such as a failed sign-in's counter). Rare.
  bool commit_despite_problem = false;
  /// For a route that changes data: run once the change and its audit entry are committed, on
  /// the worker, before the answer leaves — work the change makes due elsewhere (a rule-set
  /// upload schedules the re-evaluation on the writer thread, which must see the new version).
  /// Never run for a change rolled back. It must not block.
  std::function<void()> after_commit;

  bool ok() const { return !problem.has_value(); }
};

/// A JSON answer (protobuf's JSON printer).
ApiReply JsonReply(const google::protobuf::Message& message, int status = 200);
/// A problem answer, application/problem+json.
ApiReply ProblemReply(ApiProblem problem);
/// 204, no body.
ApiReply NoContent();

using ApiHandler = std::function<ApiReply(ApiCall& call)>;

}  // namespace minegate::server::api
