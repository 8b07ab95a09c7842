#include "server/auth/authenticate_request.hpp"

namespace minegate::server::auth {

Result<Principal> AuthenticateRequest(SessionService& sessions, ApiTokenService& tokens,
                                      std::string_view cookie_header,
                                      std::string_view authorization_header) {
  if (!authorization_header.empty()) return tokens.Authenticate(authorization_header);
  return sessions.Authenticate(cookie_header);
}

}  // namespace minegate::server::auth
