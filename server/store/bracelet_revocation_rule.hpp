#pragma once
/// The one rule that gives a bracelet its revocation, for both who revoke: the projector (a
/// kiosk's BraceletRevoked or replacement, server/ingest) and an administrator (server/admin).
/// Two writers with their own rules would disagree, and a rebuild, which has only this one,
/// would undo what the other wrote.
///
/// The bracelet a tag holds is its latest issue. A revocation (bracelet_revocations, schema 0006,
/// and admin_bracelet_revocations, schema 0005) applies to it if it is not earlier than that
/// issue, or if that issue is the tag's first (a revoking kiosk saw a bracelet, so one was
/// issued: a revocation dated before every issue means a clock was off). The earliest that
/// applies, an administrator's included, gives bracelets.revoked_at_ms and the reason; a change
/// moves the 'revoked_bracelets' list version on, so kiosks receive it.
/// Threading: uses its connection, on that connection's thread, inside the caller's transaction.

#include <cstdint>
#include <memory>
#include <optional>
#include <span>

#include "db/connection.hpp"
#include "db/statement.hpp"

namespace minegate::server {

/// A bracelets row as the rule reads it: the revocation as stored, the issue it is judged against.
struct BraceletRevocationState {
  std::optional<std::int64_t> revoked_at_ms;
  std::optional<std::int64_t> reason;
  std::int64_t issued_at_ms = 0;
  bool first_issue = false;  ///< The latest issue is also the tag's earliest.
};

class BraceletRevocationRule {
 public:
  static db::Result<std::unique_ptr<BraceletRevocationRule>> Create(db::Connection& connection);

  /// The tag's bracelet, or nullopt when no issue of the tag has reached the server.
  db::Result<std::optional<BraceletRevocationState>> Read(std::span<const std::uint8_t> tag_uid);
  /// Derives the revocation of the tag's bracelet again from every revocation of the tag, and
  /// stores it if it differs from `current` (the row as Read gave it, in this transaction).
  /// Returns the 'revoked_bracelets' version it moved to, or nullopt when kiosks get nothing new.
  db::Result<std::optional<std::int64_t>> Settle(std::span<const std::uint8_t> tag_uid,
                                                 const BraceletRevocationState& current);
  /// Moves the 'revoked_bracelets' list version on and returns the new one.
  db::Result<std::int64_t> BumpVersion();

 private:
  explicit BraceletRevocationRule(db::Connection& connection) : connection_(connection) {}
  db::Result<void> Prepare();

  db::Connection& connection_;
  std::optional<db::Statement> state_;
  std::optional<db::Statement> applicable_;
  std::optional<db::Statement> set_revocation_;
  std::optional<db::Statement> bump_version_;
};

}  // namespace minegate::server
