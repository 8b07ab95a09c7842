#include "server/protection/referral_store.hpp"

#include "base/text.hpp"
#include "db/query.hpp"
#include "db/transaction.hpp"
#include "server/protection/case_file_reader.hpp"
#include "server/protection/case_store.hpp"
#include "server/risk/age.hpp"

namespace minegate::server::protection {
namespace {

// ?1 is always "now".
constexpr char kReferralColumns[] =
    "SELECT r.referral_id, r.case_id, r.service_id, s.name, r.due_at_ms, r.referred_at_ms, "
    "r.referred_by, r.acknowledged_at_ms, r.outcome, r.outcome_note, r.closed_at_ms, "
    "r.acknowledged_at_ms IS NULL AND r.closed_at_ms IS NULL AND r.due_at_ms < ?1 "
    "FROM referrals r JOIN care_services s ON s.service_id = r.service_id ";

Result<Referral> ReadReferral(const db::Statement& row) {
  Referral referral;
  referral.referral_id = row.ColumnInt64(0);
  referral.case_id = row.ColumnInt64(1);
  referral.service_id = row.ColumnInt64(2);
  referral.service_name = row.ColumnText(3);
  referral.due_at_ms = row.ColumnInt64(4);
  referral.referred_at_ms = row.ColumnInt64(5);
  referral.referred_by = row.ColumnText(6);
  if (!row.ColumnIsNull(7)) referral.acknowledged_at_ms = row.ColumnInt64(7);
  if (!row.ColumnIsNull(8)) {
    referral.outcome = ParseReferralOutcome(row.ColumnText(8));
    if (!referral.outcome) return make_error_code(Errc::corrupt_record);
  }
  referral.outcome_note = row.ColumnText(9);
  if (!row.ColumnIsNull(10)) referral.closed_at_ms = row.ColumnInt64(10);
  referral.overdue = row.ColumnInt64(11) != 0;
  return referral;
}

/// The age of majority in Senegal, as the rule sets' minor rule and the pages count it.
constexpr std::uint32_t kAgeOfMajority = 18;

/// Whether she may be under 18 at `now_ms`: the youngest age her declared birth allows (an
/// estimated year counts at its last day, as the indicators and the queue's age band count it)
/// is under 18, or no age is known (no registration on file, no year declared). A service that
/// does not take in minors must not receive a girl whose age nobody checked.
Result<bool> MayBeMinor(db::Connection& connection, std::string_view person_token,
                        std::int64_t now_ms) {
  auto person = CaseFileReader(connection).Person(person_token);
  if (!person) return person.error();
  if (!person.value()) return true;
  const auto age = risk::AgeAt(person.value()->registration.birth(), now_ms);
  return !age || age->years < kAgeOfMajority;
}

}  // namespace

Result<std::int64_t> ReferralStore::Refer(std::int64_t case_id, std::int64_t service_id,
                                          std::int64_t due_at_ms, std::string_view actor) {
  const std::int64_t now = clock_();
  if (due_at_ms < now || due_at_ms - now > kMaxReferralDueMs) {
    return make_error_code(Errc::bad_due_date);
  }
  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  auto cases = CaseStore::Create(connection_, clock_);
  if (!cases) return cases.error();
  auto found = cases.value()->Get(case_id);
  if (!found) return found.error();
  if (!found.value()) return make_error_code(Errc::unknown_case);
  if (!IsActive(found.value()->status)) return make_error_code(Errc::case_status_forbids);
  struct Service {
    std::string name;
    bool active;
    bool accepts_minors;
  };
  auto service = db::QueryFirst(
      connection_, "SELECT name, active, accepts_minors FROM care_services WHERE service_id = ?",
      [](const db::Statement& row) {
        return Service{row.ColumnText(0), row.ColumnInt64(1) != 0, row.ColumnInt64(2) != 0};
      },
      service_id);
  if (!service) return service.error();
  if (!service.value()) return make_error_code(Errc::unknown_service);
  if (!service.value()->active) return make_error_code(Errc::service_inactive);
  if (!service.value()->accepts_minors) {
    auto minor = MayBeMinor(connection_, found.value()->person_token, now);
    if (!minor) return minor.error();
    if (minor.value()) return make_error_code(Errc::service_refuses_minors);
  }
  if (auto inserted = db::Execute(
          connection_,
          "INSERT INTO referrals (case_id, service_id, due_at_ms, referred_at_ms, referred_by) "
          "VALUES (?, ?, ?, ?, ?)",
          case_id, service_id, due_at_ms, now, actor);
      !inserted) {
    return inserted.error();
  }
  const std::int64_t referral_id = connection_.LastInsertRowId();
  if (auto updated = db::Execute(connection_,
                                 "UPDATE protection_cases SET status = 'referred', "
                                 "updated_at_ms = ? WHERE case_id = ?",
                                 now, case_id);
      !updated) {
    return updated.error();
  }
  const std::string detail = "referral " + std::to_string(referral_id) + ", service " +
                             std::to_string(service_id) + " (" + service.value()->name + "), due " +
                             base::FormatUtcMs(due_at_ms);
  if (auto logged = cases.value()->AppendHistory(case_id, actor, "referred", detail); !logged) {
    return logged.error();
  }
  if (auto committed = transaction.value().Commit(); !committed) return committed.error();
  return referral_id;
}

Result<void> ReferralStore::Acknowledge(std::int64_t referral_id, std::string_view actor) {
  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  auto referral = Get(referral_id);
  if (!referral) return referral.error();
  if (!referral.value()) return make_error_code(Errc::unknown_referral);
  if (referral.value()->closed_at_ms) return make_error_code(Errc::referral_closed);
  if (referral.value()->acknowledged_at_ms) {
    return make_error_code(Errc::referral_already_acknowledged);
  }
  const std::int64_t now = clock_();
  if (auto updated = db::Execute(
          connection_, "UPDATE referrals SET acknowledged_at_ms = ? WHERE referral_id = ?", now,
          referral_id);
      !updated) {
    return updated.error();
  }
  auto cases = CaseStore::Create(connection_, clock_);
  if (!cases) return cases.error();
  if (auto logged =
          cases.value()->AppendHistory(referral.value()->case_id, actor, "referral_acknowledged",
                                       "referral " + std::to_string(referral_id));
      !logged) {
    return logged.error();
  }
  return transaction.value().Commit();
}

Result<void> ReferralStore::RecordOutcome(std::int64_t referral_id, ReferralOutcome outcome,
                                          std::string_view note, std::string_view actor) {
  if (!base::TextWithin(note, 0, kMaxOutcomeNoteChars, base::Lines::kSeveral)) {
    return make_error_code(Errc::bad_reason);
  }
  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  auto referral = Get(referral_id);
  if (!referral) return referral.error();
  if (!referral.value()) return make_error_code(Errc::unknown_referral);
  if (referral.value()->closed_at_ms) return make_error_code(Errc::referral_closed);
  const std::int64_t now = clock_();
  const bool ends = outcome != ReferralOutcome::kAccepted;
  // Whoever took her in charge, gave services or heard her decline had the referral.
  const bool acknowledges = outcome != ReferralOutcome::kClosed;
  if (auto updated =
          db::Execute(connection_,
                      "UPDATE referrals SET outcome = ?2, outcome_note = ?3, "
                      "acknowledged_at_ms = CASE WHEN ?4 THEN coalesce(acknowledged_at_ms, ?5) "
                      "ELSE acknowledged_at_ms END, "
                      "closed_at_ms = CASE WHEN ?6 THEN ?5 ELSE NULL END WHERE referral_id = ?1",
                      referral_id, Name(outcome), note, acknowledges, now, ends);
      !updated) {
    return updated.error();
  }
  auto cases = CaseStore::Create(connection_, clock_);
  if (!cases) return cases.error();
  std::string detail =
      "referral " + std::to_string(referral_id) + ": " + std::string(Name(outcome));
  if (!note.empty()) detail += " — " + std::string(note);
  if (auto logged = cases.value()->AppendHistory(referral.value()->case_id, actor,
                                                 "referral_outcome", detail);
      !logged) {
    return logged.error();
  }
  return transaction.value().Commit();
}

Result<std::optional<Referral>> ReferralStore::Get(std::int64_t referral_id) {
  return db::QueryFirst(connection_, std::string(kReferralColumns) + "WHERE r.referral_id = ?2",
                        ReadReferral, clock_(), referral_id);
}

Result<std::vector<Referral>> ReferralStore::ForCase(std::int64_t case_id) {
  return db::QueryAll(connection_,
                      std::string(kReferralColumns) +
                          "WHERE r.case_id = ?2 ORDER BY r.referred_at_ms, r.referral_id",
                      ReadReferral, clock_(), case_id);
}

Result<std::vector<Referral>> ReferralStore::Overdue(std::size_t limit) {
  // The partial index referrals_waiting holds exactly the referrals that can be overdue.
  return db::QueryAll(connection_,
                      std::string(kReferralColumns) +
                          "WHERE r.acknowledged_at_ms IS NULL AND r.closed_at_ms IS NULL "
                          "AND r.due_at_ms < ?1 ORDER BY r.due_at_ms, r.referral_id LIMIT ?2",
                      ReadReferral, clock_(), limit);
}

}  // namespace minegate::server::protection
