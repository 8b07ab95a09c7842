// What a gate concludes, offline, from a tapped tag: is it a bracelet a
// trusted kiosk issued for this very tag, and not revoked?
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "minegate/v1/events.pb.h"
#include "minegate/v1/reader.pb.h"
#include "proto/credential/credential.hpp"
#include "proto/credential/issued_digest.hpp"
#include "proto/credential/key_set.hpp"

namespace minegate::kiosk::gate {

struct TapVerdict {
  v1::Verification verification = v1::VERIFICATION_UNSPECIFIED;
  /// Set when the credential decoded (even if it then failed verification).
  std::optional<credential::Credential> credential;
};

/// `revoked_at_ms`: when the tag's UID was put on the revoked-bracelet list,
/// if it is there. `now_ms`: the kiosk clock (a credential dated later, beyond
/// the allowed skew, is refused). `expected`: bracelet or miner card.
TapVerdict VerifyTap(const v1::TagPresented& tag, const credential::KeySet& keys,
                     std::optional<std::int64_t> revoked_at_ms, std::int64_t now_ms,
                     credential::Kind expected = credential::Kind::bracelet);

/// The digest of the tapped (UID, credential), when the tag holds a credential
/// that decodes: what a revoked key's frozen bracelets are looked up by.
std::optional<credential::IssuedDigest> TappedDigest(const v1::TagPresented& tag);

/// The person token a credential carries, as the events and the stores hold it.
std::string PersonTokenOf(const credential::Credential& credential);

}  // namespace minegate::kiosk::gate
