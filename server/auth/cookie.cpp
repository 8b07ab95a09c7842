#include "server/auth/cookie.hpp"

namespace minegate::server::auth {
namespace {

constexpr std::string_view kAttributes = "; Path=/; Secure; HttpOnly; SameSite=Strict";

std::string_view TrimSpaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

std::string SessionSetCookie(std::string_view session_value) {
  std::string header(kSessionCookieName);
  header += '=';
  header += session_value;
  header += kAttributes;
  return header;
}

std::string ClearedSessionSetCookie() {
  std::string header(kSessionCookieName);
  header += '=';
  header += kAttributes;
  header += "; Max-Age=0";
  return header;
}

std::optional<std::string_view> FindSessionCookie(std::string_view cookie_header) {
  // RFC 6265 §4.2.1: cookie-pairs separated by "; ". Clients are lenient about the space, so
  // split on ';' and trim.
  while (!cookie_header.empty()) {
    const std::size_t semicolon = cookie_header.find(';');
    const std::string_view pair = TrimSpaces(cookie_header.substr(0, semicolon));
    cookie_header.remove_prefix(semicolon == std::string_view::npos ? cookie_header.size()
                                                                    : semicolon + 1);
    const std::size_t equals = pair.find('=');
    if (equals == std::string_view::npos) continue;
    if (TrimSpaces(pair.substr(0, equals)) != kSessionCookieName) continue;
    std::string_view value = TrimSpaces(pair.substr(equals + 1));
    // A quoted value is allowed by the grammar; ours never is, but a proxy may add them.
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    if (value.empty()) return std::nullopt;
    return value;
  }
  return std::nullopt;
}

}  // namespace minegate::server::auth
