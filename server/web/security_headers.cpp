#include "server/web/security_headers.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace minegate::server::web {
namespace {

bool SameName(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

}  // namespace

std::vector<std::pair<std::string, std::string>> SecurityHeaders(bool tls) {
  std::vector<std::pair<std::string, std::string>> headers = {
      {"Content-Security-Policy", kContentSecurityPolicy},
      {"X-Content-Type-Options", "nosniff"},
      // Page paths and query strings can name a person token: never sent to another site.
      {"Referrer-Policy", "no-referrer"},
      // For browsers older than CSP's frame-ancestors.
      {"X-Frame-Options", "DENY"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
      {"Cross-Origin-Resource-Policy", "same-origin"},
  };
  if (tls) headers.emplace_back("Strict-Transport-Security", kStrictTransportSecurity);
  return headers;
}

void AddSecurityHeaders(net::HttpResponse& response, bool tls) {
  // The pair by name, not a structured binding: a lambda capturing a binding is C++20 that
  // clang 14 (the sanitizer and fuzz builds) does not have.
  for (auto& header : SecurityHeaders(tls)) {
    const std::string& name = header.first;
    std::erase_if(response.headers,
                  [&name](const auto& existing) { return SameName(existing.first, name); });
    response.headers.emplace_back(std::move(header));
  }
}

}  // namespace minegate::server::web
