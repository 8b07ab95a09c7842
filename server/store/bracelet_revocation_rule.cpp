#include "server/store/bracelet_revocation_rule.hpp"

#include <tuple>
#include <utility>

#include "db/bind.hpp"
#include "db/query.hpp"

namespace minegate::server {

db::Result<std::unique_ptr<BraceletRevocationRule>> BraceletRevocationRule::Create(
    db::Connection& connection) {
  std::unique_ptr<BraceletRevocationRule> rule(new BraceletRevocationRule(connection));
  if (auto prepared = rule->Prepare(); !prepared) return prepared.error();
  return rule;
}

db::Result<void> BraceletRevocationRule::Prepare() {
  const std::pair<std::optional<db::Statement>*, const char*> statements[] = {
      {&state_,
       "SELECT revoked_at_ms, revocation_reason, issued_at_ms, "
       "first_issued_at_ms IS issued_at_ms FROM bracelets WHERE tag_uid = ?"},
      // A kiosk's revocation ranks before an administrator's at an equal time (source 2), a
      // BraceletRevoked (0, which carries the reason) before a replacement's (1).
      {&applicable_,
       "SELECT revoked_at_ms, reason FROM ("
       "  SELECT revoked_at_ms, reason, source FROM bracelet_revocations WHERE tag_uid = ?1 "
       "  UNION ALL "
       "  SELECT revoked_at_ms, reason, 2 FROM admin_bracelet_revocations WHERE tag_uid = ?1) "
       "WHERE revoked_at_ms >= ?2 OR ?3 ORDER BY revoked_at_ms, source, reason LIMIT 1"},
      {&set_revocation_,
       "UPDATE bracelets SET revoked_at_ms = ?2, revocation_reason = ?3, revoked_version = ?4 "
       "WHERE tag_uid = ?1"},
      {&bump_version_,
       "UPDATE list_versions SET version = version + 1 WHERE list = 'revoked_bracelets' "
       "RETURNING version"},
  };
  return db::PrepareAll(connection_, statements);
}

db::Result<std::optional<BraceletRevocationState>> BraceletRevocationRule::Read(
    std::span<const std::uint8_t> tag_uid) {
  if (auto bound = db::BindAll(*state_, tag_uid); !bound) return bound.error();
  return db::ReadFirst(*state_, [](const db::Statement& row) {
    BraceletRevocationState state;
    if (!row.ColumnIsNull(0)) state.revoked_at_ms = row.ColumnInt64(0);
    if (!row.ColumnIsNull(1)) state.reason = row.ColumnInt64(1);
    state.issued_at_ms = row.ColumnInt64(2);
    state.first_issue = row.ColumnInt64(3) != 0;
    return state;
  });
}

db::Result<std::optional<std::int64_t>> BraceletRevocationRule::Settle(
    std::span<const std::uint8_t> tag_uid, const BraceletRevocationState& current) {
  if (auto bound =
          db::BindAll(*applicable_, tag_uid, current.issued_at_ms, current.first_issue ? 1 : 0);
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
  if (at == current.revoked_at_ms && reason == current.reason) return std::nullopt;
  // A revocation lifted (the tag was issued again after it) leaves kiosks as they are: they
  // refuse only credentials issued up to the time they were sent, and the new one is later.
  std::optional<std::int64_t> version;
  if (at) {
    auto bumped = BumpVersion();
    if (!bumped) return bumped.error();
    version = bumped.value();
  }
  auto bound = db::BindAll(*set_revocation_, tag_uid, at, reason, version);
  if (!bound) return bound.error();
  if (auto ran = set_revocation_->Run(); !ran) return ran.error();
  return version;
}

db::Result<std::int64_t> BraceletRevocationRule::BumpVersion() {
  // The schema inserts the list's row: none (Errc::no_row) means a damaged database.
  return db::ReadOne(*bump_version_, [](const db::Statement& row) { return row.ColumnInt64(0); });
}

}  // namespace minegate::server
