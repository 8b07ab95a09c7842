#include "firmware-bridge/ndef/record.hpp"

#include <algorithm>
#include <limits>

#include "firmware-bridge/ndef/internal/byte_reader.hpp"

namespace minegate::ndef {
namespace {

// Header flag bits (NDEF 1.0 §3.2).
constexpr std::uint8_t kMb = 0x80;
constexpr std::uint8_t kMe = 0x40;
constexpr std::uint8_t kCf = 0x20;
constexpr std::uint8_t kSr = 0x10;
constexpr std::uint8_t kIl = 0x08;
constexpr std::uint8_t kTnfMask = 0x07;

constexpr std::size_t kMaxShortPayload = 255;
constexpr std::size_t kMaxTypeOrId = 255;

/// TNF rules shared by the encoder and the decoder, so both accept the same records.
Result<void> CheckTnf(std::uint8_t tnf, std::uint64_t type_len, std::uint64_t id_len,
                      std::uint64_t payload_len) {
  // Unchanged (6) only continues a chunk; 7 is reserved; above 7 cannot come from a header
  // but can from a cast in a caller's Record, and would corrupt the flag bits.
  if (tnf >= static_cast<std::uint8_t>(Tnf::unchanged)) return Errc::bad_tnf;
  if (tnf == static_cast<std::uint8_t>(Tnf::empty) &&
      (type_len != 0 || id_len != 0 || payload_len != 0)) {
    return Errc::bad_empty_record;
  }
  if (tnf == static_cast<std::uint8_t>(Tnf::unknown) && type_len != 0) {
    return Errc::type_not_allowed;
  }
  return boost::outcome_v2::success();
}

void AppendBytes(std::vector<std::uint8_t>& out, const std::vector<std::uint8_t>& bytes) {
  out.insert(out.end(), bytes.begin(), bytes.end());
}

void EncodeRecord(const Record& record, bool first, bool last, std::vector<std::uint8_t>& out) {
  const bool short_record = record.payload.size() <= kMaxShortPayload;
  auto header = static_cast<std::uint8_t>(record.tnf);
  if (first) header |= kMb;
  if (last) header |= kMe;
  if (short_record) header |= kSr;
  if (!record.id.empty()) header |= kIl;

  out.push_back(header);
  out.push_back(static_cast<std::uint8_t>(record.type.size()));
  if (short_record) {
    out.push_back(static_cast<std::uint8_t>(record.payload.size()));
  } else {
    const auto len = static_cast<std::uint32_t>(record.payload.size());
    for (int shift = 24; shift >= 0; shift -= 8) {
      out.push_back(static_cast<std::uint8_t>(len >> shift));
    }
  }
  if (!record.id.empty()) out.push_back(static_cast<std::uint8_t>(record.id.size()));
  AppendBytes(out, record.type);
  AppendBytes(out, record.id);
  AppendBytes(out, record.payload);
}

/// Decodes one record at the reader's position; `first` says whether MB is expected.
Result<Record> DecodeRecord(internal::ByteReader& in, bool first, bool& message_end) {
  const auto header = in.U8();
  if (!header) return Errc::truncated;
  if (first && (*header & kMb) == 0) return Errc::missing_message_begin;
  if (!first && (*header & kMb) != 0) return Errc::unexpected_message_begin;
  if ((*header & kCf) != 0) return Errc::chunked_record_unsupported;
  message_end = (*header & kMe) != 0;

  const auto type_len = in.U8();
  if (!type_len) return Errc::truncated;
  std::uint64_t payload_len = 0;
  if ((*header & kSr) != 0) {
    const auto len = in.U8();
    if (!len) return Errc::truncated;
    payload_len = *len;
  } else {
    const auto len = in.U32();
    if (!len) return Errc::truncated;
    payload_len = *len;
  }
  std::uint8_t id_len = 0;
  if ((*header & kIl) != 0) {
    const auto len = in.U8();
    if (!len) return Errc::truncated;
    id_len = *len;
  }

  const auto tnf = static_cast<std::uint8_t>(*header & kTnfMask);
  if (auto ok = CheckTnf(tnf, *type_len, id_len, payload_len); !ok) return ok.error();

  // 64-bit sum: at most 255 + 255 + (2^32 - 1), no wrap-around, compared before any copy.
  if (std::uint64_t{*type_len} + id_len + payload_len > in.Remaining()) {
    return Errc::length_beyond_buffer;
  }
  const auto type = in.Take(*type_len);
  const auto id = in.Take(id_len);
  const auto payload = in.Take(payload_len);
  if (!type || !id || !payload) return Errc::length_beyond_buffer;  // unreachable: checked above

  return Record{static_cast<Tnf>(tnf),
                {type->begin(), type->end()},
                {id->begin(), id->end()},
                {payload->begin(), payload->end()}};
}

bool EqualsIgnoreAsciiCase(std::span<const std::uint8_t> a, std::string_view b) {
  const auto lower = [](unsigned char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<unsigned char>(c - 'A' + 'a') : c;
  };
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [&](std::uint8_t x, char y) {
           return lower(x) == lower(static_cast<unsigned char>(y));
         });
}

}  // namespace

Result<void> ValidateForEncoding(std::span<const Record> records) {
  if (records.empty()) return Errc::empty_message;
  for (const auto& record : records) {
    if (record.type.size() > kMaxTypeOrId) return Errc::type_too_long;
    if (record.id.size() > kMaxTypeOrId) return Errc::id_too_long;
    if (record.payload.size() > std::numeric_limits<std::uint32_t>::max()) {
      return Errc::too_large;
    }
    if (auto ok = CheckTnf(static_cast<std::uint8_t>(record.tnf), record.type.size(),
                           record.id.size(), record.payload.size());
        !ok) {
      return ok.error();
    }
  }
  return boost::outcome_v2::success();
}

std::vector<std::uint8_t> EncodeMessage(std::span<const Record> records) {
  if (!ValidateForEncoding(records)) return {};
  std::vector<std::uint8_t> out;
  for (std::size_t i = 0; i < records.size(); ++i) {
    EncodeRecord(records[i], i == 0, i + 1 == records.size(), out);
  }
  return out;
}

Result<std::vector<Record>> DecodeMessage(std::span<const std::uint8_t> bytes,
                                          const Limits& limits) {
  if (bytes.empty()) return Errc::empty_message;
  if (bytes.size() > limits.max_message_size) return Errc::too_large;

  internal::ByteReader in(bytes);
  std::vector<Record> records;
  bool message_end = false;
  while (!message_end) {
    if (in.Remaining() == 0) return Errc::missing_message_end;
    if (records.size() >= limits.max_records) return Errc::too_many_records;
    auto record = DecodeRecord(in, records.empty(), message_end);
    if (!record) return record.error();
    records.push_back(std::move(record).value());
  }
  if (in.Remaining() != 0) return Errc::trailing_bytes;
  return records;
}

Record MakeExternalRecord(std::string_view type, std::span<const std::uint8_t> payload) {
  return Record{Tnf::external, {type.begin(), type.end()}, {}, {payload.begin(), payload.end()}};
}

Result<std::span<const std::uint8_t>> FindExternal(std::span<const Record> records,
                                                   std::string_view type) {
  for (const auto& record : records) {
    if (record.tnf == Tnf::external && EqualsIgnoreAsciiCase(record.type, type)) {
      return std::span<const std::uint8_t>(record.payload);
    }
  }
  return Errc::record_not_found;
}

}  // namespace minegate::ndef
