#include "firmware-bridge/ndef/credential_record.hpp"

#include "firmware-bridge/ndef/record.hpp"
#include "firmware-bridge/ndef/type2_tlv.hpp"
#include "proto/credential/credential.hpp"

namespace minegate::ndef {

std::vector<std::uint8_t> CredentialMessage(std::span<const std::uint8_t> credential) {
  const Record record = MakeExternalRecord(credential::kNdefExternalType, credential);
  return EncodeMessage(std::span(&record, 1));
}

std::vector<std::uint8_t> CredentialType2Area(std::span<const std::uint8_t> credential) {
  return EncodeType2Area(CredentialMessage(credential));
}

Result<std::vector<std::uint8_t>> CredentialFromMessage(std::span<const std::uint8_t> message) {
  if (message.empty()) return Errc::record_not_found;
  auto records = DecodeMessage(message);
  if (!records) return records.error();
  auto payload = FindExternal(records.value(), credential::kNdefExternalType);
  if (!payload) return payload.error();
  return std::vector<std::uint8_t>(payload.value().begin(), payload.value().end());
}

Result<std::vector<std::uint8_t>> CredentialFromType2Area(std::span<const std::uint8_t> memory) {
  auto message = ExtractNdefFromType2Area(memory);
  if (!message) return message.error();
  return CredentialFromMessage(message.value());
}

}  // namespace minegate::ndef
