#pragma once
/// The officials' own session and credentials: sign-in, who am I, sign-out, password change,
/// API tokens. Handlers for the gateway (server/gateway), on plain structs.

#include "base/clock.hpp"
#include "server/api/api_call.hpp"
#include "server/auth/options.hpp"

namespace minegate::server::api {

struct SessionRouteOptions {
  auth::SessionOptions sessions;
  auth::ThrottleOptions throttle;
  auth::ApiTokenOptions tokens;
  base::Clock clock = base::NowMs;
};

/// POST /v1/session: SignInRequest → SessionInfo and the session cookie. Every refusal is one
/// 401 sign_in_refused; a lock is 429 sign_in_locked with Retry-After. Audited.
ApiHandler SignInHandler(SessionRouteOptions options);
/// GET /v1/session → SessionInfo.
ApiHandler SessionInfoHandler(SessionRouteOptions options);
/// DELETE /v1/session → 204 and the cookie cleared.
ApiHandler SignOutHandler(SessionRouteOptions options);
/// POST /v1/session/password: ChangePasswordRequest → SessionInfo of the new session (every
/// other session of the user ends) and its cookie.
ApiHandler ChangePasswordHandler(SessionRouteOptions options);
/// GET /v1/tokens, POST /v1/tokens, DELETE /v1/tokens/{id}.
ApiHandler ListTokensHandler(SessionRouteOptions options);
ApiHandler CreateTokenHandler(SessionRouteOptions options);
ApiHandler RevokeTokenHandler(SessionRouteOptions options);

/// The API's role for an administration role, and back (nullopt for unspecified).
v1::ApiRole ApiRoleOf(admin::Role role);
std::optional<admin::Role> RoleOfApi(v1::ApiRole role);

}  // namespace minegate::server::api
