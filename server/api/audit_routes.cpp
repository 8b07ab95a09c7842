#include "server/api/audit_routes.hpp"

#include <charconv>

#include "base/clock.hpp"
#include "base/hex.hpp"
#include "server/api/json_body.hpp"
#include "server/api/request_reading.hpp"
#include "server/audit/audit_log.hpp"

namespace minegate::server::api {
namespace {

v1::AuditHead HeadOf(const audit::ChainHead& head) {
  v1::AuditHead answer;
  answer.set_count(head.count);
  answer.set_hash(base::ToHex(head.hash));
  answer.set_expect(audit::FormatChainHead(head));
  return answer;
}

std::optional<std::int64_t> Milliseconds(const std::string& text) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

/// The filters of ?actorId=&actorRole=&action=&personToken=&fromMs=&toMs=&outcome=, echoed in
/// the audit entry's query. Empty parameters filter nothing.
std::optional<ApiProblem> ReadFilter(ApiCall& call, audit::AuditFilter& filter) {
  std::string query;
  auto text = [&call](std::string_view name) -> std::optional<std::string> {
    auto value = call.request.QueryParam(name);
    if (!value || value->empty()) return std::nullopt;
    return value;
  };
  auto append = [&query](std::string_view name, const std::string& value) {
    query += (query.empty() ? "" : "&") + std::string(name) + "=" + value;
  };
  if (auto value = text("actorId")) append("actorId", *(filter.actor_id = *value));
  if (auto value = text("actorRole")) append("actorRole", *(filter.actor_role = *value));
  if (auto value = text("action")) append("action", *(filter.action = *value));
  if (auto value = text("outcome")) append("outcome", *(filter.outcome = *value));
  if (auto value = text("personToken")) {
    const auto bytes = base::FromHex(*value);
    if (!bytes || bytes->empty()) {
      return Problem(400, "bad_person_token", "jeton de personne : hexadécimal attendu",
                     "person token: hex expected", "personToken");
    }
    filter.person_token = base::ToHex(*bytes);
    append("personToken", *filter.person_token);
  }
  for (const char* name : {"fromMs", "toMs"}) {
    if (auto value = text(name)) {
      const auto ms = Milliseconds(*value);
      if (!ms) {
        return Problem(400, "bad_time", "date invalide (ms depuis 1970)",
                       "invalid time (ms since 1970)", name);
      }
      (std::string_view(name) == "fromMs" ? filter.from_ms : filter.to_ms) = *ms;
      append(name, *value);
    }
  }
  call.audit.query = query;
  return std::nullopt;
}

v1::AuditEntry EntryOf(const audit::AuditRecord& record) {
  const audit::AuditEntry& entry = record.entry;
  v1::AuditEntry out;
  out.set_seq(record.seq);
  out.set_at_ms(entry.at_ms);
  out.set_actor_kind(std::string(audit::ActorKindName(entry.actor_kind)));
  out.set_actor_id(entry.actor_id);
  out.set_actor_role(entry.actor_role);
  out.set_client_address(entry.client_address);
  out.set_user_agent(entry.user_agent);
  out.set_action(entry.action);
  for (const auto& target : entry.targets) out.add_targets(target);
  for (const auto& token : entry.person_tokens) out.add_person_tokens(token);
  out.set_query(entry.query);
  out.set_result_count(entry.result_count);
  out.set_outcome(entry.outcome);
  out.set_http_status(entry.http_status);
  out.set_reason(entry.reason);
  out.set_case_reference(entry.case_reference);
  out.set_hash(base::ToHex(record.hash));
  return out;
}

/// A CSV field (RFC 4180): quoted when it holds the separator, a quote or a line break, and
/// when it starts with a character a spreadsheet would read as a formula.
std::string CsvField(std::string_view value, char separator) {
  // A number (a count of -1) is data; anything else starting like a formula is never run.
  const bool number =
      !value.empty() && value.find_first_not_of("-0123456789") == std::string_view::npos;
  const bool formula = !number && !value.empty() &&
                       std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos;
  const bool quote =
      formula || value.find_first_of(std::string("\"\r\n") + separator) != std::string_view::npos;
  std::string out;
  if (formula) out += '\'';  // shown as text, never evaluated
  out += value;
  if (!quote) return out;
  std::string quoted = "\"";
  for (const char c : out) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : " ") + item;
  return out;
}

}  // namespace

ApiHandler AuditHeadHandler() {
  return [](ApiCall& call) {
    auto head = audit::AuditLog().Head(call.connection);
    if (!head) return ProblemReply(ProblemOf(head.error()));
    return JsonReply(HeadOf(head.value()));
  };
}

ApiHandler AuditEntriesHandler() {
  return [](ApiCall& call) {
    audit::AuditFilter filter;
    if (auto problem = ReadFilter(call, filter)) return ProblemReply(*problem);
    PageRequest page;
    if (auto problem = ReadPage(call.request, page, audit::kMaxPageSize, 100)) {
      return ProblemReply(*problem);
    }
    auto found =
        audit::AuditLog().Find(call.connection, filter, page.after, static_cast<int>(page.limit));
    if (!found) {
      return ProblemReply(Problem(400, "bad_cursor",
                                  "curseur invalide (reprenez la liste au début)",
                                  "invalid cursor (start the list again)", "cursor"));
    }
    v1::AuditEntryList list;
    for (const auto& record : found.value().records) *list.add_entries() = EntryOf(record);
    if (!found.value().next_cursor.empty()) {
      list.set_next_cursor(EncodeCursor(found.value().next_cursor));
    }
    call.audit.result_count = list.entries_size();
    return JsonReply(list);
  };
}

ApiHandler AuditVerificationHandler() {
  return [](ApiCall& call) {
    std::optional<audit::ChainHead> expected;
    if (auto text = call.request.QueryParam("expect"); text && !text->empty()) {
      auto parsed = audit::ParseChainHead(*text);
      if (!parsed) {
        return ProblemReply(Problem(400, "bad_head", "tête attendue : NOMBRE:EMPREINTE",
                                    "expected head: COUNT:HASH", "expect"));
      }
      expected = parsed.value();
      call.audit.query = "expect=" + audit::FormatChainHead(*expected);
    }
    auto report = audit::AuditLog().Verify(call.connection, expected);
    if (!report) return ProblemReply(ProblemOf(report.error()));
    v1::AuditVerification answer;
    answer.set_intact(report.value().ok());
    *answer.mutable_head() = HeadOf(report.value().head);
    if (report.value().broken) {
      answer.set_first_broken_seq(report.value().broken->seq);
      answer.set_problem(
          std::string(audit::ChainBreakText(report.value().broken->what)) +
          (report.value().broken->detail.empty() ? "" : " — " + report.value().broken->detail));
    }
    answer.set_expectation_checked(expected.has_value());
    const bool tail_or_head =
        report.value().broken && (report.value().broken->what == audit::ChainBreak::kMissingTail ||
                                  report.value().broken->what == audit::ChainBreak::kHeadDiffers);
    answer.set_expectation_met(expected.has_value() && report.value().ok() && !tail_or_head);
    call.audit.result_count = report.value().entries_checked;
    return JsonReply(answer);
  };
}

ApiHandler AuditExportHandler() {
  return [](ApiCall& call) {
    audit::AuditFilter filter;
    if (auto problem = ReadFilter(call, filter)) return ProblemReply(*problem);
    const bool english = call.request.QueryParam("lang").value_or("fr") == "en";
    const char separator = call.request.QueryParam("sep").value_or("") == "semicolon" ? ';' : ',';
    static constexpr const char* kFrench[] = {
        "n°",       "date (UTC)",  "type d'acteur", "acteur",
        "rôle",     "adresse",     "navigateur",    "action",
        "cibles",   "personnes",   "requête",       "résultats",
        "issue",    "statut HTTP", "motif",         "référence du dossier",
        "empreinte"};
    static constexpr const char* kEnglish[] = {
        "seq",        "time (UTC, ms)", "actor kind", "actor",          "role",  "address",
        "user agent", "action",         "targets",    "persons",        "query", "results",
        "outcome",    "HTTP status",    "reason",     "case reference", "hash"};
    std::string csv = "\xEF\xBB\xBF";  // UTF-8 byte order mark: Excel then reads UTF-8
    const auto& headers = english ? kEnglish : kFrench;
    for (std::size_t i = 0; i < std::size(kFrench); ++i) {
      csv += (i == 0 ? "" : std::string(1, separator)) + CsvField(headers[i], separator);
    }
    csv += "\r\n";
    std::int64_t rows = 0;
    std::string cursor;
    audit::AuditLog log;
    do {
      auto found = log.Find(call.connection, filter, cursor, audit::kMaxPageSize);
      if (!found) return ProblemReply(ProblemOf(found.error()));
      for (const auto& record : found.value().records) {
        if (++rows > kMaxAuditExportRows) {
          return ProblemReply(Problem(413, "export_too_large",
                                      "plus de 100 000 lignes : resserrez les filtres",
                                      "more than 100,000 rows: narrow the filters"));
        }
        const audit::AuditEntry& e = record.entry;
        const std::string fields[] = {
            std::to_string(record.seq), base::FormatUtcMs(e.at_ms),
            std::string(audit::ActorKindName(e.actor_kind)), e.actor_id, e.actor_role,
            e.client_address, e.user_agent, e.action, Joined(e.targets), Joined(e.person_tokens),
            e.query,
            // No count for what is not a read, as the page shows.
            e.result_count < 0 ? std::string() : std::to_string(e.result_count), e.outcome,
            std::to_string(e.http_status), e.reason, e.case_reference, base::ToHex(record.hash)};
        for (std::size_t i = 0; i < std::size(fields); ++i) {
          csv += (i == 0 ? "" : std::string(1, separator)) + CsvField(fields[i], separator);
        }
        csv += "\r\n";
      }
      cursor = found.value().next_cursor;
    } while (!cursor.empty());
    call.audit.result_count = rows;
    ApiReply reply;
    reply.content_type = "text/csv; charset=utf-8";
    reply.body = std::move(csv);
    reply.headers.emplace_back("Content-Disposition",
                               std::string("attachment; filename=\"") +
                                   (english ? "audit-log.csv" : "journal-audit.csv") + "\"");
    return reply;
  };
}

}  // namespace minegate::server::api
