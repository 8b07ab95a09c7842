#pragma once
/// The SQL of web sessions (table official_sessions, migration 0008): rows found by the digest
/// of their id, with what the rules need from the user's row. No rule here; SessionService
/// decides. Ending one or all of a user's sessions goes through admin::SignInRecords, the
/// statements the registry uses when it disables an account. Threading: uses its connection, so
/// it belongs to that connection's thread.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "db/connection.hpp"
#include "server/admin/role.hpp"
#include "server/admin/sign_in_records.hpp"
#include "server/auth/error.hpp"
#include "server/auth/internal/secret.hpp"

namespace minegate::server::auth {

struct SessionRecord {
  std::int64_t session_id = 0;
  std::string user_id;
  admin::Role role = admin::Role::kAuditor;  ///< At creation.
  std::string csrf_token;
  std::int64_t created_at_ms = 0;
  std::int64_t last_seen_ms = 0;
  std::optional<std::int64_t> ended_at_ms;
  std::optional<admin::SessionEnd> end_reason;
  // From the user's row, now.
  std::string display_name;
  admin::Role user_role = admin::Role::kAuditor;
  std::optional<std::int64_t> user_disabled_at_ms;
  bool must_change_password = false;
};

class SessionStore {
 public:
  explicit SessionStore(db::Connection& connection) : connection_(connection) {}

  /// A new live session; returns its session_id.
  Result<std::int64_t> Insert(const internal::Digest& id_digest, std::string_view user_id,
                              admin::Role role, std::string_view csrf_token, std::int64_t now_ms);
  Result<std::optional<SessionRecord>> FindByDigest(const internal::Digest& id_digest);
  Result<void> Touch(std::int64_t session_id, std::int64_t now_ms);
  /// False when it had already ended.
  Result<bool> End(std::int64_t session_id, admin::SessionEnd reason, std::int64_t now_ms);
  Result<std::int64_t> EndAllOf(std::string_view user_id, admin::SessionEnd reason,
                                std::int64_t now_ms);
  /// Ends the live sessions idle since before `idle_before_ms` (kIdle) or begun before
  /// `begun_before_ms` (kAbsolute); returns how many.
  Result<std::int64_t> EndExpired(std::int64_t idle_before_ms, std::int64_t begun_before_ms,
                                  std::int64_t now_ms);

 private:
  db::Connection& connection_;
};

}  // namespace minegate::server::auth
