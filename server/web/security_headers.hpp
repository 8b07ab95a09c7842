#pragma once
/// The security headers of everything minegate-server answers over HTTP: its pages, their assets
/// and the JSON API. One list, so the page and the API cannot drift apart.

#include <string>
#include <utility>
#include <vector>

#include "server/net/http_types.hpp"

namespace minegate::server::web {

/// No inline script or style, no other origin, no frame, no <base>, forms post only here.
/// `data:` images for the enrolment QR code drawn by the page.
inline constexpr const char* kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'";

/// One year; sent only over TLS (RFC 6797 8.1: a browser ignores it over plain HTTP).
inline constexpr const char* kStrictTransportSecurity = "max-age=31536000";

/// Content-Security-Policy, X-Content-Type-Options, Referrer-Policy, X-Frame-Options,
/// Cross-Origin-Opener-Policy, Cross-Origin-Resource-Policy, and Strict-Transport-Security
/// when `tls` (the request arrived over TLS).
std::vector<std::pair<std::string, std::string>> SecurityHeaders(bool tls);

/// Sets SecurityHeaders(tls) on `response`, replacing any header of the same name (compared
/// without case) the handler had set.
void AddSecurityHeaders(net::HttpResponse& response, bool tls);

}  // namespace minegate::server::web
