#include "server/sync/miner_card_holder.hpp"

#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "base/hex.hpp"
#include "db/bind.hpp"
#include "db/query.hpp"
#include "db/statement.hpp"
#include "db/transaction.hpp"
#include "server/admin/miner_card_series.hpp"
#include "server/audit/audit_log.hpp"
#include "server/risk/age.hpp"
#include "server/sync/internal/kiosk_checks.hpp"

namespace minegate::server {
namespace {

struct Holder {
  std::string given_name;
  /// The registration as stored; only its declared birth is read (CardHolderAgeOf).
  std::vector<std::uint8_t> record;
  std::int64_t site_id = 0;
};

/// The holder's given name and registration, and the site of the device that asks (the card's
/// series).
db::Result<std::optional<Holder>> ReadHolder(db::Connection& connection, const std::string& token,
                                             std::string_view device_id) {
  return db::QueryFirst(
      connection,
      "SELECT p.given_name, p.record, (SELECT site_id FROM devices WHERE device_id = ?2) "
      "FROM persons p WHERE p.person_token = ?1",
      [](const db::Statement& row) {
        Holder holder;
        holder.given_name = row.ColumnText(0);
        holder.record = row.ColumnBlob(1);
        holder.site_id = row.ColumnInt64(2);
        return holder;
      },
      db::Blob(token), device_id);
}

v1::MinerCardHolderAnswer HolderBusy(std::uint64_t request_id) {
  v1::MinerCardHolderAnswer answer;
  answer.set_request_id(request_id);
  answer.set_outcome(v1::MINER_CARD_HOLDER_OUTCOME_SERVER_BUSY);
  return answer;
}

}  // namespace

DeclaredAge CardHolderAgeOf(std::span<const std::uint8_t> record, std::int64_t at_ms) {
  v1::PersonRegistered registered;
  // Only the birth is read; the rest of the registration stays where it is.
  if (!registered.ParseFromArray(record.data(), static_cast<int>(record.size()))) return {};
  // No birth declared reads as year 0, for which AgeAt has no age.
  const std::optional<risk::PersonAge> age = risk::AgeAt(registered.birth(), at_ms);
  if (!age) return {};
  return {age->years < kMinerCardMinAge ? HolderAge::kMinor : HolderAge::kAdult, age->years};
}

v1::MinerCardHolderAnswer AnswerMinerCardHolder(db::Connection& connection,
                                                std::string_view device_id,
                                                const v1::MinerCardHolderRequest& request,
                                                std::int64_t now_ms) {
  auto transaction = db::Transaction::Begin(connection, db::Transaction::Mode::kImmediate);
  if (!transaction) return HolderBusy(request.request_id());
  audit::AuditEntry entry = internal::KioskEntry(device_id, request.official_id(), "emape_official",
                                                 kMinerCardHolderAction, request.tag_uid(), now_ms);
  entry.reason = "miner_card_issue";

  v1::MinerCardHolderAnswer answer;
  answer.set_request_id(request.request_id());
  if (!internal::KioskUserIdWellFormed(request.official_id()) ||
      !internal::BraceletFieldsWellFormed(request.tag_uid(), request.credential(),
                                          request.person_token())) {
    answer.set_outcome(v1::MINER_CARD_HOLDER_OUTCOME_BAD_REQUEST);
    entry.outcome = "refused:bad_request";
  } else {
    auto checked = internal::CheckKioskRequest(connection, device_id, request.official_id(),
                                               "emape_official", request.tag_uid(),
                                               request.credential(), request.person_token());
    if (!checked) return HolderBusy(request.request_id());
    std::optional<Holder> holder;
    if (checked.value() == internal::KioskCheck::kPassed) {
      auto read = ReadHolder(connection, request.person_token(), device_id);
      if (!read) return HolderBusy(request.request_id());
      holder = std::move(read).value();
    }
    if (checked.value() == internal::KioskCheck::kUserRefused) {
      answer.set_outcome(v1::MINER_CARD_HOLDER_OUTCOME_OFFICIAL_REFUSED);
      entry.outcome = "refused:official_not_allowed";
    } else if (!holder) {
      answer.set_outcome(v1::MINER_CARD_HOLDER_OUTCOME_UNKNOWN_BRACELET);
      entry.outcome = "refused:unknown_bracelet";
      entry.result_count = 0;
    } else {
      entry.person_tokens = {base::ToHex(request.person_token())};
      entry.result_count = 1;
      answer.set_given_name(holder->given_name);
      const DeclaredAge age = CardHolderAgeOf(holder->record, now_ms);
      if (age.verdict == HolderAge::kUnknown) {
        answer.set_outcome(v1::MINER_CARD_HOLDER_OUTCOME_AGE_UNKNOWN);
        entry.outcome = "refused:age_unknown";
      } else if (age.verdict == HolderAge::kMinor) {
        answer.set_age_years(age.years);
        answer.set_outcome(v1::MINER_CARD_HOLDER_OUTCOME_MINOR);
        entry.outcome = "refused:minor";
      } else {
        answer.set_age_years(age.years);
        // The next number of the site's series, reserved for this holder at this device in the
        // transaction of the audit entry that records it (schema 0013).
        const auto* token = reinterpret_cast<const std::uint8_t*>(request.person_token().data());
        auto reserved =
            admin::ReserveCardNumber(connection, holder->site_id, device_id, request.official_id(),
                                     std::span(token, request.person_token().size()), now_ms);
        if (!reserved) {
          if (reserved.error() != admin::Errc::card_series_full) {
            return HolderBusy(request.request_id());
          }
          // A full series refuses, on record, rather than hand out a number that does not fit.
          answer.set_outcome(v1::MINER_CARD_HOLDER_OUTCOME_SERVER_BUSY);
          entry.outcome = "refused:card_series_full";
        } else {
          answer.set_outcome(v1::MINER_CARD_HOLDER_OUTCOME_ADULT);
          answer.set_card_number(reserved.value());
          entry.outcome = "ok";
          entry.targets.push_back("card:" + reserved.value());
        }
      }
    }
  }
  auto appended = audit::AuditLog().Append(connection, std::move(entry));
  if (!appended) return HolderBusy(request.request_id());
  if (!transaction.value().Commit()) return HolderBusy(request.request_id());
  return answer;
}

}  // namespace minegate::server
