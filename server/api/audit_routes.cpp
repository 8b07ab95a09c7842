#include "server/api/audit_routes.hpp"

#include <algorithm>
#include <charconv>

#include "base/clock.hpp"
#include "base/hex.hpp"
#include "server/api/csv_export.hpp"
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

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : " ") + item;
  return out;
}

constexpr CsvColumn kAuditColumns[] = {
    {"n°", "seq"},
    {"date (UTC)", "time (UTC, ms)"},
    {"type d'acteur", "actor kind"},
    {"acteur", "actor"},
    {"rôle", "role"},
    {"adresse", "address"},
    {"navigateur", "user agent"},
    {"action", "action"},
    {"cibles", "targets"},
    {"personnes", "persons"},
    {"requête", "query"},
    {"résultats", "results"},
    {"issue", "outcome"},
    {"statut HTTP", "HTTP status"},
    {"motif", "reason"},
    {"référence du dossier", "case reference"},
    {"empreinte", "hash"},
};

/// The filtered view, newest first, one Find page at a time: its cursor is a position in the
/// log, so entries appended during the export (its own included) never shift it.
class AuditRows final : public RowSource {
 public:
  explicit AuditRows(audit::AuditFilter filter) : filter_(std::move(filter)) {}

  base::Result<bool> ReadPage(db::Connection& connection, int max_rows, CsvRows& rows) override {
    auto found = audit::AuditLog().Find(connection, filter_, cursor_,
                                        std::min(max_rows, audit::kMaxPageSize));
    if (!found) return found.error();
    for (const auto& record : found.value().records) {
      const audit::AuditEntry& e = record.entry;
      const std::string seq = std::to_string(record.seq);
      const std::string at = base::FormatUtcMs(e.at_ms);
      const std::string targets = Joined(e.targets);
      const std::string persons = Joined(e.person_tokens);
      // No count for what is not a read, as the page shows.
      const std::string count = e.result_count < 0 ? std::string() : std::to_string(e.result_count);
      const std::string status = std::to_string(e.http_status);
      const std::string hash = base::ToHex(record.hash);
      rows.Add({seq, at, audit::ActorKindName(e.actor_kind), e.actor_id, e.actor_role,
                e.client_address, e.user_agent, e.action, targets, persons, e.query, count,
                e.outcome, status, e.reason, e.case_reference, hash});
    }
    cursor_ = found.value().next_cursor;
    return !cursor_.empty();
  }

 private:
  audit::AuditFilter filter_;
  std::string cursor_;
};

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
    std::vector<CsvColumn> columns(std::begin(kAuditColumns), std::end(kAuditColumns));
    return CsvReply(std::move(columns), ReadCsvOptions(call.request),
                    std::make_unique<AuditRows>(std::move(filter)), "journal-audit.csv",
                    "audit-log.csv");
  };
}

}  // namespace minegate::server::api
