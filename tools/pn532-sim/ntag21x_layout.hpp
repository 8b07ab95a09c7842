// Memory organisation of NTAG213/215/216 (NXP datasheet NTAG213_215_216, section 8.5).
#pragma once

#include <cstddef>
#include <cstdint>

#include "tools/pn532-sim/bytes.hpp"
#include "tools/pn532-sim/tag_model.hpp"

namespace minegate::pn532sim {

inline constexpr std::size_t kNtagPageSize = 4;

/// Where things live in one NTAG21x variant. Everything after the user memory sits at a
/// fixed offset from the dynamic lock page: CFG0, CFG1, PWD, PACK.
struct Ntag21xLayout {
  TagModel model;
  std::uint8_t page_count;         ///< 45 / 135 / 231
  std::uint8_t cc_size;            ///< capability container byte 2: 0x12 / 0x3E / 0x6D
  std::uint8_t version_storage;    ///< GET_VERSION byte 6: 0x0F / 0x11 / 0x13
  std::uint8_t dynamic_lock_page;  ///< 0x28 / 0x82 / 0xE2; user memory is pages 4 to this - 1
  std::uint8_t pages_per_dynamic_lock_bit;  ///< 2 on NTAG213, 16 on NTAG215/216

  std::uint8_t cfg0_page() const { return static_cast<std::uint8_t>(dynamic_lock_page + 1); }
  std::uint8_t cfg1_page() const { return static_cast<std::uint8_t>(dynamic_lock_page + 2); }
  std::uint8_t pwd_page() const { return static_cast<std::uint8_t>(dynamic_lock_page + 3); }
  std::uint8_t pack_page() const { return static_cast<std::uint8_t>(dynamic_lock_page + 4); }
  std::uint8_t last_page() const { return static_cast<std::uint8_t>(page_count - 1); }
};

/// The layout of an NTAG model; must not be called with kDesfireEv1.
const Ntag21xLayout& LayoutOf(TagModel model);

/// A factory-fresh memory image: UID and check bytes, CC, an empty NDEF TLV (03 00 FE) in
/// page 4, zeros, then the datasheet's delivery state for the configuration pages
/// (no password protection: AUTH0 = FF, PWD = FF FF FF FF, PACK = 00 00).
Bytes BlankNtagImage(const Ntag21xLayout& layout, const Bytes& uid);

}  // namespace minegate::pn532sim
