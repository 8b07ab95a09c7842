#include "server/auth/session_store.hpp"

#include "db/query.hpp"

namespace minegate::server::auth {
namespace {

std::optional<admin::SessionEnd> ParseSessionEnd(const std::string& text) {
  for (const admin::SessionEnd reason :
       {admin::SessionEnd::kSignedOut, admin::SessionEnd::kIdle, admin::SessionEnd::kAbsolute,
        admin::SessionEnd::kDisabled, admin::SessionEnd::kPasswordChanged,
        admin::SessionEnd::kRevokedByAdmin}) {
    if (admin::SessionEndName(reason) == text) return reason;
  }
  return std::nullopt;
}

SessionRecord ReadSession(const db::Statement& row) {
  SessionRecord session;
  session.session_id = row.ColumnInt64(0);
  session.user_id = row.ColumnText(1);
  // The schema's CHECKs admit only known roles and reasons.
  session.role = admin::ParseRole(row.ColumnText(2)).value_or(admin::Role::kAuditor);
  session.csrf_token = row.ColumnText(3);
  session.created_at_ms = row.ColumnInt64(4);
  session.last_seen_ms = row.ColumnInt64(5);
  if (!row.ColumnIsNull(6)) session.ended_at_ms = row.ColumnInt64(6);
  if (!row.ColumnIsNull(7)) {
    session.end_reason =
        ParseSessionEnd(row.ColumnText(7)).value_or(admin::SessionEnd::kRevokedByAdmin);
  }
  session.display_name = row.ColumnText(8);
  session.user_role = admin::ParseRole(row.ColumnText(9)).value_or(admin::Role::kAuditor);
  if (!row.ColumnIsNull(10)) session.user_disabled_at_ms = row.ColumnInt64(10);
  session.must_change_password = row.ColumnInt64(11) != 0;
  return session;
}

}  // namespace

Result<std::int64_t> SessionStore::Insert(const internal::Digest& id_digest,
                                          std::string_view user_id, admin::Role role,
                                          std::string_view csrf_token, std::int64_t now_ms) {
  auto inserted = db::Execute(connection_,
                              "INSERT INTO official_sessions (id_digest, user_id, role, "
                              "csrf_token, created_at_ms, last_seen_ms) "
                              "VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                              std::span<const std::uint8_t>(id_digest), user_id,
                              admin::RoleName(role), csrf_token, now_ms);
  if (!inserted) return inserted.error();
  return connection_.LastInsertRowId();
}

Result<std::optional<SessionRecord>> SessionStore::FindByDigest(const internal::Digest& id_digest) {
  return db::QueryFirst(connection_,
                        "SELECT s.session_id, s.user_id, s.role, s.csrf_token, s.created_at_ms, "
                        "s.last_seen_ms, s.ended_at_ms, s.end_reason, u.display_name, u.role, "
                        "u.disabled_at_ms, u.must_change_password "
                        "FROM official_sessions s JOIN users u ON u.user_id = s.user_id "
                        "WHERE s.id_digest = ?1",
                        ReadSession, std::span<const std::uint8_t>(id_digest));
}

Result<void> SessionStore::Touch(std::int64_t session_id, std::int64_t now_ms) {
  return db::Execute(connection_,
                     "UPDATE official_sessions SET last_seen_ms = ?2 "
                     "WHERE session_id = ?1 AND ended_at_ms IS NULL AND last_seen_ms < ?2",
                     session_id, now_ms);
}

Result<bool> SessionStore::End(std::int64_t session_id, admin::SessionEnd reason,
                               std::int64_t now_ms) {
  return admin::SignInRecords(connection_).EndSession(session_id, reason, now_ms);
}

Result<std::int64_t> SessionStore::EndAllOf(std::string_view user_id, admin::SessionEnd reason,
                                            std::int64_t now_ms) {
  return admin::SignInRecords(connection_).EndSessions(user_id, reason, now_ms);
}

Result<std::int64_t> SessionStore::EndExpired(std::int64_t idle_before_ms,
                                              std::int64_t begun_before_ms, std::int64_t now_ms) {
  // Absolute first: a session both idle and too old is reported by its hard limit.
  auto absolute = db::Execute(connection_,
                              "UPDATE official_sessions SET ended_at_ms = ?2, "
                              "end_reason = 'absolute' "
                              "WHERE ended_at_ms IS NULL AND created_at_ms <= ?1",
                              begun_before_ms, now_ms);
  if (!absolute) return absolute.error();
  const std::int64_t ended = connection_.Changes();
  auto idle = db::Execute(connection_,
                          "UPDATE official_sessions SET ended_at_ms = ?2, end_reason = 'idle' "
                          "WHERE ended_at_ms IS NULL AND last_seen_ms <= ?1",
                          idle_before_ms, now_ms);
  if (!idle) return idle.error();
  return ended + connection_.Changes();
}

}  // namespace minegate::server::auth
