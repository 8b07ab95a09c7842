#pragma once
/// The risk engine: one person's facts under one rule set give one assessment. Pure (no I/O,
/// no clock, no global state), deterministic and independent of the order of the facts, cheap
/// enough to run inside the ingest transaction and to re-evaluate a million persons after a
/// rule change.
///
/// The flag decision follows the ILO/EC structure (risk.proto):
///  - any DECISIVE indicator (a girl under 18, a search-notice match) flags, priority URGENT;
///  - otherwise an element is present when the points of its raised indicators reach the
///    element threshold (never on one weak sign, the rule set guarantees it), and she is flagged
///    when a recruitment element (1-3) and a destination element (4-6) are both present, or a
///    central pattern (flags_with_any_other) is raised with any other indicator, or the score
///    reaches the flag threshold; the priority comes from the bands.
/// Points are non-negative and every test is monotonic, so taking a fact away never raises the
/// score nor turns a person not flagged into a flagged one.

#include <cstdint>

#include "minegate/v1/risk.pb.h"
#include "server/risk/person_facts.hpp"
#include "server/risk/rule_set.hpp"

namespace minegate::server::risk {

/// The assessment of `facts` under `rules`. `now_ms` ends her last stay when she has not left
/// it (the moved-between-sites pattern); ages are taken at registration.
v1::RiskAssessment Evaluate(const CompiledRuleSet& rules, const PersonFacts& facts,
                            std::int64_t now_ms);

/// The same, written into `out` (cleared first): a bulk re-evaluation reuses one message and
/// its strings instead of allocating them for every person.
void Evaluate(const CompiledRuleSet& rules, const PersonFacts& facts, std::int64_t now_ms,
              v1::RiskAssessment& out);

}  // namespace minegate::server::risk
