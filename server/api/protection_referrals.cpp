#include "server/api/protection_referrals.hpp"

#include "db/transaction.hpp"
#include "server/admin/user_registry.hpp"
#include "server/api/protection_messages.hpp"
#include "server/api/request_reading.hpp"
#include "server/protection/assessment_store.hpp"
#include "server/protection/protection_types.hpp"

namespace minegate::server::api {
namespace {

using protection::CareServiceStore;
using protection::ReferralStore;

/// The referral `{id}` names, into `out`: the referral and its case in the audit entry first,
/// so a refusal says what was tried (never her person token: see protection_messages.hpp).
std::optional<ApiProblem> FindReferral(ApiCall& call, ReferralStore& referrals,
                                       protection::Referral& out) {
  call.audit.targets.push_back("referral:" + call.params.at("id"));
  const auto referral_id = PositiveId(call.params, "id");
  if (!referral_id) return ProblemOf(protection::Errc::unknown_referral);
  auto found = referrals.Get(*referral_id);
  if (!found) return ProblemOf(found.error());
  if (!found.value()) return ProblemOf(protection::Errc::unknown_referral);
  out = *found.value();
  call.audit.targets.push_back("case:" + std::to_string(out.case_id));
  return std::nullopt;
}

/// The referral as it is now, after a step.
ApiReply ReferralReply(ReferralStore& referrals, std::int64_t referral_id) {
  auto now = referrals.Get(referral_id);
  if (!now) return ProblemReply(ProblemOf(now.error()));
  if (!now.value()) return ProblemReply(ProblemOf(protection::Errc::unknown_referral));
  return JsonReply(ReferralOf(*now.value()));
}

/// The service `{id}` names, in the audit entry; nullopt when it is not an id.
std::optional<std::int64_t> TargetService(ApiCall& call) {
  call.audit.targets.push_back("service:" + call.params.at("id"));
  return PositiveId(call.params, "id");
}

/// An error about the service the path names: no request field is in error then.
ApiProblem PathServiceProblem(const boost::system::error_code& error) {
  ApiProblem problem = ProblemOf(error);
  if (error == protection::Errc::unknown_service) problem.field.clear();
  return problem;
}

/// The directory entry a request describes; a problem for an unknown kind.
std::optional<ApiProblem> ServiceInputOf(const v1::CareServiceRequest& request,
                                         protection::CareServiceInput& input) {
  const auto kind = protection::ParseServiceKind(request.kind());
  if (!kind) {
    ApiProblem problem = ProblemOf(protection::Errc::bad_service);
    problem.field = "kind";
    return problem;
  }
  input.name = request.name();
  input.kind = *kind;
  input.place = request.place();
  input.contact = request.contact();
  input.languages.assign(request.languages().begin(), request.languages().end());
  input.accepts_minors = request.accepts_minors();
  return std::nullopt;
}

ApiReply CareServiceReply(CareServiceStore& services, std::int64_t service_id, int status = 200) {
  auto service = services.Get(service_id);
  if (!service) return ProblemReply(ProblemOf(service.error()));
  if (!service.value()) return ProblemReply(ProblemOf(protection::Errc::unknown_service));
  return JsonReply(CareServiceOf(*service.value()), status);
}

/// The summary's data, read in the caller's snapshot.
protection::Result<v1::ReferralSummary> ReadSummary(ApiCall& call,
                                                    const protection::Referral& referral) {
  v1::ReferralSummary summary;
  *summary.mutable_referral() = ReferralOf(referral);
  summary.set_case_id(referral.case_id);
  summary.set_case_label(CaseLabel(referral.case_id));
  summary.set_produced_at_ms(call.now_ms);
  auto service = CareServiceStore(call.connection, CallClock(call)).Get(referral.service_id);
  if (!service) return service.error();
  if (service.value()) *summary.mutable_service() = CareServiceOf(*service.value());
  auto cases = protection::CaseStore::Create(call.connection, CallClock(call));
  if (!cases) return cases.error();
  auto found = cases.value()->Get(referral.case_id);
  if (!found) return found.error();
  if (!found.value()) return make_error_code(protection::Errc::unknown_case);
  const std::string& token = found.value()->person_token;
  protection::CaseFileReader reader(call.connection);
  auto person = reader.Person(token);
  if (!person) return person.error();
  if (person.value()) *summary.mutable_person() = CasePersonOf(*person.value(), call.now_ms);
  auto seen = reader.LastSeen(token);
  if (!seen) return seen.error();
  if (seen.value()) *summary.mutable_last_seen() = CaseSiteSeenOf(*seen.value());
  auto assessments = protection::AssessmentStore::Create(call.connection);
  if (!assessments) return assessments.error();
  auto stored = assessments.value()->Get(token);
  if (!stored) return stored.error();
  if (stored.value()) {
    // Words only: a service needs to know why, not the points.
    for (const v1::RaisedIndicator& indicator : stored.value()->assessment.indicators()) {
      v1::ReferralReason* reason = summary.add_reasons();
      reason->set_text_fr(indicator.text_fr());
      reason->set_text_en(indicator.text_en());
    }
  }
  // The officer's name as the users list has it; the user id when no longer found.
  auto officer =
      admin::UserRegistry(call.connection, CallClock(call)).FindUser(referral.referred_by);
  summary.set_referred_by_name(officer ? officer.value().display_name : referral.referred_by);
  return summary;
}

}  // namespace

ApiHandler AcknowledgeReferralHandler() {
  return [](ApiCall& call) {
    ReferralStore referrals(call.connection, CallClock(call));
    protection::Referral referral;
    if (auto problem = FindReferral(call, referrals, referral)) return ProblemReply(*problem);
    if (auto done = referrals.Acknowledge(referral.referral_id, OfficerId(call)); !done) {
      return ProblemReply(ProblemOf(done.error()));
    }
    return ReferralReply(referrals, referral.referral_id);
  };
}

ApiHandler ReferralOutcomeHandler() {
  return [](ApiCall& call) {
    ReferralStore referrals(call.connection, CallClock(call));
    protection::Referral referral;
    if (auto problem = FindReferral(call, referrals, referral)) return ProblemReply(*problem);
    v1::ReferralOutcomeRequest request;
    if (auto problem = ReadBody(call.request, request)) return ProblemReply(*problem);
    const auto outcome = protection::ParseReferralOutcome(request.outcome());
    if (!outcome) return ProblemReply(ProblemOf(protection::Errc::bad_outcome));
    if (auto done = referrals.RecordOutcome(referral.referral_id, *outcome, request.note(),
                                            OfficerId(call));
        !done) {
      ApiProblem problem = ProblemOf(done.error());
      // The store's bad_reason here is the note.
      if (done.error() == protection::Errc::bad_reason) problem.field = "note";
      return ProblemReply(problem);
    }
    return ReferralReply(referrals, referral.referral_id);
  };
}

ApiHandler ReferralSummaryHandler() {
  return [](ApiCall& call) {
    auto snapshot = db::Transaction::Begin(call.connection, db::Transaction::Mode::kDeferred);
    if (!snapshot) return ProblemReply(ProblemOf(snapshot.error()));
    ReferralStore referrals(call.connection, CallClock(call));
    protection::Referral referral;
    if (auto problem = FindReferral(call, referrals, referral)) return ProblemReply(*problem);
    auto summary = ReadSummary(call, referral);
    if (!summary) return ProblemReply(ProblemOf(summary.error()));
    call.audit.result_count = 1;
    return JsonReply(summary.value());
  };
}

ApiHandler ListCareServicesHandler() {
  return [](ApiCall& call) {
    bool include_inactive = false;
    if (const auto wanted = call.request.QueryParam("includeInactive"); wanted) {
      if (*wanted != "true" && *wanted != "false") {
        return ProblemReply(Problem(400, "bad_filter", "includeInactive : true ou false",
                                    "includeInactive: true or false", "includeInactive"));
      }
      include_inactive = *wanted == "true";
    }
    auto services = CareServiceStore(call.connection, CallClock(call)).List(include_inactive);
    if (!services) return ProblemReply(ProblemOf(services.error()));
    v1::CareServiceList list;
    for (const protection::CareService& service : services.value()) {
      *list.add_services() = CareServiceOf(service);
    }
    call.audit.result_count = list.services_size();
    return JsonReply(list);
  };
}

ApiHandler CreateCareServiceHandler() {
  return [](ApiCall& call) {
    v1::CareServiceRequest request;
    if (auto problem = ReadBody(call.request, request)) return ProblemReply(*problem);
    protection::CareServiceInput input;
    if (auto problem = ServiceInputOf(request, input)) return ProblemReply(*problem);
    CareServiceStore services(call.connection, CallClock(call));
    auto service_id = services.Add(input);
    if (!service_id) return ProblemReply(ProblemOf(service_id.error()));
    call.audit.targets.push_back("service:" + std::to_string(service_id.value()));
    return CareServiceReply(services, service_id.value(), 201);
  };
}

ApiHandler UpdateCareServiceHandler() {
  return [](ApiCall& call) {
    const auto service_id = TargetService(call);
    if (!service_id) return ProblemReply(PathServiceProblem(protection::Errc::unknown_service));
    v1::CareServiceRequest request;
    if (auto problem = ReadBody(call.request, request)) return ProblemReply(*problem);
    protection::CareServiceInput input;
    if (auto problem = ServiceInputOf(request, input)) return ProblemReply(*problem);
    CareServiceStore services(call.connection, CallClock(call));
    if (auto updated = services.Update(*service_id, input); !updated) {
      return ProblemReply(PathServiceProblem(updated.error()));
    }
    if (auto activated = services.SetActive(*service_id, request.active()); !activated) {
      return ProblemReply(PathServiceProblem(activated.error()));
    }
    return CareServiceReply(services, *service_id);
  };
}

}  // namespace minegate::server::api
