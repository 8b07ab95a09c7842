#pragma once
/// The hash chain: hash_n = BLAKE2b-256(hash_{n-1} || canonical_bytes(entry_n)), hash_0 being
/// 32 zero bytes. Unkeyed on purpose: anyone holding the log can check it, with no secret to
/// guard or lose. What it cannot show alone (a tail cut off, or everything after an edit
/// recomputed) a head written down earlier shows (ChainHead, `minegatectl audit head`).

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "server/audit/error.hpp"

namespace minegate::server::audit {

using ChainHash = std::array<std::uint8_t, 32>;

/// hash_0: the "previous hash" of the first entry.
inline constexpr ChainHash kGenesisHash{};

/// BLAKE2b-256(previous || canonical), through libsodium's crypto_generichash.
ChainHash NextHash(const ChainHash& previous, std::span<const std::uint8_t> canonical);

/// Where the chain ends: how many entries (the last seq) and the last entry's hash
/// (kGenesisHash for an empty log). Written "COUNT:HASH" with HASH in 64 lower-case hex.
struct ChainHead {
  std::int64_t count = 0;
  ChainHash hash = kGenesisHash;

  bool operator==(const ChainHead&) const = default;
};

std::string FormatChainHead(const ChainHead& head);
/// Reads "COUNT:HASH" (hex in either case, surrounding blanks ignored); Errc::bad_head.
Result<ChainHead> ParseChainHead(std::string_view text);

}  // namespace minegate::server::audit
