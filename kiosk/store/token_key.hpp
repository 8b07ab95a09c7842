// How the kiosk's own tables name a person: never by her person token, only by
// a one-way key derived from it.
//
// The person token is what links a bracelet to the server's records. The
// roster cache and the census tally need to find a person again when her
// bracelet is tapped, not to know her token: so they are keyed by
// BLAKE2b(token) keyed with a domain string. Whoever holds the bracelet as
// well as the stolen kiosk can compute the key and find her row (the bracelet
// already names her); a dump of the database alone gives no token, so it can
// neither be matched against the server's records nor written onto a forged
// bracelet. Tokens are 128 random bits: the key cannot be reversed by search.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace minegate::kiosk::store {

/// Domain of the derivation: a new version gives unrelated keys.
inline constexpr std::string_view kTokenKeyDomain = "minegate-kiosk-token-v1";
/// Bytes in a token key (the width of the person_token columns it replaces).
inline constexpr std::size_t kTokenKeyBytes = 16;

/// crypto_generichash(token, key = kTokenKeyDomain), kTokenKeyBytes bytes.
std::string TokenKey(std::string_view person_token);

}  // namespace minegate::kiosk::store
