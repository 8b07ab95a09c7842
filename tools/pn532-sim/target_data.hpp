// How the PN532 describes a type A target to the host (InListPassiveTarget, InAutoPoll).
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "tools/pn532-sim/bytes.hpp"
#include "tools/pn532-sim/tag.hpp"

namespace minegate::pn532sim {

/// InAutoPoll target types (PN532 user manual, InAutoPoll).
namespace poll_type {
inline constexpr std::uint8_t kGeneric106 = 0x00;
inline constexpr std::uint8_t kMifare = 0x10;
inline constexpr std::uint8_t kIso14443_4A = 0x20;
}  // namespace poll_type

/// Tg (always 1), ATQA, SAK, NFCID1 length, NFCID1, then the ATS if `with_ats`: the target
/// data libnfc's pn53x_decode_target_data reads. ATQA goes in wire order (00 44, 03 44).
Bytes EncodeTypeATargetData(const Tag& tag, bool with_ats);

/// The first of `requested` InAutoPoll types that `tag` answers to, in request order, and
/// whether the PN532 would have run RATS for it (so the ATS is reported).
struct PollMatch {
  std::uint8_t type;
  bool with_ats;
};
std::optional<PollMatch> MatchPollType(const Tag& tag, std::span<const std::uint8_t> requested,
                                       bool auto_rats);

/// libnfc sends a 7- or 10-byte UID with its cascade tags (88 ...) as InListPassiveTarget
/// initiator data; this strips them back to the plain UID.
Bytes UidFromInitiatorData(std::span<const std::uint8_t> initiator_data);

}  // namespace minegate::pn532sim
