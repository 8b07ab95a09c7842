#pragma once
/// The bracelets projection and the revocations behind it, the same whatever
/// the order in which the events arrive: kiosks sync independently, so the
/// revocation of a bracelet may reach the server before its issue.
///
/// Every revocation is kept (bracelet_revocations, schema 0006), and after any
/// change to a tag its revocation is derived again from the tag's issues and
/// revocations by the rule an administrator's revocation goes through too
/// (server/store/bracelet_revocation_rule.hpp). A revocation of a tag with no
/// bracelet yet is pending: listed for kiosks at once when it is later than
/// what they were sent for the tag (pending_bracelet_revocations), applied
/// when the issue arrives.
/// Not thread-safe: owned by the projector, on its connection's thread.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "db/connection.hpp"
#include "db/statement.hpp"
#include "minegate/v1/events.pb.h"
#include "server/store/bracelet_revocation_rule.hpp"

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
  /// Keeps a revocation; lists it for kiosks when its tag has no bracelet yet and it is later
  /// than the tag's revocations already listed.
  db::Result<void> Record(std::int64_t log_position, const std::string& tag_uid, std::int64_t at_ms,
                          v1::RevocationReason reason, int source);
  /// The version at which a revocation of a tag with no bracelet is listed, or nullopt when
  /// one already listed for the tag is as late (kiosks refuse up to it already).
  db::Result<std::optional<std::int64_t>> ListPending(const std::string& tag_uid,
                                                      std::int64_t at_ms);

  db::Connection& connection_;
  std::unique_ptr<BraceletRevocationRule> rule_;
  std::optional<db::Statement> upsert_bracelet_;
  std::optional<db::Statement> note_first_issue_;
  std::optional<db::Statement> insert_revocation_;
  std::optional<db::Statement> latest_listed_;
};

}  // namespace minegate::server::internal
