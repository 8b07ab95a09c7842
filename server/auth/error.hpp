#pragma once
/// Why a sign-in, a request's credentials or a token operation was refused. The HTTP layer maps
/// them to statuses (server/auth/README.md has the table); the messages are bilingual because
/// they reach officials. Storage failures keep the minegate.db category they came with, and the
/// registry's refusals (wrong old password, weak new one) their minegate.server.admin one.

#include <boost/system/error_code.hpp>
#include <type_traits>

#include "base/result.hpp"

namespace minegate::server::auth {

enum class Errc {
  /// Unknown user id, wrong password, disabled account, or a role with no web workspace (gate
  /// agents): one answer for all four, so that nobody learns which ids exist.
  sign_in_refused = 1,
  /// Too many failures for this user id or from this address; the lock applies to unknown ids
  /// too, so it says nothing about existence.
  sign_in_locked,
  not_signed_in,    ///< No session cookie or bearer token, or one that names nothing.
  session_expired,  ///< Idle too long, or older than the absolute lifetime.
  session_ended,    ///< Signed out, or ended by a password change or an administrator.
  account_disabled,
  /// The user must choose a new password first (an administrator reset it).
  password_change_required,
  csrf_missing,
  csrf_mismatch,
  session_required,    ///< Only a signed-in official (not a token) may do this.
  no_web_workspace,    ///< Gate agents work at kiosks: no web sign-in, no API token.
  bad_token_name,      ///< 1 to 64 printable characters.
  bad_token_validity,  ///< 1 to 90 days.
  too_many_tokens,     ///< The live tokens a user may hold at once.
  unknown_token,
  token_expired,
  token_revoked,
  token_already_revoked,
  crypto_unavailable,  ///< libsodium failed to initialise.
};

/// The category of every minegate::server::auth error: "minegate.server.auth".
const boost::system::error_category& AuthCategory() noexcept;

/// Found by argument-dependent lookup, so `boost::system::error_code ec = Errc::not_signed_in;`.
boost::system::error_code make_error_code(Errc e) noexcept;

using base::Result;
using base::Success;

}  // namespace minegate::server::auth

namespace boost::system {
template <>
struct is_error_code_enum<minegate::server::auth::Errc> : std::true_type {};
}  // namespace boost::system
