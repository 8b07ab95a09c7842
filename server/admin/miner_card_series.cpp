#include "server/admin/miner_card_series.hpp"

#include <algorithm>
#include <cassert>

#include "db/bind.hpp"
#include "db/query.hpp"
#include "db/statement.hpp"
#include "db/transaction.hpp"
#include "proto/credential/codec.hpp"
#include "server/admin/internal/list_versions.hpp"
#include "server/admin/internal/text_checks.hpp"

namespace minegate::server::admin {
namespace {

constexpr std::string_view kRevokedList = "revoked_bracelets";

}  // namespace

std::string CardSeriesPrefix(Department department, std::int64_t site_id) {
  std::string prefix(DevicePrefix(department));
  std::transform(prefix.begin(), prefix.end(), prefix.begin(),
                 [](char c) { return static_cast<char>(c - 'a' + 'A'); });
  return prefix + std::to_string(site_id);
}

std::optional<std::string> CardNumberOf(std::string_view prefix, std::int64_t counter) {
  if (counter < 1 || prefix.size() + 2 > credential::kMaxCardNumberLength) return std::nullopt;
  const std::string digits = std::to_string(counter);
  // A site id of up to 6 digits leaves the 6 of the counter; a longer one fewer, down to one.
  const std::size_t room = credential::kMaxCardNumberLength - prefix.size() - 1;
  if (digits.size() > room) return std::nullopt;
  const std::size_t width = std::min(room, kCardCounterDigits);
  const std::string padding(digits.size() < width ? width - digits.size() : 0, '0');
  return std::string(prefix) + "-" + padding + digits;
}

Result<std::string> ReserveCardNumber(db::Connection& connection, std::int64_t site_id,
                                      std::string_view device_id, std::string_view official_id,
                                      std::span<const std::uint8_t> person_token,
                                      std::int64_t now_ms) {
  assert(person_token.size() == 16 && "a person token is 16 bytes");
  auto transaction = db::Transaction::Begin(connection, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  auto department = db::QueryFirst(
      connection, "SELECT department FROM sites WHERE site_id = ?",
      [](const db::Statement& row) { return row.ColumnText(0); }, site_id);
  if (!department) return department.error();
  if (!department.value()) return Errc::unknown_site;
  const std::optional<Department> parsed = ParseDepartment(*department.value());
  if (!parsed) return Errc::unknown_department;
  // The series is created with its first number; its prefix is fixed then.
  auto created = db::Execute(connection,
                             "INSERT INTO miner_card_series (site_id, prefix, last_counter) "
                             "VALUES (?1, ?2, 0) ON CONFLICT (site_id) DO NOTHING",
                             site_id, CardSeriesPrefix(*parsed, site_id));
  if (!created) return created.error();
  auto next = db::QueryFirst(
      connection,
      "UPDATE miner_card_series SET last_counter = last_counter + 1 WHERE site_id = ? "
      "RETURNING prefix, last_counter",
      [](const db::Statement& row) {
        return std::make_pair(row.ColumnText(0), row.ColumnInt64(1));
      },
      site_id);
  if (!next) return next.error();
  if (!next.value()) return db::make_error_code(db::Errc::internal);
  const auto& [prefix, counter] = *next.value();
  std::optional<std::string> number = CardNumberOf(prefix, counter);
  if (!number) return Errc::card_series_full;
  // The primary key refuses a number met before (a card linked under it from outside the
  // series): a constraint error, and the request is answered busy rather than given it twice.
  auto kept = db::Execute(connection,
                          "INSERT INTO miner_card_numbers (card_number, site_id, counter, "
                          "person_token, device_id, official_id, reserved_at_ms) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                          *number, site_id, counter, person_token, device_id, official_id, now_ms);
  if (!kept) return kept.error();
  if (auto committed = transaction.value().Commit(); !committed) return committed.error();
  return std::move(*number);
}

Result<CardRevocation> RevokeMinerCard(db::Connection& connection, std::string_view card_number,
                                       std::string_view reason, std::string_view revoked_by,
                                       const base::Clock& clock) {
  if (!credential::IsValidCardNumber(card_number)) return Errc::bad_card_number;
  if (!internal::IsPrintableText(reason, kMaxCardRevocationReasonChars)) {
    return Errc::bad_card_revocation_reason;
  }
  auto transaction = db::Transaction::Begin(connection, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  auto reserved = db::QueryFirst(
      connection, "SELECT revoked_at_ms IS NOT NULL FROM miner_card_numbers WHERE card_number = ?",
      [](const db::Statement& row) { return row.ColumnInt64(0) != 0; }, card_number);
  if (!reserved) return reserved.error();
  if (reserved.value() && *reserved.value()) return Errc::card_already_revoked;

  CardRevocation revocation;
  revocation.card_number = std::string(card_number);
  std::int64_t latest_link = 0;
  auto statement = db::Query(connection,
                             "SELECT card_uid, person_token, linked_at_ms FROM miner_cards "
                             "WHERE card_number = ? ORDER BY linked_at_ms, card_uid",
                             card_number);
  if (!statement) return statement.error();
  auto read = db::ForEachRow(statement.value(), [&](const db::Statement& row) {
    revocation.card_uids.push_back(row.ColumnBlob(0));
    if (revocation.person_token.empty()) revocation.person_token = row.ColumnBlob(1);
    latest_link = std::max(latest_link, row.ColumnInt64(2));
  });
  if (!read) return read.error();
  if (revocation.card_uids.empty()) {
    return reserved.value() ? Errc::card_not_linked : Errc::unknown_card;
  }
  // From now, and not before the card's link (a kiosk's clock ahead): kiosks refuse a
  // credential dated up to the time listed, and the card's was written before its link.
  revocation.revoked_at_ms = std::max(clock(), latest_link);
  auto version = internal::BumpListVersion(connection, kRevokedList);
  if (!version) return version.error();
  revocation.list_version = version.value();
  const std::span<const std::uint8_t> first_uid(revocation.card_uids.front());
  auto kept = db::Execute(
      connection,
      "INSERT INTO miner_card_numbers (card_number, person_token, card_uid, revoked_at_ms, "
      "revoked_by, revoked_reason, revoked_version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
      "ON CONFLICT (card_number) DO UPDATE SET card_uid = ?3, revoked_at_ms = ?4, "
      "revoked_by = ?5, revoked_reason = ?6, revoked_version = ?7",
      card_number, std::span<const std::uint8_t>(revocation.person_token), first_uid,
      revocation.revoked_at_ms, revoked_by, reason, revocation.list_version);
  if (!kept) return kept.error();
  if (auto committed = transaction.value().Commit(); !committed) return committed.error();
  return revocation;
}

}  // namespace minegate::server::admin
