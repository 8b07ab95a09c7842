// The tag models the emulator can place in the field, by their command-line names.
#pragma once

#include <optional>
#include <string_view>

#include "tools/pn532-sim/bytes.hpp"

namespace minegate::pn532sim {

enum class TagModel {
  kNtag213,     ///< 45 pages, the bracelet's usual chip
  kNtag215,     ///< 135 pages
  kNtag216,     ///< 231 pages
  kDesfireEv1,  ///< MIFARE DESFire EV1 with an NFC Forum Type 4 NDEF application
};

/// "ntag213", "ntag215", "ntag216", "desfire" (case-sensitive, as typed in tests).
std::optional<TagModel> ParseTagModel(std::string_view name);

std::string_view TagModelName(TagModel model);

/// A fixed UID per model, so tests that do not care about UIDs still get stable output:
/// 04 A1 B2 C3 D4 E5 F6 for NTAG21x, 04 DE 5F 1E 7A 2B 80 for DESFire.
Bytes DefaultUid(TagModel model);

/// Every model here has a 7-byte (double size) UID starting with NXP's 04 on real chips.
inline constexpr std::size_t kUidLength = 7;

}  // namespace minegate::pn532sim
