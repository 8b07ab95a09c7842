#pragma once
/// The bytes of an entry that the chain hashes (docs/audit.md, "Canonical bytes"): versioned,
/// every field in a fixed order, every text and list length-prefixed, so that no two different
/// entries (or an entry and its neighbour's fields) encode alike.

#include <cstdint>
#include <vector>

#include "server/audit/audit_entry.hpp"

namespace minegate::server::audit {

/// The canonical format this build writes. A new format gets a new number; entries keep the
/// number they were written with (audit_log.format_version) and verify with it.
inline constexpr std::uint32_t kCanonicalFormat = 1;

/// Format 1 of the entry at place `seq` in the chain. The entry is taken as given: normalise it
/// first (NormaliseEntry), as the log does before it stores.
std::vector<std::uint8_t> CanonicalBytes(std::int64_t seq, const AuditEntry& entry);

}  // namespace minegate::server::audit
