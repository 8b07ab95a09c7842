#include "server/admin/alert_board.hpp"

#include "db/query.hpp"
#include "db/statement.hpp"
#include "db/transaction.hpp"
#include "server/admin/internal/list_versions.hpp"
#include "server/admin/internal/text_checks.hpp"

namespace minegate::server::admin {
namespace {

constexpr std::size_t kMaxAlertIdChars = 64;

}  // namespace

Result<std::int64_t> AlertBoard::PublishAlert(std::string_view alert_id, std::string_view text_fr,
                                              std::string_view text_en,
                                              std::int64_t expires_at_ms) {
  if (!internal::IsIdentifier(alert_id, 1, kMaxAlertIdChars)) return Errc::bad_alert_id;
  if (!internal::IsPrintableText(text_fr, kMaxAlertTextChars) ||
      !internal::IsPrintableText(text_en, kMaxAlertTextChars)) {
    return Errc::bad_alert_text;
  }
  const std::int64_t now = clock_();
  if (expires_at_ms < 0 || (expires_at_ms != 0 && expires_at_ms <= now)) return Errc::bad_time;

  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  auto taken = db::Exists(connection_, "SELECT 1 FROM alerts WHERE alert_id = ?1", alert_id);
  if (!taken) return taken.error();
  if (taken.value()) return Errc::alert_exists;
  auto version = internal::BumpListVersion(connection_, internal::kAlerts);
  if (!version) return version.error();
  auto inserted = db::Execute(connection_,
                              "INSERT INTO alerts (alert_id, text_fr, text_en, issued_at_ms, "
                              "expires_at_ms, withdrawn, version) "
                              "VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6)",
                              alert_id, text_fr, text_en, now, expires_at_ms, version.value());
  if (!inserted) return inserted.error();
  auto committed = transaction.value().Commit();
  if (!committed) return committed.error();
  return version.value();
}

Result<std::int64_t> AlertBoard::WithdrawAlert(std::string_view alert_id) {
  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  auto withdrawn = db::QueryFirst(
      connection_, "SELECT withdrawn FROM alerts WHERE alert_id = ?1",
      [](const db::Statement& row) { return row.ColumnInt64(0) != 0; }, alert_id);
  if (!withdrawn) return withdrawn.error();
  if (!withdrawn.value()) return Errc::unknown_alert;
  if (*withdrawn.value()) return Errc::alert_already_withdrawn;
  auto version = internal::BumpListVersion(connection_, internal::kAlerts);
  if (!version) return version.error();
  auto updated =
      db::Execute(connection_, "UPDATE alerts SET withdrawn = 1, version = ?2 WHERE alert_id = ?1",
                  alert_id, version.value());
  if (!updated) return updated.error();
  auto committed = transaction.value().Commit();
  if (!committed) return committed.error();
  return version.value();
}

Result<v1::Alerts> AlertBoard::AlertsSince(std::uint64_t version) {
  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kDeferred);
  if (!transaction) return transaction.error();
  auto current = internal::CurrentListVersion(connection_, internal::kAlerts);
  if (!current) return current.error();
  const auto current_version = static_cast<std::uint64_t>(current.value());
  const bool full = version == 0 || version > current_version;

  // A full list replaces the kiosk's: only what is in force. A delta carries every change.
  auto query = full ? db::Query(connection_,
                                "SELECT alert_id, text_fr, text_en, issued_at_ms, expires_at_ms, "
                                "withdrawn FROM alerts WHERE withdrawn = 0 "
                                "AND (expires_at_ms = 0 OR expires_at_ms > ?1) ORDER BY version",
                                clock_())
                    : db::Query(connection_,
                                "SELECT alert_id, text_fr, text_en, issued_at_ms, expires_at_ms, "
                                "withdrawn FROM alerts WHERE version > ?1 ORDER BY version",
                                static_cast<std::int64_t>(version));
  if (!query) return query.error();
  v1::Alerts alerts;
  alerts.set_version(current_version);
  alerts.set_full(full);
  auto read = db::ForEachRow(query.value(), [&alerts](const db::Statement& stored) {
    v1::Alert* alert = alerts.add_alerts();
    alert->set_alert_id(stored.ColumnText(0));
    alert->mutable_text()->set_fr(stored.ColumnText(1));
    alert->mutable_text()->set_en(stored.ColumnText(2));
    alert->set_issued_at_ms(stored.ColumnInt64(3));
    alert->set_expires_at_ms(stored.ColumnInt64(4));
    alert->set_withdrawn(stored.ColumnInt64(5) != 0);
  });
  if (!read) return read.error();
  return alerts;
}

}  // namespace minegate::server::admin
