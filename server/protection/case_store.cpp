#include "server/protection/case_store.hpp"

#include <algorithm>
#include <utility>

#include "base/text.hpp"
#include "db/bind.hpp"
#include "db/query.hpp"
#include "db/transaction.hpp"

namespace minegate::server::protection {
namespace {

using db::Blob;

constexpr char kCaseColumns[] =
    "c.case_id, c.person_token, c.status, c.priority, c.first_flagged_at_ms, "
    "c.last_flagged_at_ms, c.assigned_to, c.updated_at_ms, "
    "(SELECT min(r.due_at_ms) FROM referrals r WHERE r.case_id = c.case_id "
    "AND r.acknowledged_at_ms IS NULL AND r.closed_at_ms IS NULL AND r.due_at_ms < ?1)";

Result<CaseSummary> ReadCase(const db::Statement& row) {
  CaseSummary summary;
  summary.case_id = row.ColumnInt64(0);
  const auto token = row.ColumnBlob(1);
  summary.person_token.assign(token.begin(), token.end());
  const auto status = ParseCaseStatus(row.ColumnText(2));
  if (!status) return make_error_code(Errc::corrupt_record);
  summary.status = *status;
  summary.priority = static_cast<v1::Priority>(row.ColumnInt64(3));
  summary.first_flagged_at_ms = row.ColumnInt64(4);
  summary.last_flagged_at_ms = row.ColumnInt64(5);
  if (!row.ColumnIsNull(6)) summary.assigned_to = row.ColumnText(6);
  summary.updated_at_ms = row.ColumnInt64(7);
  if (!row.ColumnIsNull(8)) summary.overdue_since_ms = row.ColumnInt64(8);
  return summary;
}

std::string PriorityWord(v1::Priority priority) { return v1::Priority_Name(priority); }

}  // namespace

Result<std::unique_ptr<CaseStore>> CaseStore::Create(db::Connection& connection,
                                                     base::Clock clock) {
  std::unique_ptr<CaseStore> store(new CaseStore(connection, std::move(clock)));
  if (auto prepared = store->Prepare(); !prepared) return prepared.error();
  return store;
}

Result<void> CaseStore::Prepare() {
  const std::pair<std::optional<db::Statement>*, const char*> statements[] = {
      {&find_by_person_,
       "SELECT case_id, status, priority FROM protection_cases WHERE person_token = ?"},
      {&insert_case_,
       "INSERT INTO protection_cases (person_token, status, priority, first_flagged_at_ms, "
       "last_flagged_at_ms, assigned_to, updated_at_ms) VALUES (?1, 'new', ?2, ?3, ?3, NULL, ?3)"},
      {&update_flag_,
       "UPDATE protection_cases SET status = ?2, priority = ?3, last_flagged_at_ms = ?4, "
       "updated_at_ms = ?4 WHERE case_id = ?1"},
      {&insert_history_,
       "INSERT INTO case_history (case_id, at_ms, actor, action, detail) "
       "VALUES (?, ?, ?, ?, ?)"},
  };
  return db::PrepareAll(connection_, statements);
}

Result<std::vector<CaseSummary>> CaseStore::Queue(std::size_t limit, std::size_t offset) {
  const std::string sql = std::string("SELECT ") + kCaseColumns +
                          " AS overdue FROM protection_cases c "
                          "WHERE c.status IN ('new', 'open', 'referred') "
                          "ORDER BY overdue IS NULL, overdue, c.priority DESC, "
                          "c.first_flagged_at_ms, c.case_id LIMIT ?2 OFFSET ?3";
  return db::QueryAll(connection_, sql, ReadCase, clock_(), limit, offset);
}

Result<std::optional<CaseSummary>> CaseStore::Get(std::int64_t case_id) {
  const std::string sql =
      std::string("SELECT ") + kCaseColumns + " FROM protection_cases c WHERE c.case_id = ?2";
  return db::QueryFirst(connection_, sql, ReadCase, clock_(), case_id);
}

Result<std::optional<CaseSummary>> CaseStore::ForPerson(std::string_view person_token) {
  const std::string sql =
      std::string("SELECT ") + kCaseColumns + " FROM protection_cases c WHERE c.person_token = ?2";
  return db::QueryFirst(connection_, sql, ReadCase, clock_(), Blob(person_token));
}

Result<std::vector<CaseHistoryEntry>> CaseStore::History(std::int64_t case_id) {
  return db::QueryAll(
      connection_,
      "SELECT entry_id, at_ms, actor, action, detail FROM case_history WHERE case_id = ? "
      "ORDER BY at_ms, entry_id",
      [](const db::Statement& row) {
        CaseHistoryEntry entry;
        entry.entry_id = row.ColumnInt64(0);
        entry.at_ms = row.ColumnInt64(1);
        if (!row.ColumnIsNull(2)) entry.actor = row.ColumnText(2);
        entry.action = row.ColumnText(3);
        entry.detail = row.ColumnText(4);
        return entry;
      },
      case_id);
}

Result<void> CaseStore::AppendHistory(std::int64_t case_id, std::optional<std::string_view> actor,
                                      std::string_view action, std::string_view detail) {
  if (auto bound = db::BindAll(*insert_history_, case_id, clock_(), actor, action, detail);
      !bound) {
    return bound.error();
  }
  return insert_history_->Run();
}

Result<void> CaseStore::Transition(std::int64_t case_id, std::string_view actor,
                                   std::initializer_list<CaseStatus> from, CaseStatus to,
                                   std::string_view action, std::string_view detail) {
  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  auto current = db::QueryFirst(
      connection_, "SELECT status FROM protection_cases WHERE case_id = ?",
      [](const db::Statement& row) { return ParseCaseStatus(row.ColumnText(0)); }, case_id);
  if (!current) return current.error();
  if (!current.value()) return make_error_code(Errc::unknown_case);
  if (!*current.value()) return make_error_code(Errc::corrupt_record);
  const CaseStatus status = **current.value();
  if (std::find(from.begin(), from.end(), status) == from.end()) {
    return make_error_code(Errc::case_status_forbids);
  }
  if (auto updated =
          db::Execute(connection_,
                      "UPDATE protection_cases SET status = ?, updated_at_ms = ? WHERE case_id = ?",
                      Name(to), clock_(), case_id);
      !updated) {
    return updated.error();
  }
  if (auto logged = AppendHistory(case_id, actor, action, detail); !logged) return logged.error();
  return transaction.value().Commit();
}

Result<void> CaseStore::Open(std::int64_t case_id, std::string_view actor) {
  return Transition(case_id, actor, {CaseStatus::kNew}, CaseStatus::kOpen, "opened", "");
}

Result<void> CaseStore::Dismiss(std::int64_t case_id, std::string_view actor,
                                std::string_view reason) {
  if (!base::TextWithin(reason, 1, kMaxReasonChars, base::Lines::kSeveral)) {
    return make_error_code(Errc::bad_reason);
  }
  return Transition(case_id, actor, {CaseStatus::kNew, CaseStatus::kOpen, CaseStatus::kReferred},
                    CaseStatus::kDismissed, "dismissed", reason);
}

Result<void> CaseStore::Close(std::int64_t case_id, std::string_view actor,
                              std::string_view reason) {
  if (!base::TextWithin(reason, 1, kMaxReasonChars, base::Lines::kSeveral)) {
    return make_error_code(Errc::bad_reason);
  }
  return Transition(case_id, actor, {CaseStatus::kOpen, CaseStatus::kReferred}, CaseStatus::kClosed,
                    "closed", reason);
}

Result<void> CaseStore::Reopen(std::int64_t case_id, std::string_view actor,
                               std::string_view reason) {
  if (!base::TextWithin(reason, 1, kMaxReasonChars, base::Lines::kSeveral)) {
    return make_error_code(Errc::bad_reason);
  }
  return Transition(case_id, actor, {CaseStatus::kDismissed, CaseStatus::kClosed},
                    CaseStatus::kOpen, "reopened", reason);
}

Result<void> CaseStore::Assign(std::int64_t case_id, std::string_view actor,
                               std::string_view assignee) {
  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  auto officer = db::Exists(connection_,
                            "SELECT 1 FROM users WHERE user_id = ? AND role = 'protection_officer' "
                            "AND disabled_at_ms IS NULL",
                            assignee);
  if (!officer) return officer.error();
  if (!officer.value()) return make_error_code(Errc::bad_assignee);
  auto current = db::QueryFirst(
      connection_, "SELECT status FROM protection_cases WHERE case_id = ?",
      [](const db::Statement& row) { return ParseCaseStatus(row.ColumnText(0)); }, case_id);
  if (!current) return current.error();
  if (!current.value()) return make_error_code(Errc::unknown_case);
  if (!*current.value() || !IsActive(**current.value())) {
    return make_error_code(Errc::case_status_forbids);
  }
  if (auto updated = db::Execute(
          connection_,
          "UPDATE protection_cases SET assigned_to = ?, updated_at_ms = ? WHERE case_id = ?",
          assignee, clock_(), case_id);
      !updated) {
    return updated.error();
  }
  if (auto logged = AppendHistory(case_id, actor, "assigned", assignee); !logged) {
    return logged.error();
  }
  return transaction.value().Commit();
}

Result<FlagChange> CaseStore::RecordFlag(std::string_view person_token, v1::Priority priority,
                                         std::string_view detail) {
  const std::int64_t now = clock_();
  if (auto bound = db::BindAll(*find_by_person_, Blob(person_token)); !bound) {
    return bound.error();
  }
  struct Existing {
    std::int64_t case_id;
    std::optional<CaseStatus> status;
    v1::Priority priority;
  };
  auto existing = db::ReadFirst(*find_by_person_, [](const db::Statement& row) {
    return Existing{row.ColumnInt64(0), ParseCaseStatus(row.ColumnText(1)),
                    static_cast<v1::Priority>(row.ColumnInt64(2))};
  });
  if (!existing) return existing.error();
  if (!existing.value()) {
    if (auto bound =
            db::BindAll(*insert_case_, Blob(person_token), static_cast<int>(priority), now);
        !bound) {
      return bound.error();
    }
    if (auto inserted = insert_case_->Run(); !inserted) return inserted.error();
    const std::string text = PriorityWord(priority) + " " + std::string(detail);
    if (auto logged = AppendHistory(connection_.LastInsertRowId(), std::nullopt, "flagged", text);
        !logged) {
      return logged.error();
    }
    return FlagChange::kCreated;
  }
  const Existing& found = *existing.value();
  if (!found.status) return make_error_code(Errc::corrupt_record);
  const bool active = IsActive(*found.status);
  FlagChange change = FlagChange::kUnchanged;
  CaseStatus status = *found.status;
  if (active && priority != found.priority) {
    change = FlagChange::kPriorityChanged;
  } else if (!active && priority > found.priority) {
    change = FlagChange::kReflagged;
    status = CaseStatus::kNew;
  }
  if (change == FlagChange::kUnchanged) return change;
  if (auto bound =
          db::BindAll(*update_flag_, found.case_id, Name(status), static_cast<int>(priority), now);
      !bound) {
    return bound.error();
  }
  if (auto updated = update_flag_->Run(); !updated) return updated.error();
  const std::string text =
      PriorityWord(found.priority) + " -> " + PriorityWord(priority) + " " + std::string(detail);
  if (auto logged =
          AppendHistory(found.case_id, std::nullopt,
                        change == FlagChange::kReflagged ? "reflagged" : "priority_changed", text);
      !logged) {
    return logged.error();
  }
  return change;
}

}  // namespace minegate::server::protection
