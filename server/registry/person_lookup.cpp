#include "server/registry/person_lookup.hpp"

#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "base/hex.hpp"
#include "db/bind.hpp"
#include "db/query.hpp"
#include "db/statement.hpp"
#include "db/transaction.hpp"
#include "server/audit/audit_log.hpp"
#include "server/registry/name_key.hpp"

namespace minegate::server::registry {
namespace {

std::vector<std::string> Words(const std::string& key) {
  std::vector<std::string> words;
  std::istringstream in(key);
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

/// Every word the agent typed is a word of the stored name.
bool Matches(const std::vector<std::string>& wanted, const std::string& stored) {
  const std::vector<std::string> have = Words(NameKey(stored));
  return std::all_of(wanted.begin(), wanted.end(), [&](const std::string& word) {
    return std::find(have.begin(), have.end(), word) != have.end();
  });
}

std::string Text(const std::vector<std::uint8_t>& bytes) {
  return std::string(bytes.begin(), bytes.end());
}

/// Whether the agent may search from this device: an active gate agent
/// assigned to the device's site, the device enrolled and not revoked.
db::Result<bool> AgentMaySearch(db::Connection& connection, std::string_view device_id,
                                const v1::PersonCandidatesQuery& query) {
  return db::Exists(connection,
                    "SELECT 1 FROM users u JOIN devices d ON d.device_id = ?2 "
                    "JOIN user_sites s ON s.user_id = u.user_id AND s.site_id = d.site_id "
                    "AND s.unassigned_at_ms IS NULL "
                    "WHERE u.user_id = ?1 AND u.role = 'gate_agent' AND u.disabled_at_ms IS NULL "
                    "AND d.revoked_at_ms IS NULL AND d.public_key IS NOT NULL",
                    query.agent_id(), device_id);
}

}  // namespace

Result<v1::PersonCandidates> PersonLookup::FindForReplacement(
    std::string_view device_id, const v1::PersonCandidatesQuery& query, std::int64_t now_ms) {
  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  // The audit entry: the agent the kiosk vouches for, through which device, the terms as asked.
  audit::AuditEntry entry;
  entry.at_ms = now_ms;
  entry.actor_kind = audit::ActorKind::kDevice;
  entry.actor_id = query.agent_id();
  entry.actor_role = "gate_agent";
  entry.action = std::string(kSearchAction);
  entry.targets = {"device:" + std::string(device_id)};
  (void)google::protobuf::util::MessageToJsonString(query, &entry.query);
  entry.reason = "bracelet_replacement";

  int matched = 0;
  auto answer = Search(device_id, query, matched);
  if (!answer) {
    // A refused search is on record too (a kiosk asking for an agent it does not hold is worth
    // an auditor's look); a storage failure rolls everything back and is the caller's to report.
    if (answer.error().category() != ErrorCategory()) return answer.error();
    entry.outcome = audit::OutcomeOf("refused", answer.error());
  } else {
    entry.outcome = "ok";
    entry.result_count = matched;  // Every match counts, shown or not (too many).
    for (const v1::PersonCandidate& candidate : answer.value().candidates()) {
      entry.person_tokens.push_back(base::ToHex(candidate.person_token()));
    }
  }
  if (auto appended = audit::AuditLog().Append(connection_, std::move(entry)); !appended) {
    return appended.error();
  }
  if (auto committed = transaction.value().Commit(); !committed) return committed.error();
  return answer;
}

Result<v1::PersonCandidates> PersonLookup::Search(std::string_view device_id,
                                                  const v1::PersonCandidatesQuery& query,
                                                  int& matched) {
  const std::vector<std::string> given = Words(NameKey(query.given_name()));
  const std::vector<std::string> family = Words(NameKey(query.family_name()));
  if (given.empty() || query.birth_year() < 1900 || query.birth_year() > 2100 ||
      (query.sex() != v1::SEX_FEMALE && query.sex() != v1::SEX_MALE)) {
    return Errc::bad_query;
  }
  auto allowed = AgentMaySearch(connection_, device_id, query);
  if (!allowed) return allowed.error();
  if (!allowed.value()) return Errc::agent_not_allowed;

  auto persons = connection_.Prepare(
      "SELECT p.person_token, p.given_name, p.family_name, p.registered_site_id, "
      "coalesce(s.name, '') FROM persons p LEFT JOIN sites s ON s.site_id = p.registered_site_id "
      "WHERE p.birth_year = ?1 AND p.sex = ?2 ORDER BY p.registered_at_ms");
  if (!persons) return persons.error();
  if (auto bound = db::BindAll(persons.value(), static_cast<std::int64_t>(query.birth_year()),
                               static_cast<std::int64_t>(query.sex()));
      !bound) {
    return bound.error();
  }
  v1::PersonCandidates answer;
  auto walked = db::ForEachRow(persons.value(), [&](const db::Statement& person) {
    if (!Matches(given, person.ColumnText(1))) return;
    if (!family.empty() && !Matches(family, person.ColumnText(2))) return;
    if (++matched > kMaxCandidates) return;  // counted, not shown
    v1::PersonCandidate* candidate = answer.add_candidates();
    candidate->set_person_token(Text(person.ColumnBlob(0)));
    candidate->set_given_name(person.ColumnText(1));
    candidate->set_sex(query.sex());
    candidate->set_birth_year(query.birth_year());
    candidate->set_registered_site_id(static_cast<std::uint32_t>(person.ColumnInt64(3)));
    candidate->set_registered_site_name(person.ColumnText(4));
  });
  if (!walked) return walked.error();
  if (matched > kMaxCandidates) {
    // A list of strangers is not shown: the agent narrows with the family name.
    answer.clear_candidates();
    answer.set_too_many(true);
  }
  auto bracelets = connection_.Prepare(
      "SELECT tag_uid FROM bracelets WHERE person_token = ?1 AND revoked_at_ms IS NULL "
      "ORDER BY issued_at_ms");
  if (!bracelets) return bracelets.error();
  for (v1::PersonCandidate& candidate : *answer.mutable_candidates()) {
    if (auto bound = db::BindAll(bracelets.value(), db::Blob(candidate.person_token())); !bound) {
      return bound.error();
    }
    auto listed = db::ForEachRow(bracelets.value(), [&candidate](const db::Statement& row) {
      candidate.add_bracelet_tag_uids(Text(row.ColumnBlob(0)));
    });
    if (!listed) return listed.error();
  }
  return answer;
}

}  // namespace minegate::server::registry
