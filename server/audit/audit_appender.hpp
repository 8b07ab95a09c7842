#pragma once
/// Appends audit entries on one connection with its statements compiled once. The audit
/// writer keeps one for its whole life: compiling the INSERT (with the table's triggers and
/// indexes) and the head's SELECT was about half of what an entry cost it. AuditLog::Append
/// makes a short-lived one for a single entry.
///
/// Threading: the connection's thread; the connection must outlive the appender.

#include <optional>

#include "base/clock.hpp"
#include "db/connection.hpp"
#include "db/statement.hpp"
#include "server/audit/audit_entry.hpp"
#include "server/audit/chain_hash.hpp"
#include "server/audit/error.hpp"

namespace minegate::server::audit {

/// Where an appended entry went.
struct AppendedEntry {
  std::int64_t seq = 0;
  ChainHash hash{};
};

class AuditAppender {
 public:
  /// Compiles the statements on `connection` (errors returned).
  static Result<AuditAppender> Prepare(db::Connection& connection, base::Clock clock = base::NowMs);

  /// Normalises and appends `entry` after the last one, inside the transaction the caller holds
  /// on the connection (Errc::not_in_transaction otherwise; open it kImmediate: the chain's head
  /// is read then written). at_ms 0 becomes the clock's now. Errc::bad_entry for an entry that
  /// NormaliseEntry refuses.
  Result<AppendedEntry> Append(AuditEntry entry);

  /// The last entry's seq and stored hash; {0, kGenesisHash} for an empty log. Not verified.
  Result<ChainHead> Head();

 private:
  AuditAppender(db::Connection& connection, base::Clock clock)
      : connection_(&connection), clock_(std::move(clock)) {}

  db::Connection* connection_;
  base::Clock clock_;
  std::optional<db::Statement> head_;
  std::optional<db::Statement> insert_;
  std::optional<db::Statement> index_;
};

}  // namespace minegate::server::audit
