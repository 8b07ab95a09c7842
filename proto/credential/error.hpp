#pragma once
/// Errors of the bracelet credential: decoding untrusted tag bytes and
/// verifying them. Each has its own code so a gate can say precisely why a
/// bracelet was refused.

#include <boost/system/error_code.hpp>
#include <type_traits>

#include "base/result.hpp"

namespace minegate::credential {

enum class Errc {
  // Decoding (the bytes themselves).
  empty = 1,            ///< No bytes at all.
  truncated,            ///< Fewer bytes than the layout needs.
  oversized,            ///< More bytes than any credential can have.
  unsupported_version,  ///< First byte is not a layout version we know.
  unknown_kind,         ///< Kind byte is neither bracelet nor miner card.
  bad_card_number,      ///< Miner card number empty, too long or not [0-9A-Z/-].
  trailing_bytes,       ///< Bytes after the signature.
  // Issuing (our own inputs).
  bad_uid,                  ///< Tag UID not 4, 7 or 10 bytes.
  card_number_on_bracelet,  ///< A bracelet never carries a card number.
  // Verifying (decoded, but not to be trusted).
  unknown_key,         ///< Signed by a key the key set does not hold.
  bad_signature,       ///< Signature invalid, or made for another tag UID.
  key_revoked,         ///< Key revoked, and not a bracelet the server had from it before.
  crypto_unavailable,  ///< libsodium failed to initialise.
  issued_in_future,    ///< Dated later than the verifier's clock plus the allowed skew.
};

const boost::system::error_category& ErrorCategory();
boost::system::error_code make_error_code(Errc e);

using base::Result;

}  // namespace minegate::credential

namespace boost::system {
template <>
struct is_error_code_enum<minegate::credential::Errc> : std::true_type {};
}  // namespace boost::system
