#include "server/audit/audit_log.hpp"

#include <utility>

#include "db/query.hpp"
#include "server/audit/canonical_bytes.hpp"
#include "server/audit/internal/audit_row.hpp"

namespace minegate::server::audit {
namespace {

/// The last entry's seq and stored hash, or the genesis head.
Result<ChainHead> ReadHead(db::Connection& connection) {
  auto last =
      db::QueryFirst(connection, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
                     [](const db::Statement& row) -> Result<ChainHead> {
                       ChainHead head;
                       head.count = row.ColumnInt64(0);
                       const std::vector<std::uint8_t> hash = row.ColumnBlob(1);
                       if (hash.size() != head.hash.size()) return Errc::bad_entry;
                       std::copy(hash.begin(), hash.end(), head.hash.begin());
                       return head;
                     });
  if (!last) return last.error();
  return last.value().value_or(ChainHead{});
}

}  // namespace

std::string_view ChainBreakText(ChainBreak what) {
  switch (what) {
    case ChainBreak::kHashMismatch:
      return "empreinte incorrecte : l'entrée a été modifiée / hash mismatch: the entry was "
             "altered";
    case ChainBreak::kMissingEntry:
      return "entrée manquante : supprimée du journal / missing entry: deleted from the log";
    case ChainBreak::kUnreadableEntry:
      return "entrée illisible / unreadable entry";
    case ChainBreak::kIndexMismatch:
      return "index des personnes incohérent avec les entrées / person index does not match "
             "the entries";
    case ChainBreak::kMissingTail:
      return "fin du journal manquante : des entrées ont été retirées / end of the log missing: "
             "entries were removed";
    case ChainBreak::kHeadDiffers:
      return "tête différente de celle notée : le journal a été réécrit / head differs from the "
             "one written down: the log was rewritten";
  }
  return "rupture inconnue / unknown break";
}

Result<AppendedEntry> AuditLog::Append(db::Connection& connection, AuditEntry entry) const {
  // Outside a transaction the entry would commit on its own, apart from what it records.
  if (!connection.InTransaction()) return Errc::not_in_transaction;
  if (auto normalised = NormaliseEntry(entry); !normalised) return normalised.error();
  if (entry.at_ms == 0) entry.at_ms = clock_();

  auto head = ReadHead(connection);
  if (!head) return head.error();
  AppendedEntry appended;
  appended.seq = head.value().count + 1;
  appended.hash = NextHash(head.value().hash, CanonicalBytes(appended.seq, entry));

  auto inserted = db::Execute(
      connection,
      "INSERT INTO audit_log (seq, format_version, at_ms, actor_kind, actor_id, actor_role, "
      "client_address, user_agent, action, targets, person_tokens, query, result_count, "
      "outcome, http_status, reason, case_reference, hash) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
      appended.seq, kCanonicalFormat, entry.at_ms, ActorKindName(entry.actor_kind), entry.actor_id,
      entry.actor_role, entry.client_address, entry.user_agent, entry.action,
      internal::JoinLines(entry.targets), internal::JoinLines(entry.person_tokens), entry.query,
      entry.result_count, entry.outcome, entry.http_status, entry.reason, entry.case_reference,
      db::Blob(appended.hash));
  if (!inserted) return inserted.error();
  if (!entry.person_tokens.empty()) {
    auto index =
        db::Query(connection, "INSERT INTO audit_person_tokens (person_token, seq) VALUES (?1, ?2)",
                  std::string(), appended.seq);
    if (!index) return index.error();
    for (const std::string& token : entry.person_tokens) {
      if (auto bound = db::BindAll(index.value(), token, appended.seq); !bound) {
        return bound.error();
      }
      if (auto ran = index.value().Run(); !ran) return ran.error();
    }
  }
  return appended;
}

Result<ChainHead> AuditLog::Head(db::Connection& connection) const { return ReadHead(connection); }

}  // namespace minegate::server::audit
