#include "server/gateway/officials_gateway.hpp"

#include <stdexcept>
#include <string>
#include <utility>

#include "base/log.hpp"
#include "db/transaction.hpp"
#include "server/admin/role.hpp"
#include "server/audit/audit_log.hpp"
#include "server/auth/api_token_service.hpp"
#include "server/auth/csrf.hpp"
#include "server/auth/error.hpp"
#include "server/auth/session_service.hpp"
#include "server/gateway/justification.hpp"
#include "server/gateway/streamed_answer.hpp"
#include "server/web/security_headers.hpp"

namespace minegate::server::gateway {

struct GatewayContext {
  db::WorkerPool& workers;
  audit::AuditWriter& audit_writer;
  const web::StaticSite& site;
  GatewayOptions options;
};

namespace {

using api::ApiReply;

/// A request waiting for a worker: it owns the request, the parameters and the way to answer.
struct Work {
  net::HttpRequest request;
  net::PathParams params;
  net::Responder respond;
};

/// `producer`: a streamed reply's (ApiReply::stream), whose pieces follow `reply.body`.
net::HttpResponse ToHttp(ApiReply reply, const net::HttpRequest& request, std::int64_t now_ms,
                         std::shared_ptr<net::BodyProducer> producer = nullptr) {
  net::HttpResponse response;
  response.producer = std::move(producer);
  response.status = reply.status;
  response.content_type =
      reply.content_type.empty() ? std::string("text/plain; charset=utf-8") : reply.content_type;
  response.body = std::move(reply.body);
  response.headers = std::move(reply.headers);
  if (reply.problem && reply.problem->retry_after_ms > now_ms) {
    // Whole seconds, rounded up.
    const std::int64_t seconds = (reply.problem->retry_after_ms - now_ms + 999) / 1000;
    response.headers.emplace_back("Retry-After", std::to_string(seconds));
  }
  web::AddSecurityHeaders(response, request.tls);
  return response;
}

/// The caller of an official route, by bearer token if one is sent, else by session cookie.
auth::Result<auth::Principal> Authenticate(const GatewayContext& context,
                                           db::Connection& connection,
                                           const net::HttpRequest& request) {
  if (const std::string* authorization = request.Header("authorization")) {
    return auth::ApiTokenService(connection, context.options.tokens, context.options.clock)
        .Authenticate(*authorization);
  }
  const std::string* cookie = request.Header("cookie");
  return auth::SessionService(connection, context.options.sessions, context.options.throttle,
                              context.options.clock)
      .Authenticate(cookie != nullptr ? *cookie : std::string_view());
}

std::string ActionOf(const api::RouteRule& rule) {
  return std::string(rule.method) + " " + std::string(rule.pattern);
}

audit::AuditEntry BaseEntry(const api::RouteRule& rule, const net::HttpRequest& request,
                            std::int64_t now_ms) {
  audit::AuditEntry entry;
  entry.at_ms = now_ms;
  entry.actor_kind = audit::ActorKind::kAnonymous;
  entry.client_address = request.remote_address;
  if (const std::string* agent = request.Header("user-agent")) entry.user_agent = *agent;
  entry.action = ActionOf(rule);
  // A HEAD answered by a GET route (the router's) is named as what it was: headers only.
  if (request.method == "HEAD" && rule.method == "GET") entry.action.replace(0, 3, "HEAD");
  return entry;
}

void NameActor(audit::AuditEntry& entry, const auth::Principal& principal) {
  entry.actor_kind =
      principal.via == auth::Via::kApiToken ? audit::ActorKind::kApiToken : audit::ActorKind::kUser;
  entry.actor_id = principal.user_id;
  entry.actor_role = std::string(admin::RoleName(principal.role));
  if (principal.via == auth::Via::kApiToken) entry.targets.push_back("token:" + principal.token_id);
}

/// A route that a role reading person records may call. The benchmark's switch that stops
/// auditing reads never reaches one of them: a person-level read is audited, always.
bool ReadsPersons(const api::RouteRule& rule) {
  return rule.roles.Contains(admin::Role::kProtectionOfficer) ||
         rule.roles.Contains(admin::Role::kBorderPolice) ||
         rule.roles.Contains(admin::Role::kEmapeOfficial) ||
         rule.justification != api::Justification::kNone;
}

void SetOutcome(audit::AuditEntry& entry, const ApiReply& reply) {
  entry.http_status = reply.status;
  if (!reply.problem) {
    entry.outcome = "ok";
    return;
  }
  entry.outcome = std::string(reply.status >= 500 ? "error:" : "refused:") + reply.problem->type;
}

/// Sends `reply` once `entry` is durable in the audit log; a failed append sends a 503
/// instead: what cannot be audited is not answered.
void AuditThenAnswer(const GatewayContext& context, audit::AuditEntry entry, ApiReply reply,
                     std::shared_ptr<Work> work,
                     std::shared_ptr<net::BodyProducer> producer = nullptr) {
  SetOutcome(entry, reply);
  const std::int64_t now_ms = entry.at_ms;
  context.audit_writer.Append(
      std::move(entry), [reply = std::move(reply), work, now_ms,
                         producer = std::move(producer)](auth::Result<std::int64_t> seq) {
        if (!seq) {
          base::LogError("audit_append_failed", {{"error", seq.error()}});
          return work->respond(ToHttp(api::ProblemReply(api::Busy()), work->request, now_ms));
        }
        work->respond(ToHttp(reply, work->request, now_ms, producer));
      });
}

/// A read answered with a stream (a CSV export). Its first piece is produced here, on this
/// worker, before anything is sent: a failure there is still an ordinary, audited problem
/// answer. Then the headers and that piece leave at once, and the entry is written when the
/// stream ends (StreamedAnswer). A HEAD reads nothing: its entry, 0 rows, before the headers.
void StartStream(const GatewayContext& context, audit::AuditEntry entry, ApiReply reply,
                 const std::shared_ptr<Work>& work, db::Connection& connection) {
  std::shared_ptr<api::ApiStream> stream = std::move(reply.stream);
  const net::HttpRequest& request = work->request;
  if (request.method == "HEAD") {
    entry.result_count = 0;
    auto producer = std::make_shared<StreamedAnswer>(context.workers, context.audit_writer, entry,
                                                     stream, true, false);
    return AuditThenAnswer(context, std::move(entry), std::move(reply), work, std::move(producer));
  }
  std::string first;
  auto more = stream->Next(connection, first);
  if (!more) {
    base::LogError("export_piece_failed",
                   {{"action", base::LogText(entry.action)}, {"error", more.error()}});
    entry.result_count = -1;
    return AuditThenAnswer(context, std::move(entry),
                           api::ProblemReply(api::ProblemOf(more.error())), work);
  }
  const std::int64_t now_ms = entry.at_ms;
  auto producer =
      std::make_shared<StreamedAnswer>(context.workers, context.audit_writer, std::move(entry),
                                       stream, more.value(), !first.empty());
  reply.body = std::move(first);
  work->respond(ToHttp(std::move(reply), request, now_ms, std::move(producer)));
}

/// Runs `handler` inside an immediate transaction with its audit entry; a refusal rolls the
/// change back and is audited apart.
void RunChange(const GatewayContext& context, const api::ApiHandler& handler, api::ApiCall& call,
               const std::shared_ptr<Work>& work) {
  auto transaction = db::Transaction::Begin(call.connection, db::Transaction::Mode::kImmediate);
  if (!transaction) {
    return work->respond(ToHttp(api::ProblemReply(api::Busy()), work->request, call.now_ms));
  }
  ApiReply reply = handler(call);
  if (!reply.ok() && !reply.commit_despite_problem) {
    (void)transaction.value().Rollback();
    return AuditThenAnswer(context, std::move(call.audit), std::move(reply), work);
  }
  SetOutcome(call.audit, reply);
  const auto appended = audit::AuditLog(context.options.clock).Append(call.connection, call.audit);
  const auto committed =
      appended ? transaction.value().Commit() : auth::Result<void>(appended.error());
  if (!committed) {
    // No change without its audit entry: the transaction rolls back with the destructor.
    base::LogError("audited_change_failed", {{"error", committed.error()}});
    return work->respond(ToHttp(api::ProblemReply(api::Busy()), work->request, call.now_ms));
  }
  if (reply.after_commit) reply.after_commit();
  work->respond(ToHttp(std::move(reply), work->request, call.now_ms));
}

void Serve(const GatewayContext& context, const api::RouteRule& rule,
           const api::ApiHandler& handler, const std::shared_ptr<Work>& work,
           db::Connection& connection) {
  const net::HttpRequest& request = work->request;
  const std::int64_t now_ms = context.options.clock();
  audit::AuditEntry entry = BaseEntry(rule, request, now_ms);
  std::optional<auth::Principal> principal;
  if (rule.caller == api::Caller::kOfficial) {
    auto authenticated = Authenticate(context, connection, request);
    if (!authenticated) {
      return work->respond(
          ToHttp(api::ProblemReply(api::ProblemOf(authenticated.error())), request, now_ms));
    }
    principal = std::move(authenticated).value();
    NameActor(entry, *principal);
    if (!rule.roles.Contains(principal->role)) {
      // A refused compartment is worth an auditor's look: who tried what.
      return AuditThenAnswer(context, std::move(entry), api::ProblemReply(api::Forbidden()), work);
    }
    if (principal->must_change_password && !rule.before_password_change) {
      return work->respond(
          ToHttp(api::ProblemReply(api::PasswordChangeRequired()), request, now_ms));
    }
    if (api::ChangesState(rule.method)) {
      const std::string* token = request.Header("x-csrf-token");
      if (!auth::CheckCsrf(*principal, token != nullptr ? *token : std::string_view())) {
        return AuditThenAnswer(context, std::move(entry), api::ProblemReply(api::CsrfRefused()),
                               work);
      }
    }
    if (std::optional<api::ApiProblem> refused = TakeJustification(rule, request, entry)) {
      return AuditThenAnswer(context, std::move(entry), api::ProblemReply(std::move(*refused)),
                             work);
    }
  }
  api::ApiCall call{request,    work->params, principal ? &*principal : nullptr,
                    connection, entry,        now_ms};
  switch (rule.audit) {
    case api::Audit::kChange:
      return RunChange(context, handler, call, work);
    case api::Audit::kRead: {
      ApiReply reply = handler(call);
      // Every export is audited, whatever audit_reads says.
      if (reply.stream && reply.ok()) {
        return StartStream(context, std::move(entry), std::move(reply), work, connection);
      }
      // A HEAD sent no data: its entry counts none.
      if (request.method == "HEAD" && entry.result_count > 0) entry.result_count = 0;
      if (!context.options.audit_reads && !ReadsPersons(rule))
        return work->respond(ToHttp(std::move(reply), request, now_ms));
      return AuditThenAnswer(context, std::move(entry), std::move(reply), work);
    }
    case api::Audit::kOwnPassword: {
      ApiReply reply = handler(call);
      return AuditThenAnswer(context, std::move(entry), std::move(reply), work);
    }
    case api::Audit::kNone:
      break;
  }
  ApiReply reply = handler(call);
  if (call.audit_public_call) {
    return AuditThenAnswer(context, std::move(entry), std::move(reply), work);
  }
  work->respond(ToHttp(std::move(reply), request, now_ms));
}

const api::RouteRule& RuleOrThrow(std::string_view method, std::string_view pattern) {
  const api::RouteRule* rule = api::FindRoute(method, pattern);
  if (rule == nullptr) {
    throw std::invalid_argument(
        "route absente de la table des routes / route not in the route "
        "table: " +
        std::string(method) + " " + std::string(pattern));
  }
  return *rule;
}

}  // namespace

OfficialsGateway::OfficialsGateway(db::WorkerPool& workers, audit::AuditWriter& audit_writer,
                                   const web::StaticSite& site, GatewayOptions options)
    : context_(std::make_shared<const GatewayContext>(
          GatewayContext{workers, audit_writer, site, options})),
      options_(std::move(options)) {}

net::Router::Handler OfficialsGateway::Api(std::string_view method, std::string_view pattern,
                                           api::ApiHandler handler) const {
  const api::RouteRule& rule = RuleOrThrow(method, pattern);
  if (rule.caller == api::Caller::kDevice || rule.page || !handler) {
    throw std::invalid_argument(
        "route de kiosque, page ou sans traitement / device route, page "
        "or no handler: " +
        ActionOf(rule));
  }
  return [context = context_, &rule, handler = std::move(handler)](
             net::HttpRequest request, net::PathParams params, net::Responder respond) {
    auto work = std::make_shared<Work>(Work{std::move(request), std::move(params), respond});
    const bool queued =
        context->workers.Submit([context, &rule, handler, work](db::Connection& connection) {
          Serve(*context, rule, handler, work, connection);
        });
    if (!queued) {
      respond(ToHttp(api::ProblemReply(api::Busy()), work->request, context->options.clock()));
    }
  };
}

net::Router::Handler OfficialsGateway::Page(std::string_view pattern) const {
  const api::RouteRule& rule = RuleOrThrow("GET", pattern);
  if (!rule.page) {
    throw std::invalid_argument("pas une page / not a page: " + ActionOf(rule));
  }
  if (rule.caller == api::Caller::kPublic) {
    return [context = context_](net::HttpRequest request, net::PathParams, net::Responder respond) {
      respond(context->site.ServeShell(request));
    };
  }
  // A workspace page: the role is checked on a worker (the session is in the database).
  return [context = context_, &rule](net::HttpRequest request, net::PathParams params,
                                     net::Responder respond) {
    auto work = std::make_shared<Work>(Work{std::move(request), std::move(params), respond});
    const bool queued = context->workers.Submit([context, &rule, work](db::Connection& connection) {
      const net::HttpRequest& page = work->request;
      auto principal = Authenticate(*context, connection, page);
      if (!principal) {
        // Not signed in: to the sign-in page, which comes back here afterwards.
        net::HttpResponse redirect;
        redirect.status = 303;
        redirect.headers.emplace_back("Location", "/signin?next=" + page.path);
        web::AddSecurityHeaders(redirect, page.tls);
        return work->respond(std::move(redirect));
      }
      if (!rule.roles.Contains(principal.value().role)) {
        audit::AuditEntry entry = BaseEntry(rule, page, context->options.clock());
        NameActor(entry, principal.value());
        entry.targets.push_back("page:" + page.path);
        SetOutcome(entry, api::ProblemReply(api::Forbidden()));
        // The refusal is sent whether or not its entry could be stored: it reveals nothing.
        context->audit_writer.Append(std::move(entry), [context, work](auth::Result<std::int64_t>) {
          work->respond(context->site.ServeShell(work->request, 403));
        });
        return;
      }
      work->respond(context->site.ServeShell(page));
    });
    if (!queued) respond(context->site.ServeShell(work->request, 503));
  };
}

void CheckRoutesMatchTable(const net::Router& router) {
  const auto served = router.Routes();
  for (const net::RouteKey& key : served) {
    if (api::FindRoute(key.method, key.pattern) == nullptr) {
      throw std::runtime_error(
          "route non déclarée dans la table des routes / route not declared "
          "in the route table: " +
          key.method + " " + key.pattern);
    }
  }
  for (const api::RouteRule& rule : api::RouteTable()) {
    bool found = false;
    for (const net::RouteKey& key : served) {
      found = found || (key.method == rule.method && key.pattern == rule.pattern);
    }
    if (!found) {
      throw std::runtime_error(
          "route de la table sans traitement / route of the table without "
          "handler: " +
          ActionOf(rule));
    }
  }
}

}  // namespace minegate::server::gateway
