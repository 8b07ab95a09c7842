#include "server/audit/audit_appender.hpp"

#include <algorithm>
#include <utility>

#include "db/bind.hpp"
#include "db/query.hpp"
#include "server/audit/canonical_bytes.hpp"
#include "server/audit/internal/audit_row.hpp"

namespace minegate::server::audit {

Result<AuditAppender> AuditAppender::Prepare(db::Connection& connection, base::Clock clock) {
  AuditAppender appender(connection, std::move(clock));
  const std::pair<std::optional<db::Statement>*, const char*> statements[] = {
      {&appender.head_, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"},
      {&appender.insert_,
       "INSERT INTO audit_log (seq, format_version, at_ms, actor_kind, actor_id, actor_role, "
       "client_address, user_agent, action, targets, person_tokens, query, result_count, "
       "outcome, http_status, reason, case_reference, hash) "
       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)"},
      {&appender.index_, "INSERT INTO audit_person_tokens (person_token, seq) VALUES (?1, ?2)"},
  };
  if (auto prepared = db::PrepareAll(connection, statements); !prepared) return prepared.error();
  return appender;
}

Result<ChainHead> AuditAppender::Head() {
  auto last = db::ReadFirst(*head_, [](const db::Statement& row) -> Result<ChainHead> {
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

Result<AppendedEntry> AuditAppender::Append(AuditEntry entry) {
  // Outside a transaction the entry would commit on its own, apart from what it records.
  if (!connection_->InTransaction()) return Errc::not_in_transaction;
  if (auto normalised = NormaliseEntry(entry); !normalised) return normalised.error();
  if (entry.at_ms == 0) entry.at_ms = clock_();

  auto head = Head();
  if (!head) return head.error();
  AppendedEntry appended;
  appended.seq = head.value().count + 1;
  appended.hash = NextHash(head.value().hash, CanonicalBytes(appended.seq, entry));

  auto bound = db::BindAll(
      *insert_, appended.seq, kCanonicalFormat, entry.at_ms, ActorKindName(entry.actor_kind),
      entry.actor_id, entry.actor_role, entry.client_address, entry.user_agent, entry.action,
      internal::JoinLines(entry.targets), internal::JoinLines(entry.person_tokens), entry.query,
      entry.result_count, entry.outcome, entry.http_status, entry.reason, entry.case_reference,
      db::Blob(appended.hash));
  if (!bound) return bound.error();
  if (auto inserted = insert_->Run(); !inserted) return inserted.error();
  for (const std::string& token : entry.person_tokens) {
    if (auto index_bound = db::BindAll(*index_, token, appended.seq); !index_bound) {
      return index_bound.error();
    }
    if (auto ran = index_->Run(); !ran) return ran.error();
  }
  return appended;
}

}  // namespace minegate::server::audit
