#include "server/api/protection_messages.hpp"

#include <charconv>
#include <cstdio>

#include "server/protection/protection_types.hpp"
#include "server/risk/age.hpp"

namespace minegate::server::api {

std::string CaseLabel(std::int64_t case_id) {
  // Four digits at least, so labels of one office line up and read alike aloud.
  char digits[24];
  std::snprintf(digits, sizeof digits, "%04lld", static_cast<long long>(case_id));
  return std::string("P-") + digits;
}

std::string AgeBand(const v1::CalendarDate& birth, std::int64_t now_ms) {
  const auto age = risk::AgeAt(birth, now_ms);
  if (!age) return "unknown";
  // The bands the indicators speak of: a child, a minor, the young women the issue is about.
  if (age->years < 15) return "under_15";
  if (age->years < 18) return "15_17";
  if (age->years < 21) return "18_20";
  if (age->years < 26) return "21_25";
  if (age->years < 36) return "26_35";
  return "36_plus";
}

v1::ProtectionCase ProtectionCaseOf(const protection::CaseSummary& summary) {
  v1::ProtectionCase out;
  out.set_case_id(summary.case_id);
  out.set_label(CaseLabel(summary.case_id));
  out.set_status(std::string(protection::Name(summary.status)));
  out.set_priority(summary.priority);
  out.set_first_flagged_at_ms(summary.first_flagged_at_ms);
  out.set_last_flagged_at_ms(summary.last_flagged_at_ms);
  out.set_assigned_to(summary.assigned_to.value_or(""));
  out.set_updated_at_ms(summary.updated_at_ms);
  out.set_overdue_since_ms(summary.overdue_since_ms.value_or(0));
  return out;
}

v1::Referral ReferralOf(const protection::Referral& referral) {
  v1::Referral out;
  out.set_referral_id(referral.referral_id);
  out.set_case_id(referral.case_id);
  out.set_service_id(referral.service_id);
  out.set_service_name(referral.service_name);
  out.set_due_at_ms(referral.due_at_ms);
  out.set_referred_at_ms(referral.referred_at_ms);
  out.set_referred_by(referral.referred_by);
  out.set_acknowledged_at_ms(referral.acknowledged_at_ms.value_or(0));
  if (referral.outcome) out.set_outcome(std::string(protection::Name(*referral.outcome)));
  out.set_outcome_note(referral.outcome_note);
  out.set_closed_at_ms(referral.closed_at_ms.value_or(0));
  out.set_overdue(referral.overdue);
  return out;
}

v1::CareService CareServiceOf(const protection::CareService& service) {
  v1::CareService out;
  out.set_service_id(service.service_id);
  out.set_name(service.details.name);
  out.set_kind(std::string(protection::Name(service.details.kind)));
  out.set_place(service.details.place);
  out.set_contact(service.details.contact);
  for (const std::string& language : service.details.languages) out.add_languages(language);
  out.set_accepts_minors(service.details.accepts_minors);
  out.set_active(service.active);
  out.set_updated_at_ms(service.updated_at_ms);
  return out;
}

v1::CasePerson CasePersonOf(const protection::PersonOnFile& person, std::int64_t now_ms) {
  const v1::PersonRegistered& registration = person.registration;
  v1::CasePerson out;
  out.set_given_name(registration.given_name());
  out.set_family_name(registration.family_name());
  out.set_sex(registration.sex());
  *out.mutable_birth() = registration.birth();
  if (const auto age = risk::AgeAt(registration.birth(), now_ms)) {
    out.set_age_years(age->years);
    out.set_age_approximate(age->approximate);
  }
  out.set_nationality(registration.nationality());
  for (const std::string& language : registration.languages()) out.add_languages(language);
  out.set_registered_at_ms(person.registered_at_ms);
  out.set_registered_site_id(person.registered_site_id);
  out.set_registered_site_name(person.registered_site_name);
  return out;
}

v1::CaseSiteSeen CaseSiteSeenOf(const protection::SiteSeen& seen) {
  v1::CaseSiteSeen out;
  out.set_site_id(seen.site_id);
  out.set_site_name(seen.site_name);
  out.set_at_ms(seen.at_ms);
  out.set_direction(seen.direction);
  return out;
}

std::string OfficerId(const ApiCall& call) {
  return call.principal != nullptr ? call.principal->user_id : std::string();
}

base::Clock CallClock(const ApiCall& call) {
  return [now = call.now_ms] { return now; };
}

std::optional<std::size_t> OffsetOf(const std::string& position) {
  if (position.empty()) return std::size_t{0};
  std::size_t offset = 0;
  const char* end = position.data() + position.size();
  const auto [stop, ec] = std::from_chars(position.data(), end, offset);
  if (ec != std::errc() || stop != end) return std::nullopt;
  return offset;
}

}  // namespace minegate::server::api
