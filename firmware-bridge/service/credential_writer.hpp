#pragma once
/// Writing a credential to the tag in the field, then reading it back.

#include "firmware-bridge/reader/nfc_reader.hpp"
#include "firmware-bridge/reader/tag_model.hpp"
#include "minegate/v1/reader.pb.h"

namespace minegate::bridge {

/// Performs `request` on the selected tag (already identified as `info`) and
/// says how it went. Refuses a tag that holds another well-formed credential
/// unless request.overwrite(); writing the credential already there succeeds
/// without rewriting it. Success means the read-back equals the request.
v1::WriteResult WriteCredential(reader::NfcReader& reader, const reader::Target& target,
                                const reader::TagInfo& info, const v1::WriteCredential& request);

}  // namespace minegate::bridge
