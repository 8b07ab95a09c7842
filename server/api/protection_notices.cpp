#include "server/api/protection_notices.hpp"

#include <algorithm>

#include "server/api/json_body.hpp"
#include "server/api/protection_messages.hpp"
#include "server/api/request_reading.hpp"
#include "server/protection/protection_types.hpp"
#include "server/protection/search_notice_store.hpp"

namespace minegate::server::api {
namespace {

using protection::SearchNoticeStore;

/// The notice as officers read it, with how many persons it matched (not who).
protection::Result<v1::SearchNotice> SearchNoticeOf(SearchNoticeStore& notices,
                                                    const protection::SearchNotice& notice) {
  const protection::SearchNoticeInput& d = notice.details;
  v1::SearchNotice out;
  out.set_notice_id(notice.notice_id);
  out.set_kind(std::string(protection::Name(d.kind)));
  out.set_given_name(d.given_name);
  out.set_family_name(d.family_name);
  out.set_sex(d.sex);
  out.set_birth_year(d.birth_year.value_or(0));
  out.set_age_min(d.age_min.value_or(0));
  out.set_age_max(d.age_max.value_or(0));
  out.set_nationality(d.nationality);
  out.set_document_number(d.document_number);
  out.set_photo_description(d.photo_description);
  out.set_reporting_service(d.reporting_service);
  out.set_status(notice.open ? "open" : "closed");
  out.set_created_by(notice.created_by);
  out.set_created_at_ms(notice.created_at_ms);
  out.set_closed_by(notice.closed_by.value_or(""));
  out.set_closed_at_ms(notice.closed_at_ms.value_or(0));
  auto matches = notices.Matches(notice.notice_id);
  if (!matches) return matches.error();
  out.set_match_count(static_cast<std::int64_t>(matches.value().size()));
  return out;
}

ApiReply SearchNoticeReply(SearchNoticeStore& notices, std::int64_t notice_id) {
  auto notice = notices.Get(notice_id);
  if (!notice) return ProblemReply(ProblemOf(notice.error()));
  if (!notice.value()) return ProblemReply(ProblemOf(protection::Errc::unknown_notice));
  auto out = SearchNoticeOf(notices, *notice.value());
  if (!out) return ProblemReply(ProblemOf(out.error()));
  return JsonReply(out.value());
}

/// The notice a request describes; a problem for a kind that is not one.
std::optional<ApiProblem> NoticeInputOf(const v1::SearchNoticeRequest& request,
                                        protection::SearchNoticeInput& input) {
  const auto kind = protection::ParseSearchNoticeKind(request.kind());
  if (!kind) {
    ApiProblem problem = ProblemOf(protection::Errc::bad_notice);
    problem.field = "kind";
    return problem;
  }
  input.kind = *kind;
  input.given_name = request.given_name();
  input.family_name = request.family_name();
  input.sex = request.sex();
  if (request.birth_year() != 0) input.birth_year = request.birth_year();
  // An age range is given by its upper bound (0 years is a lower bound like any other).
  if (request.age_max() != 0) {
    input.age_min = request.age_min();
    input.age_max = request.age_max();
  } else if (request.age_min() != 0) {
    input.age_min = request.age_min();
  }
  input.nationality = request.nationality();
  input.document_number = request.document_number();
  input.photo_description = request.photo_description();
  input.reporting_service = request.reporting_service();
  return std::nullopt;
}

/// The cases of the persons a notice matched go to its audit entry as `case:<id>`, never their
/// person tokens (see protection_messages.hpp): auditors see which cases it raised or touched,
/// the officer's answer only how many. A match without a case (rules without the notice
/// indicator) raised none and names none.
std::optional<ApiProblem> AuditMatchedCases(
    ApiCall& call, const std::vector<protection::SearchNoticeMatch>& matches) {
  auto cases = protection::CaseStore::Create(call.connection, CallClock(call));
  if (!cases) return ProblemOf(cases.error());
  std::vector<std::int64_t> case_ids;
  for (const protection::SearchNoticeMatch& match : matches) {
    auto found = cases.value()->ForPerson(match.person_token);
    if (!found) return ProblemOf(found.error());
    if (found.value()) case_ids.push_back(found.value()->case_id);
  }
  // In case order, each once: the entry reads alike however the matches were ranked.
  std::sort(case_ids.begin(), case_ids.end());
  case_ids.erase(std::unique(case_ids.begin(), case_ids.end()), case_ids.end());
  for (const std::int64_t case_id : case_ids) {
    call.audit.targets.push_back("case:" + std::to_string(case_id));
  }
  return std::nullopt;
}

}  // namespace

ApiHandler ListSearchNoticesHandler() {
  return [](ApiCall& call) {
    PageRequest page;
    if (auto problem = ReadPage(call.request, page)) return ProblemReply(*problem);
    const auto offset = OffsetOf(page.after);
    if (!offset) {
      return ProblemReply(Problem(400, "bad_cursor",
                                  "curseur invalide (reprenez la liste au début)",
                                  "invalid cursor (start the list again)", "cursor"));
    }
    bool include_closed = false;
    if (const auto wanted = call.request.QueryParam("status"); wanted && !wanted->empty()) {
      if (*wanted != "open" && *wanted != "all") {
        return ProblemReply(
            Problem(400, "bad_status", "état : open ou all", "status: open or all", "status"));
      }
      include_closed = *wanted == "all";
    }
    SearchNoticeStore notices(call.connection, CallClock(call));
    auto listed = notices.List(include_closed, page.limit + 1, *offset);
    if (!listed) return ProblemReply(ProblemOf(listed.error()));
    v1::SearchNoticeList list;
    for (const protection::SearchNotice& notice : listed.value()) {
      if (static_cast<std::size_t>(list.notices_size()) == page.limit) {
        list.set_next_cursor(EncodeCursor(std::to_string(*offset + page.limit)));
        break;
      }
      auto out = SearchNoticeOf(notices, notice);
      if (!out) return ProblemReply(ProblemOf(out.error()));
      *list.add_notices() = std::move(out).value();
    }
    call.audit.result_count = list.notices_size();
    return JsonReply(list);
  };
}

ApiHandler CreateSearchNoticeHandler() {
  return [](ApiCall& call) {
    v1::SearchNoticeRequest request;
    if (auto problem = ReadBody(call.request, request)) return ProblemReply(*problem);
    protection::SearchNoticeInput input;
    if (auto problem = NoticeInputOf(request, input)) return ProblemReply(*problem);
    SearchNoticeStore notices(call.connection, CallClock(call));
    auto created = notices.Create(input, OfficerId(call));
    if (!created) return ProblemReply(ProblemOf(created.error()));
    call.audit.targets.push_back("notice:" + std::to_string(created.value().notice_id));
    if (auto problem = AuditMatchedCases(call, created.value().matches)) {
      return ProblemReply(*problem);
    }
    auto notice = notices.Get(created.value().notice_id);
    if (!notice) return ProblemReply(ProblemOf(notice.error()));
    if (!notice.value()) return ProblemReply(ProblemOf(protection::Errc::unknown_notice));
    auto out = SearchNoticeOf(notices, *notice.value());
    if (!out) return ProblemReply(ProblemOf(out.error()));
    v1::CreatedSearchNotice answer;
    *answer.mutable_notice() = std::move(out).value();
    answer.set_cases_raised(static_cast<std::int64_t>(created.value().matches.size()));
    return JsonReply(answer, 201);
  };
}

ApiHandler CloseSearchNoticeHandler() {
  return [](ApiCall& call) {
    call.audit.targets.push_back("notice:" + call.params.at("id"));
    const auto notice_id = PositiveId(call.params, "id");
    if (!notice_id) return ProblemReply(ProblemOf(protection::Errc::unknown_notice));
    SearchNoticeStore notices(call.connection, CallClock(call));
    if (auto closed = notices.Close(*notice_id, OfficerId(call)); !closed) {
      return ProblemReply(ProblemOf(closed.error()));
    }
    // Closing re-evaluated the persons it matched.
    auto matches = notices.Matches(*notice_id);
    if (!matches) return ProblemReply(ProblemOf(matches.error()));
    if (auto problem = AuditMatchedCases(call, matches.value())) return ProblemReply(*problem);
    return SearchNoticeReply(notices, *notice_id);
  };
}

}  // namespace minegate::server::api
