// NDEF records and messages (NFC Forum NDEF 1.0): the byte codec, independent of the tag type.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "firmware-bridge/ndef/error.hpp"

namespace minegate::ndef {

/// Type Name Format: how the record's type field is to be read (3 bits of the header).
enum class Tnf : std::uint8_t {
  empty = 0,
  well_known = 1,
  media = 2,
  absolute_uri = 3,
  external = 4,
  unknown = 5,
  unchanged = 6,
};

/// One record, without its header flags: MB/ME/SR/IL are derived when encoding, so two
/// records compare equal exactly when they carry the same information.
struct Record {
  Tnf tnf = Tnf::empty;
  std::vector<std::uint8_t> type;
  std::vector<std::uint8_t> id;
  std::vector<std::uint8_t> payload;

  bool operator==(const Record&) const = default;
};

/// Bounds applied before and while decoding untrusted bytes from a tag.
struct Limits {
  std::size_t max_message_size = 8 * 1024;  ///< NTAG216 holds 868 bytes; cards a few KiB
  std::size_t max_records = 16;
};

/// Checks that `records` can be encoded: at least one record, type and id at most 255
/// bytes, payload at most 2^32-1 bytes, TNF rules (empty has no fields, unknown no type,
/// unchanged is only for chunks, which minegate does not write).
Result<void> ValidateForEncoding(std::span<const Record> records);

/// Encodes a message: MB on the first record, ME on the last, SR when the payload is under
/// 256 bytes, IL when the id is non-empty. Returns an empty vector when
/// ValidateForEncoding(records) fails; a valid message is never empty.
std::vector<std::uint8_t> EncodeMessage(std::span<const Record> records);

/// Decodes a whole message. Every length is checked against the bytes that remain; chunked
/// records are refused; exactly one MB (first) and one ME (last), nothing after ME.
Result<std::vector<Record>> DecodeMessage(std::span<const std::uint8_t> bytes,
                                          const Limits& limits = {});

/// An external-type record (TNF 4), e.g. MakeExternalRecord("minegate.sn:cred", payload).
Record MakeExternalRecord(std::string_view type, std::span<const std::uint8_t> payload);

/// Payload of the first external-type record whose type is `type` ("domain:type",
/// compared case-insensitively as the NFC Forum RTD requires). The span points into
/// `records`. Errc::record_not_found when there is none.
Result<std::span<const std::uint8_t>> FindExternal(std::span<const Record> records,
                                                   std::string_view type);

}  // namespace minegate::ndef
