#pragma once
/// The bracelets projection and the revocations behind it, the same whatever
/// the order in which the events arrive: kiosks sync independently, so the
/// revocation of a bracelet may reach the server before its issue.
///
/// Every revocation is kept (bracelet_revocations, schema 0006), and after any
/// change to a tag its revocation is derived again from the tag's issues and
/// revocations: the bracelet a tag holds is its latest issue; a revocation
/// applies to it if it is not earlier than that issue, or if that issue is the
/// tag's first (a revoking kiosk saw a bracelet, so one was issued: a revocation
/// dated before every issue means a clock was off); the earliest that applies,
/// an administrator's included, gives revoked_at_ms and the reason. A change
/// moves the 'revoked_bracelets' list version on, so kiosks receive it. A
/// revocation of a tag with no bracelet yet is pending: listed for kiosks at
/// once (pending_bracelet_revocations), applied when the issue arrives.
/// Not thread-safe: owned by the projector, on its connection's thread.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "db/connection.hpp"
#include "db/statement.hpp"
#include "minegate/v1/events.pb.h"

namespace minegate::server::internal {

class BraceletProjection {
 public:
  static db::Result<std::unique_ptr<BraceletProjection>> Create(db::Connection& connection);

  /// A BraceletIssued at its log position: the tag's bracelet, and the revocation of the
  /// bracelet it replaces.
  db::Result<void> Issue(std::int64_t log_position, const v1::Event& event);
  /// A BraceletRevoked at its log position.
  db::Result<void> Revoke(std::int64_t log_position, const v1::Event& event);

 private:
  explicit BraceletProjection(db::Connection& connection) : connection_(connection) {}
  db::Result<void> Prepare();
  /// Keeps a revocation; lists it for kiosks when its tag has no bracelet yet.
  db::Result<void> Record(std::int64_t log_position, const std::string& tag_uid, std::int64_t at_ms,
                          v1::RevocationReason reason, int source);
  /// Derives the tag's revocation again and stores it if it changed.
  db::Result<void> Settle(const std::string& tag_uid);
  db::Result<std::int64_t> BumpRevokedVersion();

  db::Connection& connection_;
  std::optional<db::Statement> upsert_bracelet_;
  std::optional<db::Statement> note_first_issue_;
  std::optional<db::Statement> bracelet_state_;
  std::optional<db::Statement> insert_revocation_;
  std::optional<db::Statement> applicable_;
  std::optional<db::Statement> set_revocation_;
  std::optional<db::Statement> bump_revoked_version_;
};

}  // namespace minegate::server::internal
