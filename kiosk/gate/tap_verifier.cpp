#include "kiosk/gate/tap_verifier.hpp"

#include <span>

#include "proto/credential/codec.hpp"
#include "proto/credential/error.hpp"
#include "proto/credential/verifier.hpp"

namespace minegate::kiosk::gate {
namespace {

std::span<const std::uint8_t> Bytes(const std::string& text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

v1::Verification FromError(const boost::system::error_code& error) {
  using credential::Errc;
  if (error == credential::make_error_code(Errc::unknown_key)) {
    return v1::VERIFICATION_UNKNOWN_KEY;
  }
  if (error == credential::make_error_code(Errc::bad_signature)) {
    return v1::VERIFICATION_BAD_SIGNATURE;
  }
  if (error == credential::make_error_code(Errc::key_revoked)) {
    return v1::VERIFICATION_KEY_REVOKED;
  }
  if (error == credential::make_error_code(Errc::issued_in_future)) {
    return v1::VERIFICATION_ISSUED_IN_FUTURE;
  }
  return v1::VERIFICATION_MALFORMED;
}

}  // namespace

TapVerdict VerifyTap(const v1::TagPresented& tag, const credential::KeySet& keys,
                     std::optional<std::int64_t> revoked_at_ms, std::int64_t now_ms,
                     credential::Kind expected) {
  TapVerdict verdict;
  switch (tag.credential_read()) {
    case v1::CREDENTIAL_READ_ABSENT:
      verdict.verification = v1::VERIFICATION_NO_CREDENTIAL;
      return verdict;
    case v1::CREDENTIAL_READ_OK:
      break;
    default:
      // MALFORMED or an incomplete read: never guess what the tag holds.
      verdict.verification = v1::VERIFICATION_MALFORMED;
      return verdict;
  }
  auto decoded = credential::Decode(Bytes(tag.credential()));
  if (!decoded) {
    verdict.verification = v1::VERIFICATION_MALFORMED;
    return verdict;
  }
  verdict.credential = decoded.value();
  if (decoded.value().fields.kind != expected) {
    // A miner's card at a bracelet step (or the reverse) is not what was asked for.
    verdict.verification = v1::VERIFICATION_MALFORMED;
    return verdict;
  }
  if (auto verified = credential::Verify(decoded.value(), Bytes(tag.uid()), keys, now_ms);
      !verified) {
    verdict.verification = FromError(verified.error());
    return verdict;
  }
  // Only a credential issued after the revocation (a re-issue on the same tag)
  // escapes it.
  if (revoked_at_ms && decoded.value().fields.issued_at_ms <= *revoked_at_ms) {
    verdict.verification = v1::VERIFICATION_BRACELET_REVOKED;
    return verdict;
  }
  verdict.verification = v1::VERIFICATION_VALID;
  return verdict;
}

std::optional<credential::IssuedDigest> TappedDigest(const v1::TagPresented& tag) {
  if (tag.credential_read() != v1::CREDENTIAL_READ_OK) return std::nullopt;
  auto decoded = credential::Decode(Bytes(tag.credential()));
  if (!decoded) return std::nullopt;
  return credential::DigestOfIssued(Bytes(tag.uid()), decoded.value());
}

std::string PersonTokenOf(const credential::Credential& credential) {
  const auto& token = credential.fields.person_token;
  return std::string(token.begin(), token.end());
}

}  // namespace minegate::kiosk::gate
