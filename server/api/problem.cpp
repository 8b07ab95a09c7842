#include "server/api/problem.hpp"

#include <google/protobuf/util/json_util.h>

#include <array>
#include <optional>

#include "minegate/v1/api.pb.h"
#include "server/admin/error.hpp"
#include "server/auth/error.hpp"
#include "server/census/error.hpp"
#include "server/police/police_error.hpp"
#include "server/protection/protection_error.hpp"
#include "server/security/error.hpp"

namespace minegate::server::api {
namespace {

using admin::Errc;

/// How an error of one category reaches the API: status, stable type, field in error.
template <class Code>
struct KnownProblem {
  Code code;
  int status;
  std::string_view type;
  std::string_view field;
};
using AdminProblem = KnownProblem<Errc>;
using AuthProblem = KnownProblem<auth::Errc>;

// Types are part of the API contract (docs/api.md): never rename one.
constexpr std::array kAdminProblems = {
    AdminProblem{Errc::bad_name, 400, "bad_name", "name"},
    AdminProblem{Errc::unknown_department, 400, "unknown_department", "department"},
    AdminProblem{Errc::site_exists, 409, "site_exists", "name"},
    AdminProblem{Errc::unknown_site, 404, "unknown_site", "siteId"},
    AdminProblem{Errc::gate_exists, 409, "gate_exists", "name"},
    AdminProblem{Errc::unknown_gate, 404, "unknown_gate", "gateId"},
    AdminProblem{Errc::gate_not_at_site, 400, "gate_not_at_site", "gateId"},
    AdminProblem{Errc::bad_user_id, 400, "bad_user_id", "userId"},
    AdminProblem{Errc::unknown_role, 400, "unknown_role", "role"},
    AdminProblem{Errc::user_exists, 409, "user_exists", "userId"},
    AdminProblem{Errc::weak_password, 400, "weak_password", "password"},
    AdminProblem{Errc::password_too_long, 400, "password_too_long", "password"},
    AdminProblem{Errc::bad_pin, 400, "bad_pin", "pin"},
    AdminProblem{Errc::pin_not_allowed, 400, "pin_not_allowed", "pin"},
    AdminProblem{Errc::unknown_user, 404, "unknown_user", "userId"},
    AdminProblem{Errc::user_disabled, 409, "user_disabled", ""},
    AdminProblem{Errc::user_already_disabled, 409, "user_already_disabled", ""},
    AdminProblem{Errc::last_administrator, 409, "last_administrator", ""},
    AdminProblem{Errc::wrong_password, 400, "wrong_password", "oldPassword"},
    AdminProblem{Errc::bad_description, 400, "bad_description", "description"},
    AdminProblem{Errc::bad_validity, 400, "bad_validity", "validHours"},
    AdminProblem{Errc::unknown_device, 404, "unknown_device", "deviceId"},
    AdminProblem{Errc::device_already_revoked, 409, "device_already_revoked", ""},
    AdminProblem{Errc::bad_time, 400, "bad_time", ""},
    AdminProblem{Errc::bad_card_uid, 400, "bad_card_uid", "staffCardUid"},
    AdminProblem{Errc::card_in_use, 409, "card_in_use", "staffCardUid"},
    AdminProblem{Errc::trivial_pin, 400, "trivial_pin", "pin"},
    AdminProblem{Errc::pin_compromised, 400, "pin_compromised", "pin"},
    AdminProblem{Errc::card_compromised, 400, "card_compromised", "staffCardUid"},
    AdminProblem{Errc::site_not_allowed, 400, "site_not_allowed", "siteIds"},
    AdminProblem{Errc::site_already_assigned, 409, "site_already_assigned", "siteIds"},
    AdminProblem{Errc::site_not_assigned, 409, "site_not_assigned", "siteIds"},
    AdminProblem{Errc::password_unchanged, 400, "password_unchanged", "newPassword"},
    AdminProblem{Errc::unknown_bracelet, 409, "unknown_bracelet", ""},
    AdminProblem{Errc::bracelet_already_revoked, 409, "bracelet_already_revoked", ""},
    AdminProblem{Errc::bad_coordinates, 400, "bad_coordinates", "latitude"},
    // Census campaigns (server/admin's registry of them).
    AdminProblem{Errc::bad_campaign_id, 400, "bad_campaign_id", "campaignId"},
    AdminProblem{Errc::bad_campaign_name, 400, "bad_campaign_name", "nameFr"},
    AdminProblem{Errc::bad_campaign_period, 400, "bad_campaign_period", "closesAtMs"},
    AdminProblem{Errc::campaign_exists, 409, "campaign_exists", "campaignId"},
    AdminProblem{Errc::unknown_campaign, 404, "unknown_campaign", ""},
    AdminProblem{Errc::campaign_already_closed, 409, "campaign_already_closed", ""},
    AdminProblem{Errc::campaign_already_open, 409, "campaign_already_open", ""},
    // Gold miners' cards revoked (server/admin's card series).
    AdminProblem{Errc::bad_card_number, 400, "bad_card_number", "number"},
    AdminProblem{Errc::bad_card_revocation_reason, 400, "bad_reason", "reason"},
    AdminProblem{Errc::unknown_card, 404, "unknown_card", ""},
    AdminProblem{Errc::card_not_linked, 409, "card_not_linked", ""},
    AdminProblem{Errc::card_already_revoked, 409, "card_already_revoked", ""},
};

// Census figures and lists (server/census). Types are part of the API contract.
using CensusProblem = KnownProblem<census::Errc>;
constexpr std::array kCensusProblems = {
    CensusProblem{census::Errc::bad_presence_window, 400, "bad_presence_window",
                  "presenceWindowDays"},
    CensusProblem{census::Errc::bad_day, 400, "bad_day", "from"},
    CensusProblem{census::Errc::bad_day_range, 400, "bad_day_range", "from"},
    CensusProblem{census::Errc::bad_list_position, 400, "bad_cursor", "cursor"},
};

// The border police's search and histories (server/police). Types are part of the API contract.
using PoliceProblem = KnownProblem<police::Errc>;
constexpr std::array kPoliceProblems = {
    PoliceProblem{police::Errc::bad_search, 400, "bad_search", ""},
    PoliceProblem{police::Errc::bad_tag_uid, 400, "bad_tag_uid", "uid"},
    PoliceProblem{police::Errc::name_too_short, 400, "name_too_short", "name"},
    PoliceProblem{police::Errc::bad_document, 400, "bad_document", "document"},
    PoliceProblem{police::Errc::bad_nationality, 400, "bad_nationality", "nationality"},
    PoliceProblem{police::Errc::bad_date_range, 400, "bad_date_range", "to"},
    PoliceProblem{police::Errc::unknown_site, 404, "unknown_site", "site"},
    PoliceProblem{police::Errc::bad_person_id, 400, "bad_person_id", "id"},
    PoliceProblem{police::Errc::unknown_person, 404, "unknown_person", "id"},
    PoliceProblem{police::Errc::bad_cursor, 400, "bad_cursor", "cursor"},
};

// Security events and their settings (server/security). Types are part of the API contract.
using SecurityProblem = KnownProblem<security::Errc>;
constexpr std::array kSecurityProblems = {
    SecurityProblem{security::Errc::unknown_event, 404, "unknown_security_event", ""},
    SecurityProblem{security::Errc::event_not_open, 409, "security_event_not_open", ""},
    SecurityProblem{security::Errc::bad_speed, 400, "bad_speed", "maxSpeedKmh"},
};

// Protection officers' cases, referrals, services, search notices, and the administrators'
// rule sets (server/protection). Types are part of the API contract. corrupt_record is left
// out: a record that does not parse is an internal error, not the caller's.
using ProtectionProblem = KnownProblem<protection::Errc>;
constexpr std::array kProtectionProblems = {
    ProtectionProblem{protection::Errc::unknown_case, 404, "unknown_case", ""},
    ProtectionProblem{protection::Errc::case_status_forbids, 409, "case_status_forbids", ""},
    ProtectionProblem{protection::Errc::bad_reason, 400, "bad_reason", "reason"},
    ProtectionProblem{protection::Errc::bad_assignee, 400, "bad_assignee", "officerId"},
    ProtectionProblem{protection::Errc::unknown_service, 404, "unknown_service", "serviceId"},
    ProtectionProblem{protection::Errc::service_inactive, 409, "service_inactive", "serviceId"},
    ProtectionProblem{protection::Errc::service_refuses_minors, 409, "service_refuses_minors",
                      "serviceId"},
    ProtectionProblem{protection::Errc::bad_service, 400, "bad_service", ""},
    ProtectionProblem{protection::Errc::unknown_referral, 404, "unknown_referral", ""},
    ProtectionProblem{protection::Errc::referral_already_acknowledged, 409,
                      "referral_already_acknowledged", ""},
    ProtectionProblem{protection::Errc::referral_closed, 409, "referral_closed", ""},
    ProtectionProblem{protection::Errc::bad_due_date, 400, "bad_due_date", "dueAtMs"},
    ProtectionProblem{protection::Errc::bad_outcome, 400, "bad_outcome", "outcome"},
    ProtectionProblem{protection::Errc::unknown_notice, 404, "unknown_notice", ""},
    ProtectionProblem{protection::Errc::notice_closed, 409, "notice_closed", ""},
    ProtectionProblem{protection::Errc::bad_notice, 400, "bad_notice", ""},
    ProtectionProblem{protection::Errc::rule_set_invalid, 400, "invalid_rule_set", "text"},
    ProtectionProblem{protection::Errc::rule_set_exists, 409, "rule_set_exists", "text"},
    ProtectionProblem{protection::Errc::unknown_rule_set, 404, "unknown_rule_set", ""},
};

// Sign-in and credentials (server/auth). Types are part of the API contract too.
constexpr std::array kAuthProblems = {
    AuthProblem{auth::Errc::sign_in_refused, 401, "sign_in_refused", ""},
    AuthProblem{auth::Errc::sign_in_locked, 429, "sign_in_locked", ""},
    AuthProblem{auth::Errc::session_expired, 401, "session_expired", ""},
    AuthProblem{auth::Errc::session_ended, 401, "session_ended", ""},
    AuthProblem{auth::Errc::account_disabled, 401, "account_disabled", ""},
    AuthProblem{auth::Errc::token_expired, 401, "token_expired", ""},
    AuthProblem{auth::Errc::token_revoked, 401, "token_revoked", ""},
    AuthProblem{auth::Errc::session_required, 403, "session_required", ""},
    AuthProblem{auth::Errc::bad_token_name, 400, "bad_token_name", "name"},
    AuthProblem{auth::Errc::bad_token_validity, 400, "bad_token_validity", "validDays"},
    AuthProblem{auth::Errc::too_many_tokens, 409, "too_many_tokens", ""},
    AuthProblem{auth::Errc::unknown_token, 404, "unknown_token", ""},
    AuthProblem{auth::Errc::token_already_revoked, 409, "token_already_revoked", ""},
};

/// The problem of `error` when `table` (of its category) names it, `field` as its field when
/// given.
template <class Table>
std::optional<ApiProblem> FromTable(const Table& table, const boost::system::error_code& error,
                                    std::string_view field) {
  for (const auto& known : table) {
    if (error.value() != static_cast<int>(known.code)) continue;
    ApiProblem problem;
    problem.status = known.status;
    problem.type = std::string(known.type);
    problem.title = error.message();
    problem.field = std::string(field.empty() ? known.field : field);
    return problem;
  }
  return std::nullopt;
}

}  // namespace

ApiProblem Problem(int status, std::string_view type, std::string_view french,
                   std::string_view english, std::string_view field) {
  ApiProblem problem;
  problem.status = status;
  problem.type = std::string(type);
  problem.title = std::string(french) + " / " + std::string(english);
  problem.field = std::string(field);
  return problem;
}

std::string ProblemBody(const ApiProblem& problem) {
  v1::Problem message;
  message.set_type(std::string(kProblemTypePrefix) + problem.type);
  message.set_title(problem.title);
  message.set_status(problem.status);
  message.set_detail(problem.detail);
  message.set_field(problem.field);
  message.set_retry_after_ms(problem.retry_after_ms);
  std::string json;
  // Printing a message we built cannot fail; an empty body would still carry the status.
  (void)google::protobuf::util::MessageToJsonString(message, &json);
  return json;
}

ApiProblem NotSignedIn() {
  return Problem(401, "not_signed_in", "connexion requise", "sign-in required");
}
ApiProblem Forbidden() {
  return Problem(403, "forbidden", "votre rôle ne permet pas cette action",
                 "your role does not allow this");
}
ApiProblem CsrfRefused() {
  return Problem(403, "csrf", "jeton anti-falsification absent ou faux (rechargez la page)",
                 "anti-forgery token missing or wrong (reload the page)");
}
ApiProblem PasswordChangeRequired() {
  return Problem(403, "password_change_required",
                 "choisissez un nouveau mot de passe avant de continuer",
                 "choose a new password before going on");
}
ApiProblem NotFound(std::string_view what) {
  ApiProblem problem = Problem(404, "not_found", "introuvable", "not found");
  problem.detail = std::string(what);
  return problem;
}
ApiProblem Busy() {
  return Problem(503, "busy", "serveur occupé, réessayez dans un instant",
                 "server busy, retry in a moment");
}
ApiProblem Internal() { return Problem(500, "internal", "erreur interne", "internal error"); }

ApiProblem ProblemOf(const boost::system::error_code& error, std::string_view field) {
  std::optional<ApiProblem> known;
  if (error.category() == admin::AdminCategory()) known = FromTable(kAdminProblems, error, field);
  if (error.category() == security::SecurityCategory()) {
    known = FromTable(kSecurityProblems, error, field);
  }
  if (error.category() == protection::ErrorCategory()) {
    known = FromTable(kProtectionProblems, error, field);
  }
  if (error.category() == census::CensusCategory()) {
    known = FromTable(kCensusProblems, error, field);
  }
  if (error.category() == police::ErrorCategory()) {
    known = FromTable(kPoliceProblems, error, field);
  }
  if (error.category() == auth::AuthCategory()) {
    // Any other refusal of credentials (no cookie, an unknown one) is "sign in".
    known = FromTable(kAuthProblems, error, field);
    if (!known) return NotSignedIn();
  }
  return known ? *known : Internal();
}

}  // namespace minegate::server::api
