#include "server/admin/bracelet_revocations.hpp"

#include <algorithm>
#include <cassert>

#include "db/query.hpp"
#include "db/transaction.hpp"
#include "server/admin/internal/text_checks.hpp"
#include "server/store/bracelet_revocation_rule.hpp"

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
  auto rule = BraceletRevocationRule::Create(connection);
  if (!rule) return rule.error();
  auto state = rule.value()->Read(uid);
  if (!state) return state.error();
  if (!state.value()) return Errc::unknown_bracelet;
  const BraceletRevocationState& bracelet = *state.value();
  if (bracelet.revoked_at_ms) return Errc::bracelet_already_revoked;
  // From now, and not before the issue of the bracelet the administrator revokes (a kiosk's
  // clock ahead): dated earlier, the rule would not apply it to that bracelet.
  const std::int64_t at = std::max(clock(), bracelet.issued_at_ms);
  auto kept = db::Execute(connection,
                          "INSERT INTO admin_bracelet_revocations "
                          "(tag_uid, revoked_at_ms, reason, note) VALUES (?1, ?2, ?3, ?4)",
                          uid, at, static_cast<std::int64_t>(reason), note);
  if (!kept) return kept.error();
  // Applied by the rule the projector and the rebuild follow: the earliest revocation that
  // applies, which is this one (the bracelet had none) unless the projection was out of step.
  auto version = rule.value()->Settle(uid, bracelet);
  if (!version) return version.error();
  assert(version.value() && "an applicable revocation of an unrevoked bracelet moves the list");
  if (!version.value()) return db::make_error_code(db::Errc::internal);
  if (auto committed = transaction.value().Commit(); !committed) return committed.error();
  return *version.value();
}

}  // namespace minegate::server::admin
