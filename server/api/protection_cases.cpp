#include "server/api/protection_cases.hpp"

#include <functional>

#include "db/transaction.hpp"
#include "server/api/json_body.hpp"
#include "server/api/protection_messages.hpp"
#include "server/api/request_reading.hpp"
#include "server/protection/assessment_store.hpp"
#include "server/protection/search_notice_store.hpp"

namespace minegate::server::api {
namespace {

using protection::CaseStore;
using protection::CaseSummary;

/// The stays a case page shows at most (a miner at one site has one stay however many taps).
constexpr std::size_t kMaxStaysShown = 200;

ApiProblem BadQueueCursor() {
  return Problem(400, "bad_cursor", "curseur invalide (reprenez la liste au début)",
                 "invalid cursor (start the list again)", "cursor");
}

/// The case `{id}` names, into `out`; it names the case in the audit entry first, so a refusal
/// says what was tried. Never her person token: `case:<id>` tells auditors which case, and a
/// token they could link to another role's reads would tell them who has a protection case.
std::optional<ApiProblem> FindCase(ApiCall& call, CaseStore& store, CaseSummary& out) {
  call.audit.targets.push_back("case:" + call.params.at("id"));
  const auto case_id = PositiveId(call.params, "id");
  if (!case_id) return ProblemOf(protection::Errc::unknown_case);
  auto found = store.Get(*case_id);
  if (!found) return ProblemOf(found.error());
  if (!found.value()) return ProblemOf(protection::Errc::unknown_case);
  out = *found.value();
  return std::nullopt;
}

/// What an officer does to a case: the step, then the case as it is now.
using CaseStep = std::function<std::optional<ApiProblem>(CaseStore&, const CaseSummary&)>;

ApiReply CaseAction(ApiCall& call, const CaseStep& step) {
  auto store = CaseStore::Create(call.connection, CallClock(call));
  if (!store) return ProblemReply(ProblemOf(store.error()));
  CaseSummary summary;
  if (auto problem = FindCase(call, *store.value(), summary)) return ProblemReply(*problem);
  if (auto problem = step(*store.value(), summary)) return ProblemReply(*problem);
  auto now = store.value()->Get(summary.case_id);
  if (!now) return ProblemReply(ProblemOf(now.error()));
  if (!now.value()) return ProblemReply(ProblemOf(protection::Errc::unknown_case));
  return JsonReply(ProtectionCaseOf(*now.value()));
}

/// dismiss, close, reopen: the store's step with the officer's reason from the body.
using ReasonStep = protection::Result<void> (CaseStore::*)(std::int64_t, std::string_view,
                                                           std::string_view);

ApiHandler ReasonHandler(ReasonStep reason_step) {
  return [reason_step](ApiCall& call) {
    return CaseAction(
        call,
        [&call, reason_step](CaseStore& store,
                             const CaseSummary& summary) -> std::optional<ApiProblem> {
          v1::CaseReasonRequest request;
          if (auto problem = ReadBody(call.request, request)) return problem;
          if (auto done = (store.*reason_step)(summary.case_id, OfficerId(call), request.reason());
              !done) {
            return ProblemOf(done.error());
          }
          return std::nullopt;
        });
  };
}

/// A queue row: the case, and what tells cases apart without a name.
protection::Result<v1::ProtectionQueueRow> QueueRowOf(const CaseSummary& summary,
                                                      protection::CaseFileReader& reader,
                                                      protection::AssessmentStore& assessments,
                                                      std::int64_t now_ms) {
  v1::ProtectionQueueRow row;
  *row.mutable_summary() = ProtectionCaseOf(summary);
  row.set_age_band("unknown");
  auto person = reader.Person(summary.person_token);
  if (!person) return person.error();
  if (person.value()) {
    const protection::PersonOnFile& her = *person.value();
    row.set_sex(her.registration.sex());
    row.set_age_band(AgeBand(her.registration.birth(), now_ms));
    // Until a gate sees her again, she was last seen where she was registered.
    row.set_last_seen_site_id(her.registered_site_id);
    row.set_last_seen_site_name(her.registered_site_name);
    row.set_last_seen_at_ms(her.registered_at_ms);
  }
  auto seen = reader.LastSeen(summary.person_token);
  if (!seen) return seen.error();
  if (seen.value() && seen.value()->at_ms >= row.last_seen_at_ms()) {
    row.set_last_seen_site_id(seen.value()->site_id);
    row.set_last_seen_site_name(seen.value()->site_name);
    row.set_last_seen_at_ms(seen.value()->at_ms);
  }
  auto stored = assessments.Get(summary.person_token);
  if (!stored) return stored.error();
  if (stored.value()) {
    for (const v1::RaisedIndicator& indicator : stored.value()->assessment.indicators()) {
      row.add_indicators(indicator.id());
    }
  }
  return row;
}

v1::CaseCompanion CaseCompanionOf(const protection::CompanionOnFile& companion) {
  v1::CaseCompanion out;
  out.set_relation(companion.relation);
  out.set_answered_for_her(companion.answered_for_person);
  out.set_has_bracelet(!companion.companion_token.empty());
  out.set_companion_given_name(companion.companion_given_name);
  out.set_companion_family_name(companion.companion_family_name);
  out.set_description(companion.description);
  out.set_recorded_at_ms(companion.recorded_at_ms);
  out.set_site_id(companion.site_id);
  out.set_site_name(companion.site_name);
  return out;
}

/// Everything the case page shows, read in the caller's snapshot.
protection::Result<v1::CaseFile> ReadCaseFile(ApiCall& call, CaseStore& cases,
                                              const CaseSummary& summary) {
  v1::CaseFile file;
  *file.mutable_summary() = ProtectionCaseOf(summary);
  const std::string& token = summary.person_token;
  protection::CaseFileReader reader(call.connection);
  auto person = reader.Person(token);
  if (!person) return person.error();
  if (person.value()) *file.mutable_person() = CasePersonOf(*person.value(), call.now_ms);
  auto seen = reader.LastSeen(token);
  if (!seen) return seen.error();
  if (seen.value()) *file.mutable_last_seen() = CaseSiteSeenOf(*seen.value());
  auto companions = reader.Companions(token);
  if (!companions) return companions.error();
  for (const auto& companion : companions.value()) {
    *file.add_companions() = CaseCompanionOf(companion);
  }
  auto assessments = protection::AssessmentStore::Create(call.connection);
  if (!assessments) return assessments.error();
  auto stored = assessments.value()->Get(token);
  if (!stored) return stored.error();
  if (stored.value()) {
    *file.mutable_assessment() = stored.value()->assessment;
    file.set_assessed_at_ms(stored.value()->evaluated_at_ms);
  }
  auto movements = reader.MovementsOf(token, kMaxStaysShown);
  if (!movements) return movements.error();
  v1::CaseMovements* moved = file.mutable_movements();
  for (const protection::Stay& stay : movements.value().stays) {
    v1::CaseStay* out = moved->add_stays();
    out->set_site_id(stay.site_id);
    out->set_site_name(stay.site_name);
    out->set_first_at_ms(stay.first_at_ms);
    out->set_last_at_ms(stay.last_at_ms);
    out->set_passages(stay.passages);
  }
  moved->set_stay_count(movements.value().stay_count);
  moved->set_passage_count(movements.value().passage_count);
  auto history = cases.History(summary.case_id);
  if (!history) return history.error();
  for (const protection::CaseHistoryEntry& entry : history.value()) {
    v1::CaseHistoryEntry* out = file.add_history();
    out->set_entry_id(entry.entry_id);
    out->set_at_ms(entry.at_ms);
    out->set_actor(entry.actor.value_or(""));
    out->set_action(entry.action);
    out->set_detail(entry.detail);
  }
  auto referrals =
      protection::ReferralStore(call.connection, CallClock(call)).ForCase(summary.case_id);
  if (!referrals) return referrals.error();
  for (const protection::Referral& referral : referrals.value()) {
    *file.add_referrals() = ReferralOf(referral);
  }
  protection::SearchNoticeStore notices(call.connection, CallClock(call));
  auto matches = notices.MatchesOf(token);
  if (!matches) return matches.error();
  for (const protection::SearchNoticeMatch& match : matches.value()) {
    auto notice = notices.Get(match.notice_id);
    if (!notice) return notice.error();
    if (!notice.value()) continue;
    v1::CaseNoticeMatch* out = file.add_notice_matches();
    out->set_notice_id(match.notice_id);
    out->set_kind(std::string(protection::Name(notice.value()->details.kind)));
    out->set_method(std::string(protection::Name(match.method)));
    out->set_similarity(match.similarity);
    out->set_matched_at_ms(match.matched_at_ms);
    out->set_reporting_service(notice.value()->details.reporting_service);
    out->set_notice_open(notice.value()->open);
  }
  return file;
}

}  // namespace

ApiHandler ProtectionQueueHandler() {
  return [](ApiCall& call) {
    PageRequest page;
    if (auto problem = ReadPage(call.request, page)) return ProblemReply(*problem);
    const auto offset = OffsetOf(page.after);
    if (!offset) return ProblemReply(BadQueueCursor());
    // One snapshot for the page and what each row shows.
    auto snapshot = db::Transaction::Begin(call.connection, db::Transaction::Mode::kDeferred);
    if (!snapshot) return ProblemReply(ProblemOf(snapshot.error()));
    auto cases = CaseStore::Create(call.connection, CallClock(call));
    if (!cases) return ProblemReply(ProblemOf(cases.error()));
    auto assessments = protection::AssessmentStore::Create(call.connection);
    if (!assessments) return ProblemReply(ProblemOf(assessments.error()));
    protection::CaseFileReader reader(call.connection);
    // One more than the page: whether another page follows.
    auto listed = cases.value()->Queue(page.limit + 1, *offset);
    if (!listed) return ProblemReply(ProblemOf(listed.error()));
    v1::ProtectionQueue queue;
    for (const CaseSummary& summary : listed.value()) {
      if (static_cast<std::size_t>(queue.cases_size()) == page.limit) {
        queue.set_next_cursor(EncodeCursor(std::to_string(*offset + page.limit)));
        break;
      }
      auto row = QueueRowOf(summary, reader, *assessments.value(), call.now_ms);
      if (!row) return ProblemReply(ProblemOf(row.error()));
      *queue.add_cases() = std::move(row).value();
    }
    call.audit.result_count = queue.cases_size();
    return JsonReply(queue);
  };
}

ApiHandler CaseFileHandler() {
  return [](ApiCall& call) {
    auto snapshot = db::Transaction::Begin(call.connection, db::Transaction::Mode::kDeferred);
    if (!snapshot) return ProblemReply(ProblemOf(snapshot.error()));
    auto cases = CaseStore::Create(call.connection, CallClock(call));
    if (!cases) return ProblemReply(ProblemOf(cases.error()));
    CaseSummary summary;
    if (auto problem = FindCase(call, *cases.value(), summary)) return ProblemReply(*problem);
    auto file = ReadCaseFile(call, *cases.value(), summary);
    if (!file) return ProblemReply(ProblemOf(file.error()));
    call.audit.result_count = 1;
    return JsonReply(file.value());
  };
}

ApiHandler OpenCaseHandler() {
  return [](ApiCall& call) {
    return CaseAction(
        call, [&call](CaseStore& store, const CaseSummary& summary) -> std::optional<ApiProblem> {
          if (auto opened = store.Open(summary.case_id, OfficerId(call)); !opened) {
            return ProblemOf(opened.error());
          }
          return std::nullopt;
        });
  };
}

ApiHandler AssignCaseHandler() {
  return [](ApiCall& call) {
    return CaseAction(
        call, [&call](CaseStore& store, const CaseSummary& summary) -> std::optional<ApiProblem> {
          v1::AssignCaseRequest request;
          if (auto problem = ReadBody(call.request, request)) return problem;
          call.audit.targets.push_back("user:" + request.officer_id());
          if (auto assigned = store.Assign(summary.case_id, OfficerId(call), request.officer_id());
              !assigned) {
            return ProblemOf(assigned.error());
          }
          return std::nullopt;
        });
  };
}

ApiHandler DismissCaseHandler() { return ReasonHandler(&CaseStore::Dismiss); }
ApiHandler CloseCaseHandler() { return ReasonHandler(&CaseStore::Close); }
ApiHandler ReopenCaseHandler() { return ReasonHandler(&CaseStore::Reopen); }

ApiHandler ReferCaseHandler() {
  return [](ApiCall& call) {
    auto cases = CaseStore::Create(call.connection, CallClock(call));
    if (!cases) return ProblemReply(ProblemOf(cases.error()));
    CaseSummary summary;
    if (auto problem = FindCase(call, *cases.value(), summary)) return ProblemReply(*problem);
    v1::ReferCaseRequest request;
    if (auto problem = ReadBody(call.request, request)) return ProblemReply(*problem);
    call.audit.targets.push_back("service:" + std::to_string(request.service_id()));
    protection::ReferralStore referrals(call.connection, CallClock(call));
    auto referral_id = referrals.Refer(summary.case_id, request.service_id(), request.due_at_ms(),
                                       OfficerId(call));
    if (!referral_id) return ProblemReply(ProblemOf(referral_id.error()));
    call.audit.targets.push_back("referral:" + std::to_string(referral_id.value()));
    auto referral = referrals.Get(referral_id.value());
    if (!referral) return ProblemReply(ProblemOf(referral.error()));
    if (!referral.value()) return ProblemReply(ProblemOf(protection::Errc::unknown_referral));
    return JsonReply(ReferralOf(*referral.value()), 201);
  };
}

}  // namespace minegate::server::api
