#include "server/sync/police_history.hpp"

#include <string>
#include <utility>
#include <vector>

#include "base/hex.hpp"
#include "base/text.hpp"
#include "db/transaction.hpp"
#include "minegate/v1/police.pb.h"
#include "server/audit/audit_log.hpp"
#include "server/police/person_timeline.hpp"
#include "server/sync/internal/kiosk_checks.hpp"

namespace minegate::server {
namespace {

std::string Text(const std::vector<std::uint8_t>& bytes) {
  return std::string(bytes.begin(), bytes.end());
}

bool WellFormed(const v1::PoliceHistoryRequest& request) {
  return internal::KioskUserIdWellFormed(request.officer_id()) &&
         v1::PoliceReason_IsValid(request.reason()) &&
         request.reason() != v1::POLICE_REASON_UNSPECIFIED &&
         (request.case_reference().empty() ||
          base::TextWithin(request.case_reference(), 1, kMaxKioskCaseReferenceChars)) &&
         internal::BraceletFieldsWellFormed(request.tag_uid(), request.credential(),
                                            request.person_token());
}

/// The bytes of a UID the timeline gives in hex ("" when it is not hex, which the projection
/// never holds).
std::string UidBytes(const std::string& hex) {
  const auto bytes = base::FromHex(hex);
  return bytes ? Text(*bytes) : std::string();
}

/// The kiosk's view of a police timeline: the registration's identity, the newest passages,
/// the bracelets and the card numbers. What the screen of a kiosk does not show (census
/// observations, companions, documents) stays on the server.
void CopyHistory(const v1::PoliceTimeline& timeline, v1::PoliceHistory& out) {
  const v1::PoliceRegistration& registration = timeline.registration();
  out.set_given_name(registration.given_name());
  out.set_family_name(registration.family_name());
  out.set_sex(registration.sex());
  out.set_birth_year(registration.birth().year());
  out.set_birth_estimated(registration.birth().estimated());
  out.set_nationality(registration.nationality());
  out.set_registered_at_ms(registration.registered_at_ms());
  out.set_registered_site_id(static_cast<std::uint32_t>(registration.site_id()));
  out.set_registered_site_name(registration.site_name());
  out.set_passage_count(static_cast<std::uint32_t>(timeline.passage_count()));
  // The timeline's passages are already newest first.
  for (const v1::PolicePassage& from : timeline.passages()) {
    if (out.passages_size() >= kPoliceHistoryPassages) break;
    v1::PoliceHistoryPassage* passage = out.add_passages();
    passage->set_at_ms(from.at_ms());
    passage->set_site_id(static_cast<std::uint32_t>(from.site_id()));
    passage->set_site_name(from.site_name());
    passage->set_gate_id(static_cast<std::uint32_t>(from.gate_id()));
    passage->set_gate_name(from.gate_name());
    passage->set_direction(from.direction());
    passage->set_verification(from.verification());
  }
  for (const v1::PoliceBracelet& from : timeline.bracelets()) {
    v1::PoliceHistoryBracelet* bracelet = out.add_bracelets();
    bracelet->set_tag_uid(UidBytes(from.tag_uid()));
    bracelet->set_issued_at_ms(from.issued_at_ms());
    bracelet->set_issued_site_name(from.issued_site_name());
    bracelet->set_revoked_at_ms(from.revoked_at_ms());
    bracelet->set_revocation_reason(from.revocation_reason());
  }
  for (const v1::PoliceMinerCard& card : timeline.miner_cards()) {
    out.add_miner_card_numbers(card.card_number());
  }
}

/// The history of `token`; false when no registration holds it.
db::Result<bool> ReadHistory(db::Connection& connection, const std::string& token,
                             v1::PoliceHistory& out) {
  auto timeline = police::PersonTimeline(connection).Read(token);
  if (!timeline) {
    if (timeline.error() == police::Errc::unknown_person) return false;
    return timeline.error();
  }
  CopyHistory(timeline.value(), out);
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
  audit::AuditEntry entry = internal::KioskEntry(device_id, request.officer_id(), "border_police",
                                                 kPoliceHistoryAction, request.tag_uid(), now_ms);
  entry.reason = std::string(PoliceReasonLabel(request.reason()));
  entry.case_reference = request.case_reference();

  v1::PoliceHistoryAnswer answer;
  answer.set_request_id(request.request_id());
  if (!WellFormed(request)) {
    answer.set_outcome(v1::POLICE_HISTORY_OUTCOME_BAD_REQUEST);
    entry.outcome = "refused:bad_request";
    if (!base::TextWithin(entry.case_reference, 0, kMaxKioskCaseReferenceChars)) {
      entry.case_reference.clear();
    }
  } else {
    auto checked = internal::CheckKioskRequest(connection, device_id, request.officer_id(),
                                               "border_police", request.tag_uid(),
                                               request.credential(), request.person_token());
    if (!checked) return PoliceBusy(request.request_id());
    switch (checked.value()) {
      case internal::KioskCheck::kUserRefused:
        answer.set_outcome(v1::POLICE_HISTORY_OUTCOME_OFFICER_REFUSED);
        entry.outcome = "refused:officer_not_allowed";
        break;
      case internal::KioskCheck::kUnknownBracelet:
        answer.set_outcome(v1::POLICE_HISTORY_OUTCOME_UNKNOWN_BRACELET);
        entry.outcome = "refused:unknown_bracelet";
        entry.result_count = 0;
        break;
      case internal::KioskCheck::kPassed: {
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
        break;
      }
    }
  }
  if (!audit::AuditLog().Append(connection, std::move(entry)))
    return PoliceBusy(request.request_id());
  if (!transaction.value().Commit()) return PoliceBusy(request.request_id());
  return answer;
}

}  // namespace minegate::server
