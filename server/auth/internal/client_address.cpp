#include "server/auth/internal/client_address.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cstdint>

namespace minegate::server::auth::internal {
namespace {

constexpr std::size_t kMaxAddressChars = 64;

/// The address part of "host", "host:port", "[v6]" or "[v6]:port".
std::string_view WithoutPort(std::string_view text) {
  if (!text.empty() && text.front() == '[') {
    const std::size_t close = text.find(']');
    return close == std::string_view::npos ? text : text.substr(1, close - 1);
  }
  // One colon is IPv4 with a port; more is IPv6 without brackets (no port possible).
  if (std::count(text.begin(), text.end(), ':') == 1) return text.substr(0, text.find(':'));
  return text;
}

/// inet_ntop's text, or "" in the case it cannot happen (the buffer fits any address).
std::string AddressText(int family, const void* bytes) {
  std::array<char, INET6_ADDRSTRLEN> text{};
  const char* written = inet_ntop(family, bytes, text.data(), text.size());
  return written != nullptr ? std::string(written) : std::string();
}

}  // namespace

std::string ThrottleAddress(std::string_view client_address) {
  const std::string host(WithoutPort(client_address).substr(0, kMaxAddressChars));
  std::array<std::uint8_t, 4> v4{};
  if (inet_pton(AF_INET, host.c_str(), v4.data()) == 1) {
    return AddressText(AF_INET, v4.data());
  }
  std::array<std::uint8_t, 16> v6{};
  if (inet_pton(AF_INET6, host.c_str(), v6.data()) == 1) {
    constexpr std::array<std::uint8_t, 12> kMappedPrefix{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::equal(kMappedPrefix.begin(), kMappedPrefix.end(), v6.begin())) {
      return AddressText(AF_INET, v6.data() + 12);
    }
    std::fill(v6.begin() + 8, v6.end(), std::uint8_t{0});
    return AddressText(AF_INET6, v6.data()) + "/64";
  }
  return host;
}

}  // namespace minegate::server::auth::internal
