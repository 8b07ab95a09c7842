#include "firmware-bridge/service/tag_report.hpp"

#include "firmware-bridge/ndef/credential_record.hpp"
#include "proto/credential/codec.hpp"

namespace minegate::bridge {

v1::TagType ToProtoTagType(const std::optional<reader::TagInfo>& info) {
  if (!info) return v1::TAG_TYPE_OTHER_ISO14443A;
  switch (info->model) {
    case reader::TagModel::ntag213:
      return v1::TAG_TYPE_NTAG213;
    case reader::TagModel::ntag215:
      return v1::TAG_TYPE_NTAG215;
    case reader::TagModel::ntag216:
      return v1::TAG_TYPE_NTAG216;
    case reader::TagModel::desfire_ev1:
      return v1::TAG_TYPE_DESFIRE_EV1;
  }
  return v1::TAG_TYPE_OTHER_ISO14443A;
}

v1::CredentialRead ClassifyCredential(const reader::Result<std::vector<std::uint8_t>>& ndef_message,
                                      std::vector<std::uint8_t>& credential) {
  credential.clear();
  if (!ndef_message) return v1::CREDENTIAL_READ_FAILED;
  if (ndef_message.value().empty()) return v1::CREDENTIAL_READ_ABSENT;
  auto payload = ndef::CredentialFromMessage(ndef_message.value());
  if (!payload) {
    // Another application's NDEF (a URL written by a phone) is not ours: absent.
    // NDEF that does not even parse is a damaged tag: malformed.
    return payload.error() == ndef::make_error_code(ndef::Errc::record_not_found)
               ? v1::CREDENTIAL_READ_ABSENT
               : v1::CREDENTIAL_READ_MALFORMED;
  }
  credential = std::move(payload).value();
  return credential::Decode(credential) ? v1::CREDENTIAL_READ_OK : v1::CREDENTIAL_READ_MALFORMED;
}

void DescribeTag(const reader::Target& target, const std::optional<reader::TagInfo>& info,
                 const reader::Result<std::vector<std::uint8_t>>& ndef_message,
                 v1::TagPresented& out) {
  out.set_uid(std::string(target.uid.begin(), target.uid.end()));
  out.set_tag_type(ToProtoTagType(info));
  out.set_memory_bytes(info ? info->memory_bytes : 0);
  std::vector<std::uint8_t> credential;
  out.set_credential_read(info ? ClassifyCredential(ndef_message, credential)
                               : v1::CREDENTIAL_READ_ABSENT);
  out.set_credential(std::string(credential.begin(), credential.end()));
}

}  // namespace minegate::bridge
