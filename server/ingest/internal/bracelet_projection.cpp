#include "server/ingest/internal/bracelet_projection.hpp"

#include <optional>
#include <utility>

#include "db/bind.hpp"
#include "db/query.hpp"

namespace minegate::server::internal {
namespace {

using db::Blob;

/// bracelet_revocations.source; an administrator's revocation ranks last among equal times.
constexpr int kRevokedEvent = 0;
constexpr int kReplacement = 1;

}  // namespace

db::Result<std::unique_ptr<BraceletProjection>> BraceletProjection::Create(
    db::Connection& connection) {
  std::unique_ptr<BraceletProjection> projection(new BraceletProjection(connection));
  if (auto prepared = projection->Prepare(); !prepared) return prepared.error();
  return projection;
}

db::Result<void> BraceletProjection::Prepare() {
  auto rule = BraceletRevocationRule::Create(connection_);
  if (!rule) return rule.error();
  rule_ = std::move(rule).value();
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
      // Never NULL: the insert above sets it, and migration 0006 set it on the rows before it.
      {&note_first_issue_,
       "UPDATE bracelets SET first_issued_at_ms = min(first_issued_at_ms, ?2) WHERE tag_uid = ?1"},
      {&insert_revocation_,
       "INSERT INTO bracelet_revocations (log_position, tag_uid, revoked_at_ms, reason, source, "
       "listed_version) VALUES (?, ?, ?, ?, ?, ?)"},
      {&latest_listed_,
       "SELECT max(revoked_at_ms) FROM bracelet_revocations "
       "WHERE tag_uid = ? AND listed_version IS NOT NULL"},
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
  const Blob uid(b.tag_uid());
  auto state = rule_->Read(uid.bytes);
  if (!state) return state.error();
  if (!state.value()) return db::make_error_code(db::Errc::no_row);  // upserted just above
  if (auto settled = rule_->Settle(uid.bytes, *state.value()); !settled) return settled.error();
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
  const Blob uid(tag_uid);
  auto state = rule_->Read(uid.bytes);
  if (!state) return state.error();
  std::optional<std::int64_t> listed;
  if (!state.value()) {
    auto pending = ListPending(tag_uid, at_ms);
    if (!pending) return pending.error();
    listed = pending.value();
  }
  auto bound = db::BindAll(*insert_revocation_, log_position, uid, at_ms, static_cast<int>(reason),
                           source, listed);
  if (!bound) return bound.error();
  if (auto ran = insert_revocation_->Run(); !ran) return ran.error();
  if (!state.value()) return db::Success();
  auto settled = rule_->Settle(uid.bytes, *state.value());
  if (!settled) return settled.error();
  return db::Success();
}

db::Result<std::optional<std::int64_t>> BraceletProjection::ListPending(const std::string& tag_uid,
                                                                        std::int64_t at_ms) {
  if (auto bound = db::BindAll(*latest_listed_, Blob(tag_uid)); !bound) return bound.error();
  auto latest = db::ReadOne(*latest_listed_, [](const db::Statement& row) {
    return row.ColumnIsNull(0) ? std::optional<std::int64_t>() : row.ColumnInt64(0);
  });
  if (!latest) return latest.error();
  // A kiosk refuses the UID's credentials issued up to the time it was sent: an earlier or
  // equal one changes nothing there, and moving the version would only send every kiosk an
  // empty update.
  if (latest.value() && at_ms <= *latest.value()) return std::nullopt;
  // Pending: every kiosk refuses the UID from now on, before its issue reaches the server.
  auto version = rule_->BumpVersion();
  if (!version) return version.error();
  return std::optional<std::int64_t>(version.value());
}

}  // namespace minegate::server::internal
