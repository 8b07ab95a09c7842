#pragma once
/// The two request headers a static file's answer depends on, parsed as RFC 9110 says:
/// Accept-Encoding (12.5.3) and If-None-Match (13.1.2). Plain functions on the header text, so
/// every spelling a browser, proxy or script may send is a unit test.

#include <string_view>

namespace minegate::server::web {

/// True when `accept_encoding` (the header's value) accepts gzip: "gzip" or "x-gzip" with a
/// non-zero weight, or, when neither is named, "*" with a non-zero weight. "gzip;q=0" refuses
/// it. Case-insensitive; a member with a malformed weight counts as absent. Callers pass an
/// absent header as "": identity then, the form every client understands.
bool AcceptsGzip(std::string_view accept_encoding);

/// True when `if_none_match` (the header's value) names `etag` (a strong tag, quotes included,
/// as sent in ETag) or is "*". Weak comparison, as RFC 9110 requires for If-None-Match: a
/// member "W/\"x\"" names "\"x\"". A malformed member ends the list (what came before counts).
bool IfNoneMatchHits(std::string_view if_none_match, std::string_view etag);

}  // namespace minegate::server::web
