#pragma once
/// The central patterns, computed across sites from what the monitor gathered: the same
/// companion bringing several young women, and short stays at many sites (being moved).

#include <cstdint>
#include <span>

#include "server/risk/compiled_rule.hpp"
#include "server/risk/person_facts.hpp"

namespace minegate::server::risk::internal {

/// The most females in the rule's age band one companion of hers brought within the rule's
/// window around her own record with it, she included when she is one; companions whose
/// relation to her is not in the rule's relations (when it lists any) and companions without a
/// key are not looked at. Each person counts once.
std::uint32_t RecruiterCount(const CompiledRule& rule, const PersonFacts& facts);

/// The most distinct sites among consecutive stays that begin within the rule's window, each
/// stay but the last shorter than its max stay. `passages` are sorted by (at_ms, site_id,
/// direction); a stay is a run of passages at one site, ended by its last passage when that is
/// an exit, by the first passage elsewhere otherwise, or by `now_ms` when it is her last.
std::uint32_t MovedSites(const CompiledRule& rule, std::span<const PassageFact> passages,
                         std::int64_t now_ms);

}  // namespace minegate::server::risk::internal
