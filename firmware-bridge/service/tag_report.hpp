#pragma once
/// Turns what was read from a tag into the TagPresented message the kiosk gets.

#include <cstdint>
#include <optional>
#include <vector>

#include "firmware-bridge/reader/error.hpp"
#include "firmware-bridge/reader/nfc_reader.hpp"
#include "firmware-bridge/reader/tag_model.hpp"
#include "minegate/v1/reader.pb.h"

namespace minegate::bridge {

v1::TagType ToProtoTagType(const std::optional<reader::TagInfo>& info);

/// Fills uid, type, memory and the credential fields from the NDEF read.
/// The credential is decoded (well-formedness only); the kiosk verifies it.
void DescribeTag(const reader::Target& target, const std::optional<reader::TagInfo>& info,
                 const reader::Result<std::vector<std::uint8_t>>& ndef_message,
                 v1::TagPresented& out);

/// CREDENTIAL_READ_OK with the bytes when `ndef_message` holds a credential that
/// decodes; ABSENT, MALFORMED or FAILED otherwise.
v1::CredentialRead ClassifyCredential(const reader::Result<std::vector<std::uint8_t>>& ndef_message,
                                      std::vector<std::uint8_t>& credential);

}  // namespace minegate::bridge
