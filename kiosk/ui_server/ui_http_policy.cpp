#include "kiosk/ui_server/ui_http_policy.hpp"

#include <sodium.h>

#include <array>

namespace minegate::kiosk::net {
namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

}  // namespace

bool IsAllowedHost(std::string_view host, std::uint16_t port, std::string_view bound_address) {
  if (port == 0) return false;
  const std::string suffix = ":" + std::to_string(port);
  if (host.size() <= suffix.size() || host.substr(host.size() - suffix.size()) != suffix) {
    return false;
  }
  const std::string_view name = host.substr(0, host.size() - suffix.size());
  const std::string bound_v6 = "[" + std::string(bound_address) + "]";
  const bool bound_is_v6 = bound_address.find(':') != std::string_view::npos;
  const std::array<std::string_view, 4> allowed = {
      "127.0.0.1", "localhost", "[::1]", bound_is_v6 ? std::string_view(bound_v6) : bound_address};
  for (const std::string_view candidate : allowed) {
    if (!candidate.empty() && EqualsIgnoringCase(name, candidate)) return true;
  }
  return false;
}

bool IsAllowedOrigin(const std::optional<std::string_view>& origin, std::string_view host) {
  if (!origin) return false;
  constexpr std::string_view kScheme = "http://";
  return origin->size() == kScheme.size() + host.size() &&
         EqualsIgnoringCase(origin->substr(0, kScheme.size()), kScheme) &&
         EqualsIgnoringCase(origin->substr(kScheme.size()), host);
}

bool IsWellFormedPageToken(std::string_view token) {
  if (token.size() != kPageTokenHexChars) return false;
  for (const char c : token) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

bool OffersPageToken(std::string_view protocols, std::string_view expected) {
  if (!IsWellFormedPageToken(expected)) return false;
  bool ui_protocol = false;
  bool token = false;
  while (!protocols.empty()) {
    const std::size_t comma = protocols.find(',');
    std::string_view item = protocols.substr(0, comma);
    protocols = comma == std::string_view::npos ? std::string_view() : protocols.substr(comma + 1);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (item == kUiProtocol) {
      ui_protocol = true;
    } else if (item.size() == kUiTokenProtocolPrefix.size() + expected.size() &&
               item.substr(0, kUiTokenProtocolPrefix.size()) == kUiTokenProtocolPrefix) {
      // Constant time: how much of a guess was right must not show in the answer's timing.
      token = token || sodium_memcmp(item.data() + kUiTokenProtocolPrefix.size(), expected.data(),
                                     expected.size()) == 0;
    }
  }
  return ui_protocol && token;
}

std::string_view TargetPath(std::string_view target) {
  const std::string_view path = target.substr(0, target.find_first_of("?#"));
  return path == "/" ? std::string_view("/index.html") : path;
}

const ui::StaticFile* FindUiFile(std::span<const ui::StaticFile> files, std::string_view target) {
  return ui::FindStaticFile(files, TargetPath(target));
}

std::string ErrorBody(std::string_view french, std::string_view english) {
  std::string body;
  body.reserve(french.size() + english.size() + 4);
  body.append(french).append(" / ").append(english).append("\n");
  return body;
}

}  // namespace minegate::kiosk::net
