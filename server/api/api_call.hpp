#pragma once
/// What an officials' API handler is given and returns, on plain structs. The gateway
/// (server/gateway) has already authenticated the caller, checked the route table and the CSRF
/// token, and runs the handler on a worker thread with that worker's database connection; it
/// audits the call with the entry the handler completes.

#include <google/protobuf/message.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/result.hpp"
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

/// A body produced in pieces after the answer's headers are sent (the CSV exports, of any
/// size): the gateway asks for one piece at a time on a database worker, never two at once,
/// and the next only once the previous one is written to the client (net::BodyProducer).
class ApiStream {
 public:
  virtual ~ApiStream() = default;
  /// Appends the next piece (a few hundred KiB at most) to `out`, reading with `connection`:
  /// a worker's own, maybe another worker's than last time, with no transaction held between
  /// calls. True while more remains; false when this piece is the last. An error ends it.
  virtual base::Result<bool> Next(db::Connection& connection, std::string& out) = 0;
  /// What the pieces produced so far hold (rows for a CSV export): the audit's result_count.
  virtual std::int64_t units() const = 0;
  /// Appends to the export's audit entry the persons of the first `units` units sent (a
  /// person-level export: police search results, the census lists), at most `room` of them
  /// (what the entry can still hold). Nothing by default.
  virtual void NamePersons(std::int64_t /*units*/, std::size_t /*room*/,
                           std::vector<std::string>& /*person_tokens*/) const {}
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
  /// For a read (Audit::kRead): the body is this stream's pieces, `body` left empty. The
  /// gateway produces the first piece before answering (a failure there is an ordinary
  /// problem answer) and writes the audit entry when the stream ends, with units() sent: see
  /// docs/audit.md §6.
  std::shared_ptr<ApiStream> stream;

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
