// AuditLog::Verify: the chain recomputed entry by entry, then the person-token index checked
// against what the entries name, then the expected head if one was written down.
#include <algorithm>
#include <string>
#include <utility>

#include "base/hex.hpp"
#include "db/query.hpp"
#include "db/transaction.hpp"
#include "server/audit/audit_log.hpp"
#include "server/audit/canonical_bytes.hpp"
#include "server/audit/internal/audit_row.hpp"

namespace minegate::server::audit {
namespace {

void RecordBreak(VerifyReport& report, std::int64_t seq, ChainBreak what, std::string detail) {
  report.broken = BrokenEntry{seq, what, std::move(detail)};
}

std::string Number(std::int64_t value) { return std::to_string(value); }

/// Index rows that name an entry which does not name them back (or no entry at all): the
/// first by seq. Reached only when the counts differ, so the walk costs nothing on a sound log.
Result<void> FindExtraIndexRow(db::Connection& connection, VerifyReport& report) {
  auto rows = db::Query(connection,
                        "SELECT t.seq, t.person_token, a.person_tokens FROM audit_person_tokens t "
                        "LEFT JOIN audit_log a ON a.seq = t.seq ORDER BY t.seq");
  if (!rows) return rows.error();
  return db::ForEachRow(rows.value(), [&](const db::Statement& row) -> Result<bool> {
    const std::string token = row.ColumnText(1);
    const std::vector<std::string> named =
        row.ColumnIsNull(2) ? std::vector<std::string>() : internal::SplitLines(row.ColumnText(2));
    if (std::find(named.begin(), named.end(), token) != named.end()) return true;
    RecordBreak(report, row.ColumnInt64(0), ChainBreak::kIndexMismatch,
                "l'index nomme la personne " + token + " pour une entrée qui ne la nomme pas / " +
                    "the index names person " + token + " for an entry that does not name it");
    return false;
  });
}

/// The append-only triggers of schema 0007 that are not in the schema any more.
Result<std::vector<std::string>> MissingGuards(db::Connection& connection) {
  std::vector<std::string> missing;
  for (const char* name : {"audit_log_no_update", "audit_log_no_delete", "audit_log_no_replace",
                           "audit_person_tokens_no_update", "audit_person_tokens_no_delete"}) {
    auto present = db::Exists(
        connection, "SELECT 1 FROM sqlite_schema WHERE type = 'trigger' AND name = ?1", name);
    if (!present) return present.error();
    if (!present.value()) missing.emplace_back(name);
  }
  return missing;
}

}  // namespace

Result<VerifyReport> AuditLog::Verify(db::Connection& connection,
                                      const std::optional<ChainHead>& expected) const {
  // One snapshot: entries appended meanwhile are neither half-seen nor counted.
  auto snapshot = db::Transaction::Begin(connection, db::Transaction::Mode::kDeferred);
  if (!snapshot) return snapshot.error();
  VerifyReport report;
  std::int64_t tokens_named = 0;
  auto guards = MissingGuards(connection);
  if (!guards) return guards.error();
  report.missing_guards = std::move(guards).value();

  auto entries = db::Query(connection, "SELECT " + std::string(internal::kAuditColumns) +
                                           " FROM audit_log ORDER BY seq");
  if (!entries) return entries.error();
  auto indexed = db::Query(connection,
                           "SELECT 1 FROM audit_person_tokens WHERE person_token = ?1 AND seq = ?2",
                           std::string(), std::int64_t{0});
  if (!indexed) return indexed.error();

  auto walked = db::ForEachRow(entries.value(), [&](const db::Statement& row) -> Result<bool> {
    const std::int64_t seq = row.ColumnInt64(0);
    const std::int64_t wanted = report.head.count + 1;
    if (seq > wanted) {
      RecordBreak(report, wanted, ChainBreak::kMissingEntry,
                  "entrée n° " + Number(wanted) + " absente, la suivante est n° " + Number(seq) +
                      " / entry " + Number(wanted) + " missing, the next is " + Number(seq));
      return false;
    }
    if (seq < wanted) {
      RecordBreak(report, seq, ChainBreak::kUnreadableEntry,
                  "numéro hors séquence / sequence number out of order: " + Number(seq));
      return false;
    }
    auto record = internal::ReadAuditRow(row);
    if (!record) {
      RecordBreak(report, seq, ChainBreak::kUnreadableEntry, record.error().message());
      return false;
    }
    const AuditRecord& stored = record.value();
    const ChainHash computed = NextHash(report.head.hash, CanonicalBytes(seq, stored.entry));
    if (computed != stored.hash) {
      RecordBreak(report, seq, ChainBreak::kHashMismatch,
                  "recalculée / recomputed " + base::ToHex(computed) + ", enregistrée / stored " +
                      base::ToHex(stored.hash));
      return false;
    }
    for (const std::string& token : stored.entry.person_tokens) {
      if (auto bound = db::BindAll(indexed.value(), token, seq); !bound) return bound.error();
      auto present = db::HasRow(indexed.value());
      if (!present) return present.error();
      if (!present.value()) {
        RecordBreak(report, seq, ChainBreak::kIndexMismatch,
                    "la personne " + token + " manque à l'index / person " + token +
                        " is missing from the index");
        return false;
      }
    }
    tokens_named += static_cast<std::int64_t>(stored.entry.person_tokens.size());
    report.head = ChainHead{seq, computed};
    ++report.entries_checked;
    if (expected && seq == expected->count && computed != expected->hash) {
      RecordBreak(report, seq, ChainBreak::kHeadDiffers,
                  "attendue / expected " + base::ToHex(expected->hash) + ", trouvée / found " +
                      base::ToHex(computed));
      return false;
    }
    return true;
  });
  if (!walked) return walked.error();
  if (report.broken) return report;

  if (expected && expected->count == 0 && expected->hash != kGenesisHash) {
    RecordBreak(report, 0, ChainBreak::kHeadDiffers,
                "une tête vide a l'empreinte nulle / an empty head has the zero hash");
    return report;
  }
  if (expected && report.head.count < expected->count) {
    RecordBreak(report, report.head.count + 1, ChainBreak::kMissingTail,
                Number(expected->count) + " entrées attendues, le journal s'arrête à " +
                    Number(report.head.count) + " / " + Number(expected->count) +
                    " entries expected, the log ends at " + Number(report.head.count));
    return report;
  }

  auto index_rows = db::QueryOne(connection, "SELECT count(*) FROM audit_person_tokens",
                                 [](const db::Statement& row) { return row.ColumnInt64(0); });
  if (!index_rows) return index_rows.error();
  if (index_rows.value() != tokens_named) {
    if (auto found = FindExtraIndexRow(connection, report); !found) return found.error();
  }
  return report;
}

}  // namespace minegate::server::audit
