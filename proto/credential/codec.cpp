#include "proto/credential/codec.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace minegate::credential {
namespace {

bool IsCardNumberChar(std::uint8_t c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == '/' || c == '-';
}

std::uint64_t ReadBigEndian(std::span<const std::uint8_t> bytes) {
  std::uint64_t value = 0;
  for (std::uint8_t b : bytes) value = (value << 8) | b;
  return value;
}

void WriteBigEndian(std::span<std::uint8_t> out, std::uint64_t value) {
  for (std::size_t i = out.size(); i-- > 0;) {
    out[i] = static_cast<std::uint8_t>(value);
    value >>= 8;
  }
}

}  // namespace

bool IsValidUid(std::span<const std::uint8_t> tag_uid) {
  return tag_uid.size() == 4 || tag_uid.size() == 7 || tag_uid.size() == 10;
}

bool IsValidCardNumber(std::span<const std::uint8_t> number) {
  return !number.empty() && number.size() <= kMaxCardNumberLength &&
         std::all_of(number.begin(), number.end(), IsCardNumberChar);
}

bool IsValidCardNumber(std::string_view number) {
  return !number.empty() && number.size() <= kMaxCardNumberLength &&
         std::all_of(number.begin(), number.end(),
                     [](char c) { return IsCardNumberChar(static_cast<std::uint8_t>(c)); });
}

Result<Credential> Decode(std::span<const std::uint8_t> bytes) {
  // Bound the size first: nothing longer than the largest layout is parsed.
  if (bytes.empty()) return Errc::empty;
  if (bytes.size() > kMaxEncodedSize) return Errc::oversized;
  if (bytes[0] != kVersion1) return Errc::unsupported_version;
  if (bytes.size() < 2) return Errc::truncated;
  const std::uint8_t kind = bytes[1];
  if (kind != static_cast<std::uint8_t>(Kind::bracelet) &&
      kind != static_cast<std::uint8_t>(Kind::miner_card)) {
    return Errc::unknown_kind;
  }
  if (bytes.size() < kFixedHeaderSize) return Errc::truncated;

  Credential credential;
  credential.version = bytes[0];
  credential.fields.kind = static_cast<Kind>(kind);
  std::copy_n(bytes.begin() + 2, kPersonTokenSize, credential.fields.person_token.begin());
  credential.fields.site_id = static_cast<std::uint32_t>(ReadBigEndian(bytes.subspan(18, 4)));
  credential.fields.issued_at_ms = static_cast<std::int64_t>(ReadBigEndian(bytes.subspan(22, 8)));
  std::copy_n(bytes.begin() + 30, kKeyIdSize, credential.key_id.begin());

  std::size_t offset = kFixedHeaderSize;
  if (credential.fields.kind == Kind::miner_card) {
    if (bytes.size() < offset + 1) return Errc::truncated;
    const std::size_t length = bytes[offset];
    ++offset;
    if (length == 0 || length > kMaxCardNumberLength) return Errc::bad_card_number;
    if (bytes.size() < offset + length) return Errc::truncated;
    const auto number = bytes.subspan(offset, length);
    if (!IsValidCardNumber(number)) return Errc::bad_card_number;
    credential.fields.card_number.assign(number.begin(), number.end());
    offset += length;
  }

  if (bytes.size() < offset + kSignatureSize) return Errc::truncated;
  if (bytes.size() > offset + kSignatureSize) return Errc::trailing_bytes;
  credential.signed_bytes.assign(bytes.begin(),
                                 bytes.begin() + static_cast<std::ptrdiff_t>(offset));
  std::copy_n(bytes.begin() + static_cast<std::ptrdiff_t>(offset), kSignatureSize,
              credential.signature.begin());
  return credential;
}

Result<std::vector<std::uint8_t>> EncodeUnsigned(const CredentialFields& fields,
                                                 const KeyId& key_id) {
  const auto* card_number = reinterpret_cast<const std::uint8_t*>(fields.card_number.data());
  const std::span<const std::uint8_t> card_number_bytes(card_number, fields.card_number.size());
  switch (fields.kind) {
    case Kind::bracelet:
      if (!card_number_bytes.empty()) return Errc::card_number_on_bracelet;
      break;
    case Kind::miner_card:
      if (!IsValidCardNumber(card_number_bytes)) return Errc::bad_card_number;
      break;
    default:
      return Errc::unknown_kind;
  }

  // Fixed offsets, as in the layout table of credential.hpp. A fixed buffer
  // of the largest layout keeps every write provably in bounds.
  std::array<std::uint8_t, kMaxEncodedSize> buffer{};
  buffer[0] = kVersion1;
  buffer[1] = static_cast<std::uint8_t>(fields.kind);
  std::copy(fields.person_token.begin(), fields.person_token.end(), buffer.begin() + 2);
  WriteBigEndian(std::span(buffer).subspan<18, 4>(), fields.site_id);
  WriteBigEndian(std::span(buffer).subspan<22, 8>(),
                 static_cast<std::uint64_t>(fields.issued_at_ms));
  std::copy(key_id.begin(), key_id.end(), buffer.begin() + 30);
  std::size_t size = kFixedHeaderSize;
  if (fields.kind == Kind::miner_card) {
    buffer[size++] = static_cast<std::uint8_t>(card_number_bytes.size());
    for (std::uint8_t c : card_number_bytes) buffer[size++] = c;
  }
  return std::vector<std::uint8_t>(buffer.begin(),
                                   buffer.begin() + static_cast<std::ptrdiff_t>(size));
}

std::vector<std::uint8_t> SignedMessage(std::span<const std::uint8_t> tag_uid,
                                        std::span<const std::uint8_t> signed_bytes) {
  const std::string_view context(kSignatureContext);
  std::vector<std::uint8_t> message(context.size() + 1 + tag_uid.size() + signed_bytes.size());
  auto out = std::copy(context.begin(), context.end(), message.begin());
  *out++ = static_cast<std::uint8_t>(tag_uid.size());
  out = std::copy(tag_uid.begin(), tag_uid.end(), out);
  std::copy(signed_bytes.begin(), signed_bytes.end(), out);
  return message;
}

}  // namespace minegate::credential
