#pragma once
/// The session cookie, as header values: what the HTTP layer writes in Set-Cookie and reads from
/// Cookie. Its name carries the `__Host-` prefix, so a browser accepts it only when set over
/// HTTPS, with Path=/ and no Domain: no sibling host or plain-HTTP page can plant or overwrite
/// it. HttpOnly keeps it from scripts (the page never needs it: the CSRF token travels apart);
/// SameSite=Strict keeps other sites' pages from sending it. No Max-Age: it lives as long as the
/// browser's session, and the server ends it before that (idle and absolute expiry).

#include <optional>
#include <string>
#include <string_view>

namespace minegate::server::auth {

inline constexpr std::string_view kSessionCookieName = "__Host-minegate";

/// The Set-Cookie value that gives the browser `session_value` (SignedIn::cookie_value):
/// "__Host-minegate=<value>; Path=/; Secure; HttpOnly; SameSite=Strict".
std::string SessionSetCookie(std::string_view session_value);
/// The Set-Cookie value that makes the browser drop it (sign-out): empty value, Max-Age=0.
std::string ClearedSessionSetCookie();
/// Our cookie's value in a Cookie header ("a=1; __Host-minegate=XYZ; b=2"), or nullopt when it
/// is absent or empty. The first one wins when a (misbehaving) client sends it twice.
std::optional<std::string_view> FindSessionCookie(std::string_view cookie_header);

}  // namespace minegate::server::auth
