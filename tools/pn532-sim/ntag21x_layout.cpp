#include "tools/pn532-sim/ntag21x_layout.hpp"

#include <cassert>

namespace minegate::pn532sim {
namespace {

constexpr Ntag21xLayout kNtag213{TagModel::kNtag213, 45, 0x12, 0x0F, 0x28, 2};
constexpr Ntag21xLayout kNtag215{TagModel::kNtag215, 135, 0x3E, 0x11, 0x82, 16};
constexpr Ntag21xLayout kNtag216{TagModel::kNtag216, 231, 0x6D, 0x13, 0xE2, 16};

void SetPage(Bytes& image, std::size_t page, std::uint8_t b0, std::uint8_t b1, std::uint8_t b2,
             std::uint8_t b3) {
  // at(): a page outside the image is a programming error, never silent corruption.
  const std::size_t offset = page * kNtagPageSize;
  image.at(offset) = b0;
  image.at(offset + 1) = b1;
  image.at(offset + 2) = b2;
  image.at(offset + 3) = b3;
}

}  // namespace

const Ntag21xLayout& LayoutOf(TagModel model) {
  switch (model) {
    case TagModel::kNtag213:
      return kNtag213;
    case TagModel::kNtag215:
      return kNtag215;
    case TagModel::kNtag216:
      return kNtag216;
    case TagModel::kDesfireEv1:
      break;
  }
  assert(false && "a DESFire has no NTAG layout");
  return kNtag213;
}

Bytes BlankNtagImage(const Ntag21xLayout& layout, const Bytes& uid) {
  assert(uid.size() == kUidLength && "NTAG21x UIDs are 7 bytes");
  Bytes image(static_cast<std::size_t>(layout.page_count) * kNtagPageSize, 0x00);
  // BCC0 covers the cascade tag 0x88 and the first three UID bytes; BCC1 the last four.
  const auto bcc0 = static_cast<std::uint8_t>(0x88 ^ uid[0] ^ uid[1] ^ uid[2]);
  const auto bcc1 = static_cast<std::uint8_t>(uid[3] ^ uid[4] ^ uid[5] ^ uid[6]);
  SetPage(image, 0, uid[0], uid[1], uid[2], bcc0);
  SetPage(image, 1, uid[3], uid[4], uid[5], uid[6]);
  SetPage(image, 2, bcc1, 0x48, 0x00, 0x00);
  SetPage(image, 3, 0xE1, 0x10, layout.cc_size, 0x00);
  SetPage(image, 4, 0x03, 0x00, 0xFE, 0x00);
  SetPage(image, layout.dynamic_lock_page, 0x00, 0x00, 0x00, 0xBD);
  SetPage(image, layout.cfg0_page(), 0x04, 0x00, 0x00, 0xFF);
  SetPage(image, layout.cfg1_page(), 0x00, 0x05, 0x00, 0x00);
  SetPage(image, layout.pwd_page(), 0xFF, 0xFF, 0xFF, 0xFF);
  SetPage(image, layout.pack_page(), 0x00, 0x00, 0x00, 0x00);
  return image;
}

}  // namespace minegate::pn532sim
