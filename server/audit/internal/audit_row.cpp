#include "server/audit/internal/audit_row.hpp"

#include <limits>

#include "server/audit/canonical_bytes.hpp"

namespace minegate::server::audit::internal {

Result<AuditRecord> ReadAuditRow(const db::Statement& row) {
  if (row.ColumnInt64(1) != kCanonicalFormat) return Errc::unsupported_format;
  AuditRecord record;
  record.seq = row.ColumnInt64(0);
  AuditEntry& entry = record.entry;
  entry.at_ms = row.ColumnInt64(2);
  const auto kind = ParseActorKind(row.ColumnText(3));
  if (!kind) return Errc::bad_entry;
  entry.actor_kind = *kind;
  entry.actor_id = row.ColumnText(4);
  entry.actor_role = row.ColumnText(5);
  entry.client_address = row.ColumnText(6);
  entry.user_agent = row.ColumnText(7);
  entry.action = row.ColumnText(8);
  entry.targets = SplitLines(row.ColumnText(9));
  entry.person_tokens = SplitLines(row.ColumnText(10));
  entry.query = row.ColumnText(11);
  entry.result_count = row.ColumnInt64(12);
  entry.outcome = row.ColumnText(13);
  const std::int64_t status = row.ColumnInt64(14);
  if (status < std::numeric_limits<std::int32_t>::min() ||
      status > std::numeric_limits<std::int32_t>::max()) {
    return Errc::bad_entry;
  }
  entry.http_status = static_cast<std::int32_t>(status);
  entry.reason = row.ColumnText(15);
  entry.case_reference = row.ColumnText(16);
  const std::vector<std::uint8_t> hash = row.ColumnBlob(17);
  if (hash.size() != record.hash.size()) return Errc::bad_entry;
  std::copy(hash.begin(), hash.end(), record.hash.begin());
  return record;
}

std::string JoinLines(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) {
    if (!text.empty()) text += '\n';
    text += item;
  }
  return text;
}

std::vector<std::string> SplitLines(std::string_view text) {
  std::vector<std::string> items;
  if (text.empty()) return items;
  for (;;) {
    const std::size_t end = text.find('\n');
    items.emplace_back(text.substr(0, end));
    if (end == std::string_view::npos) return items;
    text.remove_prefix(end + 1);
  }
}

}  // namespace minegate::server::audit::internal
