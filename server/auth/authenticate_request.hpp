#pragma once
/// One front door for a request's credentials, so that every route authenticates the same way.

#include <string_view>

#include "server/auth/api_token_service.hpp"
#include "server/auth/error.hpp"
#include "server/auth/principal.hpp"
#include "server/auth/session_service.hpp"

namespace minegate::server::auth {

/// A non-empty Authorization header decides (a script's Bearer token; any other scheme is
/// Errc::not_signed_in): a cookie the same client also sends is then ignored, so a request
/// never mixes two identities. Otherwise the Cookie header's session. Same threading as the
/// two services (worker threads).
Result<Principal> AuthenticateRequest(SessionService& sessions, ApiTokenService& tokens,
                                      std::string_view cookie_header,
                                      std::string_view authorization_header);

}  // namespace minegate::server::auth
