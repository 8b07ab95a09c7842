#pragma once
/// Issuing: the kiosk builds and signs the credential for one tag UID.

#include <cstdint>
#include <span>
#include <vector>

#include "proto/credential/credential.hpp"
#include "proto/credential/error.hpp"
#include "proto/credential/signing_key.hpp"

namespace minegate::credential {

/// The credential bytes to write on the tag whose UID is tag_uid, signed by key.
Result<std::vector<std::uint8_t>> Issue(const CredentialFields& fields,
                                        std::span<const std::uint8_t> tag_uid,
                                        const SigningKey& key);

}  // namespace minegate::credential
