#include "server/ingest/internal/bracelet_projection.hpp"

#include <optional>
#include <tuple>
#include <utility>

#include "db/bind.hpp"
#include "db/query.hpp"

namespace minegate::server::internal {
namespace {

using db::Blob;

/// bracelet_revocations.source; an administrator's revocation ranks last among equal times.
constexpr int kRevokedEvent = 0;
constexpr int kReplacement = 1;

/// A row of bracelet_state_: the revocation as projected, and the issue it is judged against.
struct BraceletState {
  std::optional<std::int64_t> revoked_at;
  std::optional<std::int64_t> reason;
  std::int64_t issued_at = 0;
  bool first_issue = false;
};

BraceletState ReadBraceletState(const db::Statement& row) {
  BraceletState state;
  if (!row.ColumnIsNull(0)) state.revoked_at = row.ColumnInt64(0);
  if (!row.ColumnIsNull(1)) state.reason = row.ColumnInt64(1);
  state.issued_at = row.ColumnInt64(2);
  state.first_issue = row.ColumnInt64(3) != 0;
  return state;
}

}  // namespace

db::Result<std::unique_ptr<BraceletProjection>> BraceletProjection::Create(
    db::Connection& connection) {
  std::unique_ptr<BraceletProjection> projection(new BraceletProjection(connection));
  if (auto prepared = projection->Prepare(); !prepared) return prepared.error();
  return projection;
}

db::Result<void> BraceletProjection::Prepare() {
  const std::pair<std::optional<db::Statement>*, const char*> statements[] = {
      // The latest issue of a tag is the bracelet it holds, whichever arrives first (equal
      // times, which two real issues never have, are settled by the credential's bytes).
      // Its revocation is settled afterwards.
      {&upsert_bracelet_,
       "INSERT INTO bracelets (tag_uid, person_token, tag_type, credential, issued_at_ms, "
       "issued_site_id, issuing_device_id, first_issued_at_ms) "
       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?5) "
       "ON CONFLICT (tag_uid) DO UPDATE SET person_token = excluded.person_token, "
       "tag_type = excluded.tag_type, credential = excluded.credential, "
       "issued_at_ms = excluded.issued_at_ms, issued_site_id = excluded.issued_site_id, "
       "issuing_device_id = excluded.issuing_device_id "
       "WHERE excluded.issued_at_ms > bracelets.issued_at_ms OR "
       "(excluded.issued_at_ms = bracelets.issued_at_ms AND "
       "excluded.credential > bracelets.credential)"},
      {&note_first_issue_,
       "UPDATE bracelets SET first_issued_at_ms = min(coalesce(first_issued_at_ms, ?2), ?2) "
       "WHERE tag_uid = ?1"},
      {&bracelet_state_,
       "SELECT revoked_at_ms, revocation_reason, issued_at_ms, "
       "first_issued_at_ms IS issued_at_ms FROM bracelets WHERE tag_uid = ?"},
      {&insert_revocation_,
       "INSERT INTO bracelet_revocations (log_position, tag_uid, revoked_at_ms, reason, source, "
       "listed_version) VALUES (?, ?, ?, ?, ?, ?)"},
      {&applicable_,
       "SELECT revoked_at_ms, reason FROM ("
       "  SELECT revoked_at_ms, reason, source FROM bracelet_revocations WHERE tag_uid = ?1 "
       "  UNION ALL "
       "  SELECT revoked_at_ms, reason, 2 FROM admin_bracelet_revocations WHERE tag_uid = ?1) "
       "WHERE revoked_at_ms >= ?2 OR ?3 ORDER BY revoked_at_ms, source, reason LIMIT 1"},
      {&set_revocation_,
       "UPDATE bracelets SET revoked_at_ms = ?2, revocation_reason = ?3, revoked_version = ?4 "
       "WHERE tag_uid = ?1"},
      {&bump_revoked_version_,
       "UPDATE list_versions SET version = version + 1 WHERE list = 'revoked_bracelets' "
       "RETURNING version"},
  };
  return db::PrepareAll(connection_, statements);
}

db::Result<void> BraceletProjection::Issue(std::int64_t log_position, const v1::Event& event) {
  const auto& b = event.bracelet_issued();
  const std::int64_t at = event.occurred_at_ms();
  auto bound = db::BindAll(*upsert_bracelet_, Blob(b.tag_uid()), Blob(b.person_token()),
                           static_cast<int>(b.tag_type()), Blob(b.credential()), at,
                           event.site_id(), event.device_id());
  if (!bound) return bound.error();
  if (auto ran = upsert_bracelet_->Run(); !ran) return ran.error();
  if (auto noted = db::BindAll(*note_first_issue_, Blob(b.tag_uid()), at); !noted) {
    return noted.error();
  }
  if (auto ran = note_first_issue_->Run(); !ran) return ran.error();
  if (auto settled = Settle(b.tag_uid()); !settled) return settled.error();
  if (b.replaces_tag_uid().empty() || b.replaces_tag_uid() == b.tag_uid()) return db::Success();
  // A replacement revokes the bracelet it replaces as lost, unless a BraceletRevoked (which
  // carries the reason, and ranks first at an equal time) says otherwise.
  return Record(log_position, b.replaces_tag_uid(), at, v1::REVOCATION_REASON_LOST, kReplacement);
}

db::Result<void> BraceletProjection::Revoke(std::int64_t log_position, const v1::Event& event) {
  const auto& r = event.bracelet_revoked();
  return Record(log_position, r.tag_uid(), event.occurred_at_ms(), r.reason(), kRevokedEvent);
}

db::Result<void> BraceletProjection::Record(std::int64_t log_position, const std::string& tag_uid,
                                            std::int64_t at_ms, v1::RevocationReason reason,
                                            int source) {
  if (auto bound = db::BindAll(*bracelet_state_, Blob(tag_uid)); !bound) return bound.error();
  auto row = db::HasRow(*bracelet_state_);
  if (!row) return row.error();
  const bool has_bracelet = row.value();
  std::optional<std::int64_t> listed;
  if (!has_bracelet) {
    // Pending: every kiosk refuses the UID from now on, before its issue reaches the server.
    auto version = BumpRevokedVersion();
    if (!version) return version.error();
    listed = version.value();
  }
  auto bound = db::BindAll(*insert_revocation_, log_position, Blob(tag_uid), at_ms,
                           static_cast<int>(reason), source, listed);
  if (!bound) return bound.error();
  if (auto ran = insert_revocation_->Run(); !ran) return ran.error();
  if (!has_bracelet) return db::Success();
  return Settle(tag_uid);
}

db::Result<void> BraceletProjection::Settle(const std::string& tag_uid) {
  if (auto bound = db::BindAll(*bracelet_state_, Blob(tag_uid)); !bound) return bound.error();
  auto state = db::ReadFirst(*bracelet_state_, ReadBraceletState);
  if (!state) return state.error();
  if (!state.value()) return db::Success();
  const BraceletState& current = *state.value();

  if (auto bound =
          db::BindAll(*applicable_, Blob(tag_uid), current.issued_at, current.first_issue ? 1 : 0);
      !bound) {
    return bound.error();
  }
  auto applies = db::ReadFirst(*applicable_, [](const db::Statement& row) {
    return std::pair{row.ColumnInt64(0), row.ColumnInt64(1)};
  });
  if (!applies) return applies.error();
  std::optional<std::int64_t> at;
  std::optional<std::int64_t> reason;
  if (applies.value()) std::tie(at, reason) = *applies.value();
  if (at == current.revoked_at && reason == current.reason) return db::Success();
  // A revocation lifted (the tag was issued again after it) leaves kiosks as they are: they
  // refuse only credentials issued up to the revocation, which the new one is not.
  std::optional<std::int64_t> version;
  if (at) {
    auto bumped = BumpRevokedVersion();
    if (!bumped) return bumped.error();
    version = bumped.value();
  }
  auto bound = db::BindAll(*set_revocation_, Blob(tag_uid), at, reason, version);
  if (!bound) return bound.error();
  return set_revocation_->Run();
}

db::Result<std::int64_t> BraceletProjection::BumpRevokedVersion() {
  // The schema inserts the list's row: none (Errc::no_row) means a damaged database.
  return db::ReadOne(*bump_revoked_version_,
                     [](const db::Statement& row) { return row.ColumnInt64(0); });
}

}  // namespace minegate::server::internal
