#include "server/sync/police_history.hpp"

#include <string>
#include <utility>
#include <vector>

#include "base/hex.hpp"
#include "base/text.hpp"
#include "db/bind.hpp"
#include "db/query.hpp"
#include "db/statement.hpp"
#include "db/transaction.hpp"
#include "server/audit/audit_log.hpp"
#include "server/sync/internal/kiosk_checks.hpp"

namespace minegate::server {
namespace {

constexpr std::size_t kMaxOfficerIdBytes = 64;

std::string Text(const std::vector<std::uint8_t>& bytes) {
  return std::string(bytes.begin(), bytes.end());
}

bool WellFormed(const v1::PoliceHistoryRequest& request) {
  return !request.officer_id().empty() && request.officer_id().size() <= kMaxOfficerIdBytes &&
         v1::PoliceReason_IsValid(request.reason()) &&
         request.reason() != v1::POLICE_REASON_UNSPECIFIED &&
         (request.case_reference().empty() ||
          base::TextWithin(request.case_reference(), 1, kMaxKioskCaseReferenceChars)) &&
         internal::BraceletFieldsWellFormed(request.tag_uid(), request.credential(),
                                            request.person_token());
}

/// The history of `token`; false when no registration holds it.
db::Result<bool> ReadHistory(db::Connection& connection, const std::string& token,
                             v1::PoliceHistory& out) {
  auto person = db::QueryFirst(
      connection,
      "SELECT p.given_name, p.family_name, p.sex, coalesce(p.birth_year, 0), p.birth_estimated, "
      "p.nationality, p.registered_at_ms, p.registered_site_id, coalesce(s.name, '') "
      "FROM persons p LEFT JOIN sites s ON s.site_id = p.registered_site_id "
      "WHERE p.person_token = ?1",
      [&out](const db::Statement& row) {
        out.set_given_name(row.ColumnText(0));
        out.set_family_name(row.ColumnText(1));
        out.set_sex(static_cast<v1::Sex>(row.ColumnInt64(2)));
        out.set_birth_year(static_cast<std::uint32_t>(row.ColumnInt64(3)));
        out.set_birth_estimated(row.ColumnInt64(4) != 0);
        out.set_nationality(row.ColumnText(5));
        out.set_registered_at_ms(row.ColumnInt64(6));
        out.set_registered_site_id(static_cast<std::uint32_t>(row.ColumnInt64(7)));
        out.set_registered_site_name(row.ColumnText(8));
        return true;
      },
      db::Blob(token));
  if (!person) return person.error();
  if (!person.value()) return false;

  auto count = db::QueryOne(
      connection, "SELECT count(*) FROM passages WHERE person_token = ?1",
      [](const db::Statement& row) { return row.ColumnInt64(0); }, db::Blob(token));
  if (!count) return count.error();
  out.set_passage_count(static_cast<std::uint32_t>(count.value()));
  auto passages = db::Query(
      connection,
      "SELECT p.occurred_at_ms, p.site_id, coalesce(s.name, ''), p.gate_id, "
      "coalesce(g.name, ''), p.direction, p.verification FROM passages p "
      "LEFT JOIN sites s ON s.site_id = p.site_id LEFT JOIN gates g ON g.gate_id = p.gate_id "
      "WHERE p.person_token = ?1 ORDER BY p.occurred_at_ms DESC, p.log_position DESC LIMIT ?2",
      db::Blob(token), static_cast<std::int64_t>(kPoliceHistoryPassages));
  if (!passages) return passages.error();
  auto listed = db::ForEachRow(passages.value(), [&out](const db::Statement& row) {
    v1::PoliceHistoryPassage* passage = out.add_passages();
    passage->set_at_ms(row.ColumnInt64(0));
    passage->set_site_id(static_cast<std::uint32_t>(row.ColumnInt64(1)));
    passage->set_site_name(row.ColumnText(2));
    passage->set_gate_id(static_cast<std::uint32_t>(row.ColumnInt64(3)));
    passage->set_gate_name(row.ColumnText(4));
    passage->set_direction(static_cast<v1::Direction>(row.ColumnInt64(5)));
    passage->set_verification(static_cast<v1::Verification>(row.ColumnInt64(6)));
  });
  if (!listed) return listed.error();

  auto bracelets = db::Query(
      connection,
      "SELECT b.tag_uid, b.issued_at_ms, coalesce(s.name, ''), coalesce(b.revoked_at_ms, 0), "
      "coalesce(b.revocation_reason, 0) FROM bracelets b "
      "LEFT JOIN sites s ON s.site_id = b.issued_site_id WHERE b.person_token = ?1 "
      "ORDER BY b.issued_at_ms",
      db::Blob(token));
  if (!bracelets) return bracelets.error();
  auto walked = db::ForEachRow(bracelets.value(), [&out](const db::Statement& row) {
    v1::PoliceHistoryBracelet* bracelet = out.add_bracelets();
    bracelet->set_tag_uid(Text(row.ColumnBlob(0)));
    bracelet->set_issued_at_ms(row.ColumnInt64(1));
    bracelet->set_issued_site_name(row.ColumnText(2));
    bracelet->set_revoked_at_ms(row.ColumnInt64(3));
    bracelet->set_revocation_reason(static_cast<v1::RevocationReason>(row.ColumnInt64(4)));
  });
  if (!walked) return walked.error();

  auto cards = db::QueryAll(
      connection,
      "SELECT card_number FROM miner_cards WHERE person_token = ?1 ORDER BY linked_at_ms",
      [](const db::Statement& row) { return row.ColumnText(0); }, db::Blob(token));
  if (!cards) return cards.error();
  for (std::string& number : cards.value()) out.add_miner_card_numbers(std::move(number));
  return true;
}

v1::PoliceHistoryAnswer PoliceBusy(std::uint64_t request_id) {
  v1::PoliceHistoryAnswer answer;
  answer.set_request_id(request_id);
  answer.set_outcome(v1::POLICE_HISTORY_OUTCOME_SERVER_BUSY);
  return answer;
}

}  // namespace

std::string_view PoliceReasonLabel(v1::PoliceReason reason) {
  switch (reason) {
    case v1::POLICE_REASON_IDENTITY_CHECK:
      return "contrôle d'identité / identity check";
    case v1::POLICE_REASON_BORDER_CONTROL:
      return "contrôle aux frontières / border control";
    case v1::POLICE_REASON_INVESTIGATION:
      return "enquête en cours / ongoing investigation";
    case v1::POLICE_REASON_JUDICIAL_REQUEST:
      return "réquisition judiciaire / judicial requisition";
    case v1::POLICE_REASON_MISSING_PERSON:
      return "recherche d'une personne disparue / search for a missing person";
    default:
      return {};
  }
}

v1::PoliceHistoryAnswer AnswerPoliceHistory(db::Connection& connection, std::string_view device_id,
                                            const v1::PoliceHistoryRequest& request,
                                            std::int64_t now_ms) {
  auto transaction = db::Transaction::Begin(connection, db::Transaction::Mode::kImmediate);
  if (!transaction) return PoliceBusy(request.request_id());

  // The entry the police API's timeline writes, with the device that vouches for the officer.
  audit::AuditEntry entry;
  entry.at_ms = now_ms;
  entry.actor_kind = audit::ActorKind::kDevice;
  entry.actor_id = request.officer_id();
  entry.actor_role = "border_police";
  entry.action = std::string(kPoliceHistoryAction);
  entry.targets = {"device:" + std::string(device_id)};
  entry.query = "{\"tagUid\":\"" + base::ToHex(request.tag_uid()) + "\"}";
  entry.reason = std::string(PoliceReasonLabel(request.reason()));
  entry.case_reference = request.case_reference();

  v1::PoliceHistoryAnswer answer;
  answer.set_request_id(request.request_id());
  if (!WellFormed(request)) {
    // Not even an officer id to put on record: an entry for a nameless actor says nothing.
    answer.set_outcome(v1::POLICE_HISTORY_OUTCOME_BAD_REQUEST);
    entry.outcome = "refused:bad_request";
    if (entry.actor_id.empty() || entry.actor_id.size() > kMaxOfficerIdBytes) {
      entry.actor_id = "?";
    }
    if (!base::TextWithin(entry.case_reference, 0, kMaxKioskCaseReferenceChars)) {
      entry.case_reference.clear();
    }
  } else {
    auto allowed =
        internal::UserMayActAtDevice(connection, device_id, request.officer_id(), "border_police");
    if (!allowed) return PoliceBusy(request.request_id());
    auto known = internal::KnownBracelet(connection, request.tag_uid(), request.credential(),
                                         request.person_token());
    if (!known) return PoliceBusy(request.request_id());
    if (!allowed.value()) {
      answer.set_outcome(v1::POLICE_HISTORY_OUTCOME_OFFICER_REFUSED);
      entry.outcome = "refused:officer_not_allowed";
    } else if (!known.value()) {
      answer.set_outcome(v1::POLICE_HISTORY_OUTCOME_UNKNOWN_BRACELET);
      entry.outcome = "refused:unknown_bracelet";
      entry.result_count = 0;
    } else {
      auto read = ReadHistory(connection, request.person_token(), *answer.mutable_history());
      if (!read) return PoliceBusy(request.request_id());
      if (!read.value()) {
        answer.clear_history();
        answer.set_outcome(v1::POLICE_HISTORY_OUTCOME_UNKNOWN_BRACELET);
        entry.outcome = "refused:unknown_person";
        entry.result_count = 0;
      } else {
        answer.set_outcome(v1::POLICE_HISTORY_OUTCOME_FOUND);
        entry.outcome = "ok";
        entry.result_count = 1;
        entry.person_tokens = {base::ToHex(request.person_token())};
      }
    }
  }
  if (!audit::AuditLog().Append(connection, std::move(entry)))
    return PoliceBusy(request.request_id());
  if (!transaction.value().Commit()) return PoliceBusy(request.request_id());
  return answer;
}

}  // namespace minegate::server
