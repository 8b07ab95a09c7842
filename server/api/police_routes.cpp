#include "server/api/police_routes.hpp"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <array>
#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.hpp"
#include "base/hex.hpp"
#include "base/text.hpp"
#include "db/transaction.hpp"
#include "server/api/json_body.hpp"
#include "server/api/request_reading.hpp"
#include "server/police/person_search.hpp"
#include "server/police/person_timeline.hpp"

namespace minegate::server::api {
namespace {

using police::SearchQuery;

/// A search page: at most police::kMaxPageSize, 50 unless asked.
constexpr std::size_t kDefaultPageSize = 50;
/// A search term is a name, a number or a date, not a text: longer is refused before it is
/// searched (and before it fills the audit entry).
constexpr std::size_t kMaxTermChars = 100;

/// The criteria of GET /v1/police/persons, one kind per call, and the dates of the last two.
constexpr std::array<std::string_view, 5> kKinds = {"uid", "name", "document", "nationality",
                                                    "site"};
constexpr std::array<std::string_view, 7> kTerms = {"uid",  "name", "document", "nationality",
                                                    "site", "from", "to"};

ApiProblem BadDate(std::string_view field) {
  return Problem(400, "bad_date", "date invalide : AAAA-MM-JJ attendu (UTC)",
                 "invalid date: YYYY-MM-DD expected (UTC)", field);
}

/// `text` as a JSON string (protobuf's printer escapes it); valid UTF-8 only.
std::string JsonString(const std::string& text) {
  google::protobuf::Value value;
  value.set_string_value(text);
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(value, &json).ok()) return "null";
  return json;
}

/// A criterion as sent: absent and empty alike (a form sends its empty boxes too).
std::optional<std::string> Term(const ApiCall& call, std::string_view name) {
  auto value = call.request.QueryParam(name);
  if (!value || value->empty()) return std::nullopt;
  return value;
}

/// The search terms as sent, a JSON object in a fixed order, for the audit entry's `query`
/// (before they are checked: a refused search says what was typed). A term that is not short
/// text is named, not copied.
std::string AuditQueryOf(const ApiCall& call) {
  std::string json;
  for (const std::string_view name : kTerms) {
    const auto value = Term(call, name);
    if (!value) continue;
    json += json.empty() ? "{" : ",";
    json += "\"" + std::string(name) + "\":";
    json += base::TextWithin(*value, 1, kMaxTermChars)
                ? JsonString(*value)
                : JsonString("(invalide / invalid, " + std::to_string(value->size()) +
                             " octets / bytes)");
  }
  return json.empty() ? "{}" : json + "}";
}

/// Milliseconds at 00:00 UTC of a "YYYY-MM-DD" date from 1900 on (Senegal is UTC+0, no daylight
/// saving); nullopt when not exactly that form or not a calendar date.
std::optional<std::int64_t> DayStartMs(std::string_view text) {
  const auto day = base::ParseDay(text, 1900);
  if (!day) return std::nullopt;
  return *day * base::kDayMs;
}

/// ?from=&to= into [from_ms, to_ms): `to` is the last day searched, whole.
std::optional<ApiProblem> ReadDates(const ApiCall& call, SearchQuery& query) {
  const auto from_text = Term(call, "from");
  const auto to_text = Term(call, "to");
  const auto from = from_text ? DayStartMs(*from_text) : std::nullopt;
  if (!from) return BadDate("from");
  const auto to = to_text ? DayStartMs(*to_text) : std::nullopt;
  if (!to) return BadDate("to");
  if (*to < *from) return ProblemOf(police::Errc::bad_date_range);
  query.from_ms = *from;
  query.to_ms = *to + base::kDayMs;
  return std::nullopt;
}

/// The query's one criterion (and its dates) from the request, or the problem to answer.
std::optional<ApiProblem> ReadSearch(const ApiCall& call, SearchQuery& query) {
  std::optional<std::string_view> kind;
  for (const std::string_view name : kKinds) {
    if (!Term(call, name)) continue;
    // Two criteria: the second one is the field in error.
    if (kind) return ProblemOf(police::Errc::bad_search, name);
    kind = name;
  }
  if (!kind) return ProblemOf(police::Errc::bad_search);
  const std::string value = *Term(call, *kind);
  if (!base::TextWithin(value, 1, kMaxTermChars)) {
    return ProblemOf(police::Errc::bad_search, *kind);
  }
  const bool dated = *kind == "nationality" || *kind == "site";
  if (!dated) {
    for (const std::string_view name : {"from", "to"}) {
      if (Term(call, name)) return ProblemOf(police::Errc::bad_search, name);
    }
  }
  if (*kind == "uid") {
    query.kind = SearchQuery::Kind::kTagUid;
    const auto bytes = base::FromHex(value);
    if (!bytes) return ProblemOf(police::Errc::bad_tag_uid);
    query.tag_uid.assign(bytes->begin(), bytes->end());
  } else if (*kind == "name") {
    query.kind = SearchQuery::Kind::kName;
    query.text = value;
  } else if (*kind == "document") {
    query.kind = SearchQuery::Kind::kDocument;
    query.text = value;
  } else if (*kind == "nationality") {
    query.kind = SearchQuery::Kind::kNationality;
    // "mli" is MLI: the codes are upper case, officers type either.
    for (const char c : value) {
      query.nationality.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
    }
  } else {
    query.kind = SearchQuery::Kind::kSite;
    std::int64_t site = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), site);
    if (ec != std::errc() || end != value.data() + value.size() || site <= 0) {
      return Problem(400, "bad_site", "site : identifiant de site attendu (entier positif)",
                     "site: a site id expected (positive integer)", "site");
    }
    query.site_id = site;
  }
  if (dated) return ReadDates(call, query);
  return std::nullopt;
}

}  // namespace

std::optional<ApiProblem> ReadPoliceSearch(ApiCall& call, police::SearchQuery& query) {
  call.audit.query = AuditQueryOf(call);
  return ReadSearch(call, query);
}

std::optional<ApiProblem> ReadTimelinePerson(ApiCall& call, std::string& token) {
  const std::string& id = call.params.at("id");
  call.audit.query = "{\"personId\":" + JsonString(base::TextWithin(id, 1, 64) ? id : "?") + "}";
  const std::optional<std::string> found = police::PersonTokenOf(id);
  if (!found) return ProblemOf(police::Errc::bad_person_id);
  // The history asked for, found or not: an auditor sees whose record was sought.
  call.audit.person_tokens.push_back(base::ToHex(*found));
  token = *found;
  return std::nullopt;
}

ApiHandler PoliceSearchHandler() {
  return [](ApiCall& call) {
    SearchQuery query;
    if (auto problem = ReadPoliceSearch(call, query)) return ProblemReply(*problem);
    PageRequest page;
    if (auto problem = ReadPage(call.request, page, police::kMaxPageSize, kDefaultPageSize)) {
      return ProblemReply(*problem);
    }
    query.limit = page.limit;
    query.after = page.after;
    std::string next_after;
    // One snapshot: a name search with initials reads the index in several rounds.
    auto snapshot = db::Transaction::Begin(call.connection, db::Transaction::Mode::kDeferred);
    if (!snapshot) return ProblemReply(ProblemOf(snapshot.error()));
    auto found = police::PersonSearch(call.connection).Find(query, next_after);
    if (!found) return ProblemReply(ProblemOf(found.error()));
    v1::PolicePersonSearch& answer = found.value();
    if (!next_after.empty()) answer.set_next_cursor(EncodeCursor(next_after));
    // Who was shown to the officer: each person answered, by token (police reads name the
    // persons they touch, unlike the protection routes: docs/api.md §1.10).
    for (const v1::PolicePersonRow& row : answer.persons()) {
      call.audit.person_tokens.push_back(row.person_id());
    }
    call.audit.result_count = answer.persons_size();
    return JsonReply(answer);
  };
}

ApiHandler PoliceTimelineHandler() {
  return [](ApiCall& call) {
    std::string token;
    if (auto problem = ReadTimelinePerson(call, token)) return ProblemReply(*problem);
    // One snapshot for every part of the history.
    auto snapshot = db::Transaction::Begin(call.connection, db::Transaction::Mode::kDeferred);
    if (!snapshot) return ProblemReply(ProblemOf(snapshot.error()));
    auto timeline = police::PersonTimeline(call.connection).Read(token);
    if (!timeline) return ProblemReply(ProblemOf(timeline.error()));
    v1::PoliceTimeline& answer = timeline.value();
    // For the printed page: when it was made and for whom (the gateway admits only a
    // signed-in officer here).
    answer.set_produced_at_ms(call.now_ms);
    if (call.principal != nullptr) {
      answer.set_printed_by(call.principal->display_name);
      answer.set_printed_by_user_id(call.principal->user_id);
    }
    call.audit.result_count = 1;
    return JsonReply(answer);
  };
}

}  // namespace minegate::server::api
