#pragma once
/// The rules of the UI's HTTP side, as plain functions (no sockets, no Beast) so that they are
/// tested on their own: which Host and Origin are accepted, which file a target names, and the
/// headers every response carries.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "kiosk/ui/static_files.hpp"

namespace minegate::kiosk::net {

/// The WebSocket's path on the UI server.
inline constexpr std::string_view kUiSocketPath = "/ui/socket";

/// Only our own files, scripts and styles; no inline script, no framing by another page.
inline constexpr std::string_view kUiContentSecurityPolicy =
    "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; "
    "script-src 'self'; frame-ancestors 'none'";

/// True if `host` (a Host header) names this server: "127.0.0.1:PORT", "localhost:PORT",
/// "[::1]:PORT" or the bound address with PORT (ASCII case ignored). A name that merely
/// resolves to loopback (DNS rebinding) is refused.
bool IsAllowedHost(std::string_view host, std::uint16_t port, std::string_view bound_address);

/// True if a WebSocket upgrade with this Origin may proceed: exactly "http://" + host (the page
/// itself; ASCII case ignored). Another page in the kiosk's browser sends its own origin and is
/// refused; so is a request with no Origin at all (a local program, maybe another account's:
/// browsers always send one).
bool IsAllowedOrigin(const std::optional<std::string_view>& origin, std::string_view host);

/// The WebSocket subprotocol the page asks for and the server answers with.
inline constexpr std::string_view kUiProtocol = "minegate-ui-v1";
/// The page's secret travels as a second offered subprotocol, "minegate-token.<hex>". Chosen over
/// a `?token=` query on the socket's URL because a header is never part of a request line (which
/// proxies, browser history and logs keep); the server answers with kUiProtocol only, so the
/// token is not echoed either.
inline constexpr std::string_view kUiTokenProtocolPrefix = "minegate-token.";
/// The daemon's per-start page token: 16 random bytes, as lower-case hex.
inline constexpr std::size_t kPageTokenBytes = 16;
inline constexpr std::size_t kPageTokenHexChars = 2 * kPageTokenBytes;

/// True if `token` has the form of a page token (kPageTokenHexChars lower-case hex digits).
bool IsWellFormedPageToken(std::string_view token);

/// True if `protocols` (the Sec-WebSocket-Protocol values, comma-separated) offers kUiProtocol
/// and "minegate-token.<expected>". The tokens are compared in constant time (sodium_memcmp);
/// an empty or malformed `expected` matches nothing.
bool OffersPageToken(std::string_view protocols, std::string_view expected);

/// The path of a request target: the query string and fragment dropped, "/" -> "/index.html".
/// Nothing is decoded: a file is found only by its exact path.
std::string_view TargetPath(std::string_view target);

/// The file served for `target`, or nullptr.
const ui::StaticFile* FindUiFile(std::span<const ui::StaticFile> files, std::string_view target);

/// A short plain-text body, French then English: "introuvable / not found\n".
std::string ErrorBody(std::string_view french, std::string_view english);

}  // namespace minegate::kiosk::net
