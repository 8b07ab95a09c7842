#pragma once
/// API tokens for officials' scripts: created by a signed-in official for their own role,
/// named, expiring within ApiTokenOptions::max_validity_days (90), shown once, stored as the
/// BLAKE2b-256 digest of their secret, listed without it, revocable by their owner or an
/// administrator, and sent as `Authorization: Bearer mgt_<id>_<secret>`.
///
/// The token text is "mgt_" + 16 hex digits (its public id, what lists and the audit show) +
/// "_" + 43 characters of base64url (32 random bytes): 64 characters a script keeps in a file
/// and a secret scanner can recognise by its prefix.
///
/// Threading: uses its connection, so it belongs to that connection's thread; no password
/// hashing here (a token secret is random, a digest suffices), but every call reads or writes
/// the database: worker threads only.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.hpp"
#include "db/connection.hpp"
#include "server/auth/api_token_store.hpp"
#include "server/auth/error.hpp"
#include "server/auth/options.hpp"
#include "server/auth/principal.hpp"

namespace minegate::server::auth {

inline constexpr std::size_t kMaxTokenNameChars = 64;

struct CreatedApiToken {
  ApiTokenInfo info;
  /// The whole token, "mgt_<id>_<secret>": shown to its owner once, never stored or logged.
  std::string token;
};

/// The token inside an Authorization header value ("Bearer mgt_...", scheme in any case);
/// nullopt for another scheme, an empty or a malformed value.
std::optional<std::string_view> FindBearerToken(std::string_view authorization_header);

class ApiTokenService {
 public:
  explicit ApiTokenService(db::Connection& connection, ApiTokenOptions options = {},
                           base::Clock clock = base::NowMs)
      : store_(connection), options_(options), clock_(std::move(clock)) {}

  /// A new token for `owner`, with owner's role. Errc::session_required unless `owner` came
  /// through a session (a token does not mint tokens: its life would have no end),
  /// password_change_required, no_web_workspace (gate agents), bad_token_name (1..64
  /// printable characters), bad_token_validity (1..max_validity_days), too_many_tokens.
  Result<CreatedApiToken> Create(const Principal& owner, std::string_view name, int validity_days);
  /// The tokens of `user_id`, newest first, with their state; never a secret.
  Result<std::vector<ApiTokenInfo>> List(std::string_view user_id);
  /// Revokes `token_id`. `by` must be its owner or an administrator; any other principal gets
  /// Errc::unknown_token, as for an id that does not exist (nobody learns others' token ids).
  /// Errc::token_already_revoked.
  Result<void> Revoke(const Principal& by, std::string_view token_id);
  /// The principal of a Bearer token. Errc::not_signed_in (no Bearer, malformed, unknown id,
  /// wrong secret), then, once the secret matched: token_revoked (also when the owner's role
  /// changed since), token_expired, account_disabled.
  Result<Principal> Authenticate(std::string_view authorization_header);

 private:
  ApiTokenStore store_;
  ApiTokenOptions options_;
  base::Clock clock_;
};

}  // namespace minegate::server::auth
