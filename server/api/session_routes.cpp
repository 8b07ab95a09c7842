#include "server/api/session_routes.hpp"

#include "server/admin/user_registry.hpp"
#include "server/api/request_reading.hpp"
#include "server/api/route_table.hpp"
#include "server/auth/api_token_service.hpp"
#include "server/auth/cookie.hpp"
#include "server/auth/error.hpp"
#include "server/auth/session_service.hpp"

namespace minegate::server::api {
namespace {

auth::SessionService Sessions(const SessionRouteOptions& options, db::Connection& connection) {
  return auth::SessionService(connection, options.sessions, options.throttle, options.clock);
}

v1::SessionInfo InfoOf(const SessionRouteOptions& options, const auth::Principal& principal,
                       std::int64_t now_ms, std::int64_t absolute_expires_at_ms) {
  v1::SessionInfo info;
  info.set_user_id(principal.user_id);
  info.set_display_name(principal.display_name);
  info.set_role(ApiRoleOf(principal.role));
  info.set_csrf_token(principal.csrf_token);
  info.set_must_change_password(principal.must_change_password);
  info.set_idle_expires_at_ms(now_ms + options.sessions.idle_timeout_ms);
  info.set_absolute_expires_at_ms(absolute_expires_at_ms);
  for (const std::string& workspace : WorkspacesOf(principal.role)) info.add_workspaces(workspace);
  return info;
}

v1::SessionInfo InfoOf(const SessionRouteOptions& options, const auth::SignedIn& signed_in,
                       std::int64_t now_ms) {
  auth::Principal principal;
  principal.user_id = signed_in.user.user_id;
  principal.display_name = signed_in.user.display_name;
  principal.role = signed_in.user.role;
  principal.csrf_token = signed_in.csrf_token;
  principal.must_change_password = signed_in.must_change_password;
  return InfoOf(options, principal, now_ms, signed_in.expires_at_ms);
}

/// The problem of a refused sign-in or password change; a lock says when to try again.
ApiProblem CredentialsProblem(auth::SessionService& sessions,
                              const boost::system::error_code& error, std::string_view user_id,
                              const ApiCall& call) {
  ApiProblem problem = ProblemOf(error);
  if (problem.type == "sign_in_locked") {
    auto locked_for = sessions.SignInLockedForMs(user_id, call.request.remote_address);
    if (locked_for && locked_for.value() > 0) {
      problem.retry_after_ms = call.now_ms + locked_for.value();
    }
  }
  return problem;
}

v1::ApiToken TokenOf(const auth::ApiTokenInfo& info) {
  v1::ApiToken token;
  token.set_token_id(info.token_id);
  token.set_name(info.name);
  token.set_role(ApiRoleOf(info.role));
  token.set_created_at_ms(info.created_at_ms);
  token.set_expires_at_ms(info.expires_at_ms);
  token.set_last_used_at_ms(info.last_used_ms.value_or(0));
  token.set_revoked_at_ms(info.revoked_at_ms.value_or(0));
  return token;
}

}  // namespace

v1::ApiRole ApiRoleOf(admin::Role role) {
  switch (role) {
    case admin::Role::kGateAgent:
      return v1::API_ROLE_GATE_AGENT;
    case admin::Role::kBorderPolice:
      return v1::API_ROLE_BORDER_POLICE;
    case admin::Role::kEmapeOfficial:
      return v1::API_ROLE_EMAPE_OFFICIAL;
    case admin::Role::kProtectionOfficer:
      return v1::API_ROLE_PROTECTION_OFFICER;
    case admin::Role::kAdministrator:
      return v1::API_ROLE_ADMINISTRATOR;
    case admin::Role::kAuditor:
      return v1::API_ROLE_AUDITOR;
  }
  return v1::API_ROLE_UNSPECIFIED;
}

std::optional<admin::Role> RoleOfApi(v1::ApiRole role) {
  for (const admin::Role candidate : admin::AllRoles()) {
    if (ApiRoleOf(candidate) == role) return candidate;
  }
  return std::nullopt;
}

ApiHandler SignInHandler(SessionRouteOptions options) {
  return [options](ApiCall& call) {
    call.audit_public_call = true;
    v1::SignInRequest request;
    if (auto problem = ReadBody(call.request, request)) return ProblemReply(*problem);
    // The id tried is named in the audit only when it has the form of an id: a password typed
    // in the wrong box must not end up in the log.
    if (admin::CheckUserId(request.user_id()))
      call.audit.targets.push_back("user:" + request.user_id());
    auth::SessionService sessions = Sessions(options, call.connection);
    auto signed_in =
        sessions.SignIn(request.user_id(), request.password(), call.request.remote_address);
    if (!signed_in) {
      return ProblemReply(CredentialsProblem(sessions, signed_in.error(), request.user_id(), call));
    }
    call.audit.actor_kind = audit::ActorKind::kUser;
    call.audit.actor_id = signed_in.value().user.user_id;
    call.audit.actor_role = std::string(admin::RoleName(signed_in.value().user.role));
    ApiReply reply = JsonReply(InfoOf(options, signed_in.value(), call.now_ms));
    reply.headers.emplace_back("Set-Cookie",
                               auth::SessionSetCookie(signed_in.value().cookie_value));
    return reply;
  };
}

ApiHandler SessionInfoHandler(SessionRouteOptions options) {
  return [options](ApiCall& call) {
    return JsonReply(InfoOf(options, *call.principal, call.now_ms, call.principal->expires_at_ms));
  };
}

ApiHandler SignOutHandler(SessionRouteOptions options) {
  return [options](ApiCall& call) {
    auto ended = Sessions(options, call.connection).SignOut(*call.principal);
    if (!ended) return ProblemReply(ProblemOf(ended.error()));
    call.audit.targets.push_back("session:" + std::to_string(call.principal->session_id));
    ApiReply reply = NoContent();
    reply.headers.emplace_back("Set-Cookie", auth::ClearedSessionSetCookie());
    return reply;
  };
}

ApiHandler ChangePasswordHandler(SessionRouteOptions options) {
  return [options](ApiCall& call) {
    v1::ChangePasswordRequest request;
    if (auto problem = ReadBody(call.request, request)) return ProblemReply(*problem);
    call.audit.targets.push_back("user:" + call.principal->user_id);
    auth::SessionService sessions = Sessions(options, call.connection);
    auto signed_in = sessions.ChangePassword(*call.principal, request.old_password(),
                                             request.new_password(), call.request.remote_address);
    if (!signed_in) {
      ApiProblem problem =
          CredentialsProblem(sessions, signed_in.error(), call.principal->user_id, call);
      if (problem.type == "weak_password" || problem.type == "password_too_long") {
        problem.field = "newPassword";
      }
      return ProblemReply(problem);
    }
    ApiReply reply = JsonReply(InfoOf(options, signed_in.value(), call.now_ms));
    reply.headers.emplace_back("Set-Cookie",
                               auth::SessionSetCookie(signed_in.value().cookie_value));
    return reply;
  };
}

ApiHandler ListTokensHandler(SessionRouteOptions options) {
  return [options](ApiCall& call) {
    auto tokens = auth::ApiTokenService(call.connection, options.tokens, options.clock)
                      .List(call.principal->user_id);
    if (!tokens) return ProblemReply(ProblemOf(tokens.error()));
    v1::ApiTokenList list;
    for (const auto& token : tokens.value()) *list.add_tokens() = TokenOf(token);
    return JsonReply(list);
  };
}

ApiHandler CreateTokenHandler(SessionRouteOptions options) {
  return [options](ApiCall& call) {
    v1::CreateApiTokenRequest request;
    if (auto problem = ReadBody(call.request, request)) return ProblemReply(*problem);
    auto created = auth::ApiTokenService(call.connection, options.tokens, options.clock)
                       .Create(*call.principal, request.name(), request.valid_days());
    if (!created) return ProblemReply(ProblemOf(created.error()));
    call.audit.targets.push_back("token:" + created.value().info.token_id);
    v1::CreatedApiToken answer;
    *answer.mutable_token() = TokenOf(created.value().info);
    answer.set_secret(created.value().token);
    return JsonReply(answer, 201);
  };
}

ApiHandler RevokeTokenHandler(SessionRouteOptions options) {
  return [options](ApiCall& call) {
    const std::string& token_id = call.params.at("id");
    call.audit.targets.push_back("token:" + token_id);
    auto revoked = auth::ApiTokenService(call.connection, options.tokens, options.clock)
                       .Revoke(*call.principal, token_id);
    if (!revoked) return ProblemReply(ProblemOf(revoked.error()));
    return NoContent();
  };
}

}  // namespace minegate::server::api
