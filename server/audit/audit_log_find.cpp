// AuditLog::Find: the auditors' filtered, paged view. The SQL is assembled from fixed fragments
// only; every value the auditor typed is bound.
#include <algorithm>
#include <charconv>
#include <limits>
#include <string>
#include <variant>
#include <vector>

#include "db/query.hpp"
#include "server/audit/audit_log.hpp"
#include "server/audit/internal/audit_row.hpp"

namespace minegate::server::audit {
namespace {

using FindValue = std::variant<std::int64_t, std::string>;

/// The exclusive upper bound on seq that `cursor` stands for.
Result<std::int64_t> CursorBound(std::string_view cursor) {
  if (cursor.empty()) return std::numeric_limits<std::int64_t>::max();
  std::int64_t seq = 0;
  const auto [end, ec] = std::from_chars(cursor.data(), cursor.data() + cursor.size(), seq);
  if (ec != std::errc() || end != cursor.data() + cursor.size() || seq <= 1) {
    return Errc::bad_cursor;  // A page below seq 1 would be empty: no cursor names one.
  }
  return seq;
}

bool IsLowerHex(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  });
}

/// The WHERE clause and its values: fixed fragments, "?" standing for the fragment's value.
class Conditions {
 public:
  /// Adds `value` as the next parameter; returns its name ("?3").
  std::string Parameter(FindValue value) {
    values_.push_back(std::move(value));
    return "?" + std::to_string(values_.size());
  }
  /// ANDs `fragment`, every "?" in it naming `value`.
  void And(std::string_view fragment, FindValue value) {
    const std::string parameter = Parameter(std::move(value));
    if (!sql_.empty()) sql_ += " AND ";
    for (const char c : fragment) {
      if (c == '?') {
        sql_ += parameter;
      } else {
        sql_ += c;
      }
    }
  }
  const std::string& sql() const { return sql_; }
  const std::vector<FindValue>& values() const { return values_; }

 private:
  std::string sql_;
  std::vector<FindValue> values_;
};

Result<void> BindValues(db::Statement& statement, const std::vector<FindValue>& values) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    const int index = static_cast<int>(i + 1);
    auto bound = std::holds_alternative<std::int64_t>(values[i])
                     ? statement.BindInt64(index, std::get<std::int64_t>(values[i]))
                     : statement.BindText(index, std::get<std::string>(values[i]));
    if (!bound) return bound.error();
  }
  return Success();
}

}  // namespace

Result<AuditPage> AuditLog::Find(db::Connection& connection, const AuditFilter& filter,
                                 std::string_view cursor, int limit) const {
  if (limit < 1 || limit > kMaxPageSize) return Errc::bad_filter;
  if (filter.from_ms && filter.to_ms && *filter.from_ms >= *filter.to_ms) return Errc::bad_filter;
  if (filter.person_token && !IsLowerHex(*filter.person_token)) return Errc::bad_filter;
  if (filter.outcome && filter.outcome->empty()) return Errc::bad_filter;
  auto bound = CursorBound(cursor);
  if (!bound) return bound.error();

  Conditions where;
  where.And("seq < ?", bound.value());
  if (filter.actor_id) where.And("actor_id = ?", *filter.actor_id);
  if (filter.actor_role) where.And("actor_role = ?", *filter.actor_role);
  if (filter.action) where.And("action = ?", *filter.action);
  if (filter.person_token) {
    where.And("seq IN (SELECT seq FROM audit_person_tokens WHERE person_token = ?)",
              *filter.person_token);
  }
  if (filter.from_ms) where.And("at_ms >= ?", *filter.from_ms);
  if (filter.to_ms) where.And("at_ms < ?", *filter.to_ms);
  if (filter.outcome) {
    if (filter.outcome->find(':') != std::string::npos) {
      where.And("outcome = ?", *filter.outcome);
    } else {
      // "refused" is every "refused:<code>" too: a range on the index (';' follows ':').
      where.And("(outcome = ? OR (outcome > ? || ':' AND outcome < ? || ';'))", *filter.outcome);
    }
  }
  const std::string sql = "SELECT " + std::string(internal::kAuditColumns) +
                          " FROM audit_log WHERE " + where.sql() + " ORDER BY seq DESC LIMIT " +
                          where.Parameter(std::int64_t{limit} + 1);
  auto statement = connection.Prepare(sql);
  if (!statement) return statement.error();
  if (auto values = BindValues(statement.value(), where.values()); !values) {
    return values.error();
  }
  auto records = db::ReadAll(statement.value(), internal::ReadAuditRow);
  if (!records) return records.error();

  AuditPage page;
  page.records = std::move(records).value();
  if (page.records.size() > static_cast<std::size_t>(limit)) {
    page.records.pop_back();  // Only there to say that another page exists.
    page.next_cursor = std::to_string(page.records.back().seq);
  }
  return page;
}

}  // namespace minegate::server::audit
