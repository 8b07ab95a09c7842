#include "server/audit/audit_log.hpp"

#include <utility>

#include "db/query.hpp"
#include "server/audit/canonical_bytes.hpp"
#include "server/audit/internal/audit_row.hpp"

namespace minegate::server::audit {
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
  auto appender = AuditAppender::Prepare(connection, clock_);
  if (!appender) return appender.error();
  return appender.value().Append(std::move(entry));
}

Result<ChainHead> AuditLog::Head(db::Connection& connection) const {
  auto appender = AuditAppender::Prepare(connection, clock_);
  if (!appender) return appender.error();
  return appender.value().Head();
}

}  // namespace minegate::server::audit
