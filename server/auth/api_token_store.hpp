#pragma once
/// The SQL of API tokens (table api_tokens, migration 0008). No rule here; ApiTokenService
/// decides. Threading: uses its connection, so it belongs to that connection's thread.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/connection.hpp"
#include "server/admin/role.hpp"
#include "server/admin/sign_in_records.hpp"
#include "server/auth/error.hpp"
#include "server/auth/internal/secret.hpp"

namespace minegate::server::auth {

/// A token as listed: everything but its secret, which is never stored.
struct ApiTokenInfo {
  std::string token_id;
  std::string user_id;
  std::string name;
  admin::Role role = admin::Role::kAuditor;  ///< The owner's at creation.
  std::int64_t created_at_ms = 0;
  std::int64_t expires_at_ms = 0;
  std::optional<std::int64_t> revoked_at_ms;
  std::optional<admin::TokenRevocation> revoke_reason;
  std::optional<std::int64_t> last_used_ms;
};

/// A token with what Authenticate needs: its digest and its owner's row now.
struct ApiTokenRecord {
  ApiTokenInfo info;
  internal::Digest secret_digest{};
  std::string display_name;
  admin::Role user_role = admin::Role::kAuditor;
  std::optional<std::int64_t> user_disabled_at_ms;
  bool must_change_password = false;
};

class ApiTokenStore {
 public:
  explicit ApiTokenStore(db::Connection& connection) : connection_(connection) {}

  Result<void> Insert(const ApiTokenInfo& token, const internal::Digest& secret_digest);
  Result<std::optional<ApiTokenRecord>> Find(std::string_view token_id);
  /// The user's tokens, newest first, revoked and expired ones included.
  Result<std::vector<ApiTokenInfo>> ListOf(std::string_view user_id);
  /// Tokens of the user neither revoked nor expired at `now_ms`.
  Result<std::int64_t> CountLive(std::string_view user_id, std::int64_t now_ms);
  /// False when it was already revoked.
  Result<bool> Revoke(std::string_view token_id, admin::TokenRevocation reason,
                      std::int64_t now_ms);
  Result<void> TouchUsed(std::string_view token_id, std::int64_t now_ms);

 private:
  db::Connection& connection_;
};

}  // namespace minegate::server::auth
