#pragma once
/// The CSRF check of a state-changing request. SameSite=Strict already keeps other sites from
/// sending the cookie; the per-session token the page sends in a header is the second lock
/// (older browsers, a same-site sibling page). A token principal has no ambient credential for
/// another site to borrow, so nothing is checked for it.

#include <string_view>

#include "server/auth/error.hpp"
#include "server/auth/principal.hpp"

namespace minegate::server::auth {

/// Success when `header_value` is the session's CSRF token (compared in constant time), or the
/// principal came through an API token. Errc::csrf_missing (empty), csrf_mismatch.
Result<void> CheckCsrf(const Principal& principal, std::string_view header_value);

}  // namespace minegate::server::auth
