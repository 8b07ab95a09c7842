#include "server/audit/chain_hash.hpp"

#include <sodium.h>

#include <charconv>

#include "base/hex.hpp"

namespace minegate::server::audit {

ChainHash NextHash(const ChainHash& previous, std::span<const std::uint8_t> canonical) {
  // sodium_init picks the fastest BLAKE2b for this CPU; it is idempotent and thread-safe, and
  // cannot fail in a way that matters here (it fails only without a random source, which the
  // hash does not use), so its result is not checked.
  static const int initialised = sodium_init();
  static_cast<void>(initialised);
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, previous.size());
  crypto_generichash_update(&state, previous.data(), previous.size());
  crypto_generichash_update(&state, canonical.data(), canonical.size());
  ChainHash next{};
  crypto_generichash_final(&state, next.data(), next.size());
  return next;
}

std::string FormatChainHead(const ChainHead& head) {
  return std::to_string(head.count) + ":" + base::ToHex(head.hash);
}

Result<ChainHead> ParseChainHead(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n' ||
                           text.back() == '\r')) {
    text.remove_suffix(1);
  }
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0) return Errc::bad_head;
  ChainHead head;
  const std::string_view count = text.substr(0, colon);
  const auto [end, ec] = std::from_chars(count.data(), count.data() + count.size(), head.count);
  if (ec != std::errc() || end != count.data() + count.size() || head.count < 0) {
    return Errc::bad_head;
  }
  const std::string_view hex = text.substr(colon + 1);
  // Exactly 64 hex digits: FromHex would also accept separators, which a head never has.
  if (hex.size() != 2 * head.hash.size()) return Errc::bad_head;
  const auto bytes = base::FromHex(hex);
  if (!bytes || bytes->size() != head.hash.size()) return Errc::bad_head;
  std::copy(bytes->begin(), bytes->end(), head.hash.begin());
  return head;
}

}  // namespace minegate::server::audit
