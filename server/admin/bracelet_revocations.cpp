#include "server/admin/bracelet_revocations.hpp"

#include "db/query.hpp"
#include "db/statement.hpp"
#include "db/transaction.hpp"
#include "server/admin/internal/list_versions.hpp"
#include "server/admin/internal/text_checks.hpp"

namespace minegate::server::admin {

std::optional<v1::RevocationReason> ParseRevocationReason(std::string_view name) {
  if (name == "lost") return v1::REVOCATION_REASON_LOST;
  if (name == "damaged") return v1::REVOCATION_REASON_DAMAGED;
  if (name == "suspected_clone") return v1::REVOCATION_REASON_SUSPECTED_CLONE;
  if (name == "left_region") return v1::REVOCATION_REASON_LEFT_REGION;
  return std::nullopt;
}

Result<std::int64_t> RevokeBracelet(db::Connection& connection, std::span<const std::uint8_t> uid,
                                    v1::RevocationReason reason, std::string_view note,
                                    const base::Clock& clock) {
  if (uid.size() != 4 && uid.size() != 7 && uid.size() != 10) return Errc::bad_tag_uid;
  if (reason == v1::REVOCATION_REASON_UNSPECIFIED || !v1::RevocationReason_IsValid(reason)) {
    return Errc::bad_revocation_reason;
  }
  if (!note.empty() && !internal::IsPrintableText(note, kMaxRevocationNoteChars)) {
    return Errc::bad_note;
  }
  auto transaction = db::Transaction::Begin(connection, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  auto state = db::QueryFirst(
      connection, "SELECT revoked_at_ms IS NOT NULL FROM bracelets WHERE tag_uid = ?1",
      [](const db::Statement& row) { return row.ColumnInt64(0) != 0; }, uid);
  if (!state) return state.error();
  if (!state.value()) return Errc::unknown_bracelet;
  if (*state.value()) return Errc::bracelet_already_revoked;
  const std::int64_t now = clock();
  auto kept = db::Execute(connection,
                          "INSERT INTO admin_bracelet_revocations "
                          "(tag_uid, revoked_at_ms, reason, note) VALUES (?1, ?2, ?3, ?4)",
                          uid, now, static_cast<std::int64_t>(reason), note);
  if (!kept) return kept.error();
  auto version = internal::BumpListVersion(connection, "revoked_bracelets");
  if (!version) return version.error();
  auto applied = db::Execute(connection,
                             "UPDATE bracelets SET revoked_at_ms = ?2, revocation_reason = ?3, "
                             "revoked_version = ?4 WHERE tag_uid = ?1",
                             uid, now, static_cast<std::int64_t>(reason), version.value());
  if (!applied) return applied.error();
  if (auto committed = transaction.value().Commit(); !committed) return committed.error();
  return version.value();
}

}  // namespace minegate::server::admin
