#pragma once
/// The one door of the officials' API and pages. For each request on a route of the route
/// table (server/api/route_table) it, in this order and before any handler runs:
///   1. hands the request to a database worker (never the I/O thread: sessions are looked up,
///      passwords hashed, data read there), or answers 503 when the workers' queue is full;
///   2. authenticates the caller by the `__Host-minegate` cookie or an `Authorization: Bearer`
///      token (401 problem, or a redirect to the sign-in page for a page);
///   3. checks the route's roles (403 problem, or the shell with 403 for a page — audited);
///   4. lets a user who must change their password reach only the routes allowed for that;
///   5. checks the CSRF token of a state-changing request made with the session cookie;
///   6. runs the handler — inside an immediate transaction for a change, with its audit entry
///      appended in that same transaction — and, for a read, sends the data only once the
///      audit writer has committed its entry (no audit, no data).
/// Every answer carries the web application's security headers.

#include <cstdint>
#include <memory>
#include <string_view>

#include "base/clock.hpp"
#include "db/worker_pool.hpp"
#include "server/api/api_call.hpp"
#include "server/api/route_table.hpp"
#include "server/audit/audit_writer.hpp"
#include "server/auth/options.hpp"
#include "server/net/router.hpp"
#include "server/web/static_site.hpp"

namespace minegate::server::gateway {

struct GatewayOptions {
  auth::SessionOptions sessions;
  auth::ThrottleOptions throttle;
  auth::ApiTokenOptions tokens;
  base::Clock clock = base::NowMs;
  /// Audited reads wait for their entry's commit. Off only in the benchmark that measures what
  /// auditing costs (on administrators' routes); the server always audits, and a route that a
  /// role reading person records may call is audited whatever this says.
  bool audit_reads = true;
};

/// What the handlers share: the workers, the audit writer, the site, the options.
struct GatewayContext;

class OfficialsGateway {
 public:
  /// `workers`, `audit_writer` and `site` must outlive every request the handlers serve.
  OfficialsGateway(db::WorkerPool& workers, audit::AuditWriter& audit_writer,
                   const web::StaticSite& site, GatewayOptions options);

  /// The router handler for the official or public API route (method, pattern), running
  /// `handler` behind the checks above. Throws std::invalid_argument (start-up) when the
  /// route is not in the route table, or is a device route (kiosks have their own checks).
  net::Router::Handler Api(std::string_view method, std::string_view pattern,
                           api::ApiHandler handler) const;
  /// The router handler of a page route of the table: the shell, after the page's role check.
  net::Router::Handler Page(std::string_view pattern) const;

  const GatewayOptions& options() const { return options_; }

 private:
  std::shared_ptr<const GatewayContext> context_;
  GatewayOptions options_;
};

/// Throws std::runtime_error (start-up) naming the first route the router serves that the
/// table does not declare, or the first route of the table that the router does not serve.
void CheckRoutesMatchTable(const net::Router& router);

}  // namespace minegate::server::gateway
