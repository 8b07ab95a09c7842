#pragma once
/// The audit log's store: the only code that reads or writes audit_log and
/// audit_person_tokens, and it only inserts (docs/audit.md). Append writes inside the caller's
/// transaction, so a change and its entry commit together or not at all; Verify recomputes the
/// chain; Head gives what an auditor writes down; Find serves the auditors' workspace.
///
/// Threading: holds no connection and no state but its clock; each call uses the connection it
/// is given, on that connection's thread.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/clock.hpp"
#include "db/connection.hpp"
#include "server/audit/audit_appender.hpp"
#include "server/audit/audit_entry.hpp"
#include "server/audit/chain_hash.hpp"
#include "server/audit/error.hpp"

namespace minegate::server::audit {

/// An entry as stored: its place in the chain, the entry, its chain hash.
struct AuditRecord {
  std::int64_t seq = 0;
  AuditEntry entry;
  ChainHash hash{};
};

/// What the auditors filter on; every field set must match (AND). Empty optionals match all.
struct AuditFilter {
  std::optional<std::string> actor_id;      ///< "user": exactly this actor id.
  std::optional<std::string> actor_role;    ///< Exactly this role name.
  std::optional<std::string> action;        ///< Exactly this route pattern or command.
  std::optional<std::string> person_token;  ///< Entries naming this token (lower-case hex).
  std::optional<std::int64_t> from_ms;      ///< at_ms >= from_ms.
  std::optional<std::int64_t> to_ms;        ///< at_ms < to_ms.
  /// "ok", "refused", "error" match every outcome of that kind ("refused:..." included); a text
  /// with a ':' matches exactly.
  std::optional<std::string> outcome;
};

/// One page, newest first. next_cursor is empty on the last page.
struct AuditPage {
  std::vector<AuditRecord> records;
  std::string next_cursor;
};

inline constexpr int kMaxPageSize = 500;

/// What is wrong at the first broken place of the chain.
enum class ChainBreak {
  kHashMismatch,     ///< The entry's fields (or its predecessor's hash) are not what was hashed.
  kMissingEntry,     ///< No entry with this seq: deleted from the middle.
  kUnreadableEntry,  ///< A seq out of order, a format this build does not know, a bad field.
  kIndexMismatch,    ///< The person-token index does not match the tokens the entries name.
  kMissingTail,      ///< Fewer entries than the expected head counts: the end was cut off.
  kHeadDiffers,      ///< The entry at the expected count is not the expected hash: rewritten.
};

/// French then English, for minegatectl and the auditors' page.
std::string_view ChainBreakText(ChainBreak what);

struct BrokenEntry {
  std::int64_t seq = 0;  ///< The first entry found broken (0 for an index row naming none).
  ChainBreak what = ChainBreak::kHashMismatch;
  std::string detail;  ///< French / English, with the values that differ.
};

/// The result of a verification: the head of the entries found intact (on success, the whole
/// log's), how many were checked, and the first break if any.
struct VerifyReport {
  ChainHead head;
  std::int64_t entries_checked = 0;
  std::optional<BrokenEntry> broken;
  /// Append-only triggers of schema 0007 that are gone. Not a break: the chain may be whole;
  /// but someone edited the schema by hand, which is worth saying.
  std::vector<std::string> missing_guards;
  bool ok() const { return !broken.has_value(); }
};

class AuditLog {
 public:
  explicit AuditLog(base::Clock clock = base::NowMs) : clock_(std::move(clock)) {}

  /// Normalises and appends `entry` after the last one, inside the transaction the caller holds
  /// on `connection` (Errc::not_in_transaction otherwise; open it kImmediate: the chain's head
  /// is read then written). at_ms 0 becomes the clock's now. Errc::bad_entry for an entry that
  /// NormaliseEntry refuses.
  Result<AppendedEntry> Append(db::Connection& connection, AuditEntry entry) const;

  /// The last entry's seq and stored hash; {0, kGenesisHash} for an empty log. Not verified.
  Result<ChainHead> Head(db::Connection& connection) const;

  /// Recomputes the whole chain, one entry at a time (memory does not grow with the log), in
  /// one read snapshot. With `expected` (a head taken earlier) it also finds a cut-off tail and
  /// a chain recomputed after an edit. A broken chain is a report, not an error; errors are
  /// the database's.
  Result<VerifyReport> Verify(db::Connection& connection,
                              const std::optional<ChainHead>& expected = std::nullopt) const;

  /// Entries matching `filter`, newest first, at most `limit` (1..kMaxPageSize), after
  /// `cursor` (empty for the first page; otherwise a next_cursor this returned).
  /// Errc::bad_filter, bad_cursor.
  Result<AuditPage> Find(db::Connection& connection, const AuditFilter& filter,
                         std::string_view cursor, int limit) const;

 private:
  base::Clock clock_;
};

}  // namespace minegate::server::audit
