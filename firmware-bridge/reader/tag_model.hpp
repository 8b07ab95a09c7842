#pragma once
/// What kind of tag is in the field, and how much NDEF it can hold.

#include <cstdint>

namespace minegate::reader {

enum class TagModel {
  ntag213,
  ntag215,
  ntag216,
  desfire_ev1,  ///< or any NFC Forum Type 4 tag with an NDEF application
};

struct TagInfo {
  TagModel model = TagModel::ntag213;
  /// User memory (Type 2) or NDEF file size (Type 4), in bytes.
  std::uint32_t memory_bytes = 0;
  bool writable = true;
  /// Type 4 only: the NDEF file id and the largest read / write chunk (MLe / MLc).
  std::uint16_t ndef_file_id = 0;
  std::uint16_t max_read = 0;
  std::uint16_t max_write = 0;
};

}  // namespace minegate::reader
