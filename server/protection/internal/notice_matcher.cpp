#include "server/protection/internal/notice_matcher.hpp"

#include <algorithm>
#include <set>

#include "db/bind.hpp"
#include "db/query.hpp"
#include "server/protection/internal/facts_reader.hpp"
#include "server/protection/protection_types.hpp"
#include "server/registry/document_key.hpp"
#include "server/risk/name_match.hpp"

namespace minegate::server::protection::internal {
namespace {

using db::Blob;

std::optional<std::int32_t> OptionalInt(const db::Statement& row, int column) {
  if (row.ColumnIsNull(column)) return std::nullopt;
  return static_cast<std::int32_t>(row.ColumnInt64(column));
}

Result<NoticeTerms> ReadTerms(const db::Statement& row) {
  NoticeTerms notice;
  notice.notice_id = row.ColumnInt64(0);
  const auto kind = ParseSearchNoticeKind(row.ColumnText(1));
  if (!kind) return make_error_code(Errc::corrupt_record);
  notice.kind = *kind;
  notice.given_name = row.ColumnText(2);
  notice.family_name = row.ColumnText(3);
  notice.sex = static_cast<v1::Sex>(row.ColumnInt64(4));
  notice.birth_year = OptionalInt(row, 5);
  notice.age_min = OptionalInt(row, 6);
  notice.age_max = OptionalInt(row, 7);
  notice.created_at_ms = row.ColumnInt64(8);
  notice.nationality = row.ColumnText(9);
  notice.document_number = row.ColumnText(10);
  return notice;
}

struct Candidate {
  std::string person_token;
  std::vector<std::uint8_t> record;
};

}  // namespace

std::vector<std::string> NamePhoneticKeys(std::string_view given, std::string_view family) {
  std::vector<std::string> keys = risk::PhoneticKeys(given);
  auto more = risk::PhoneticKeys(family);
  keys.insert(keys.end(), more.begin(), more.end());
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  keys.erase(std::remove(keys.begin(), keys.end(), std::string()), keys.end());
  return keys;
}

Result<std::unique_ptr<NoticeMatcher>> NoticeMatcher::Create(db::Connection& connection,
                                                             base::Clock clock) {
  std::unique_ptr<NoticeMatcher> matcher(new NoticeMatcher(connection, std::move(clock)));
  const std::pair<std::optional<db::Statement>*, const char*> statements[] = {
      {&matcher->insert_person_key_,
       "INSERT OR IGNORE INTO person_name_keys (phonetic_key, person_token) VALUES (?, ?)"},
      {&matcher->notices_by_key_,
       "SELECT k.notice_id FROM search_notice_keys k "
       "JOIN search_notices n ON n.notice_id = k.notice_id "
       "WHERE k.phonetic_key = ? AND n.status = 'open'"},
      {&matcher->notices_by_document_,
       "SELECT notice_id FROM search_notices WHERE status = 'open' AND document_number = ?"},
      {&matcher->notice_terms_,
       "SELECT notice_id, kind, given_name, family_name, sex, birth_year, age_min, age_max, "
       "created_at_ms, nationality, document_number FROM search_notices WHERE notice_id = ?"},
      {&matcher->insert_match_,
       "INSERT INTO search_notice_matches (notice_id, person_token, method, similarity, "
       "matched_at_ms) VALUES (?, ?, ?, ?, ?) ON CONFLICT (notice_id, person_token) DO NOTHING"},
  };
  if (auto prepared = db::PrepareAll(connection, statements); !prepared) return prepared.error();
  return matcher;
}

Result<void> NoticeMatcher::IndexPerson(std::string_view person_token,
                                        const v1::PersonRegistered& person) {
  for (const std::string& key : NamePhoneticKeys(person.given_name(), person.family_name())) {
    if (auto bound = db::BindAll(*insert_person_key_, key, Blob(person_token)); !bound) {
      return bound.error();
    }
    if (auto inserted = insert_person_key_->Run(); !inserted) return inserted.error();
  }
  return Success();
}

Result<std::optional<NoticeTerms>> NoticeMatcher::Notice(std::int64_t notice_id) {
  if (auto bound = db::BindAll(*notice_terms_, notice_id); !bound) return bound.error();
  return db::ReadFirst(*notice_terms_, ReadTerms);
}

Result<void> NoticeMatcher::Record(const NoticeTerms& notice, std::string_view person_token,
                                   const MatchDecision& decision, std::vector<RecordedMatch>& out) {
  if (auto bound = db::BindAll(*insert_match_, notice.notice_id, Blob(person_token),
                               Name(decision.method), decision.similarity, clock_());
      !bound) {
    return bound.error();
  }
  if (auto inserted = insert_match_->Run(); !inserted) return inserted.error();
  if (connection_.Changes() > 0) {
    out.push_back({notice.notice_id, std::string(person_token), decision});
  }
  return Success();
}

Result<void> NoticeMatcher::MatchPerson(std::string_view person_token,
                                        const v1::PersonRegistered& person, double threshold,
                                        std::vector<RecordedMatch>& out) {
  std::set<std::int64_t> candidates;
  const auto read_ids = [&candidates](const db::Statement& row) {
    candidates.insert(row.ColumnInt64(0));
  };
  const std::string document = registry::DocumentKey(person.identity_document().number());
  if (!document.empty()) {
    if (auto bound = db::BindAll(*notices_by_document_, document); !bound) return bound.error();
    if (auto read = db::ForEachRow(*notices_by_document_, read_ids); !read) return read.error();
  }
  for (const std::string& key : NamePhoneticKeys(person.given_name(), person.family_name())) {
    if (auto bound = db::BindAll(*notices_by_key_, key); !bound) return bound.error();
    if (auto read = db::ForEachRow(*notices_by_key_, read_ids); !read) return read.error();
  }
  for (const std::int64_t notice_id : candidates) {
    auto notice = Notice(notice_id);
    if (!notice) return notice.error();
    if (!notice.value()) continue;
    if (const auto decision = DecideMatch(*notice.value(), person, threshold)) {
      if (auto recorded = Record(*notice.value(), person_token, *decision, out); !recorded) {
        return recorded.error();
      }
    }
  }
  return Success();
}

Result<void> NoticeMatcher::MatchNotice(const NoticeTerms& notice, double threshold,
                                        std::vector<RecordedMatch>& out) {
  // Candidates are few (a notice is entered by hand): the queries are built for it.
  std::vector<Candidate> candidates;
  const auto read = [](const db::Statement& row) {
    const auto token = row.ColumnBlob(0);
    return Candidate{std::string(token.begin(), token.end()), row.ColumnBlob(1)};
  };
  const std::string document = registry::DocumentKey(notice.document_number);
  if (!document.empty()) {
    // The expression and condition of persons_by_document_key (schema 0012), word for word, as
    // the police's search by document: every spelling of the stored number ("GN-778 899",
    // "gn778899") has the notice's key, and the index is used (a plain document_number IN (...)
    // could not use the partial index, and read every person).
    auto by_document = db::QueryAll(
        connection_,
        "SELECT person_token, record FROM persons "
        "WHERE replace(replace(replace(upper(document_number), ' ', ''), '-', ''), '/', '') = ? "
        "AND document_number <> ''",
        read, document);
    if (!by_document) return by_document.error();
    candidates = std::move(by_document).value();
  }
  const std::vector<std::string> keys = NamePhoneticKeys(notice.given_name, notice.family_name);
  if (!keys.empty()) {
    std::string sql =
        "SELECT DISTINCT p.person_token, p.record FROM person_name_keys k "
        "JOIN persons p ON p.person_token = k.person_token WHERE k.phonetic_key IN (";
    for (std::size_t i = 0; i < keys.size(); ++i) sql += i == 0 ? "?" : ", ?";
    sql += ")";
    const auto years = BirthYearRange(notice);
    if (years) sql += " AND (p.birth_year BETWEEN ? AND ?)";
    auto statement = connection_.Prepare(sql);
    if (!statement) return statement.error();
    int index = 0;
    for (const std::string& key : keys) {
      if (auto bound = statement.value().BindText(++index, key); !bound) return bound.error();
    }
    if (years) {
      if (auto bound = statement.value().BindInt64(++index, years->first); !bound) {
        return bound.error();
      }
      if (auto bound = statement.value().BindInt64(++index, years->second); !bound) {
        return bound.error();
      }
    }
    auto by_name = db::ReadAll(statement.value(), read);
    if (!by_name) return by_name.error();
    for (auto& candidate : by_name.value()) candidates.push_back(std::move(candidate));
  }
  std::set<std::string> seen;
  for (const Candidate& candidate : candidates) {
    if (!seen.insert(candidate.person_token).second) continue;
    auto person = ParseRecord(candidate.record);
    if (!person) return person.error();
    if (const auto decision = DecideMatch(notice, person.value(), threshold)) {
      if (auto recorded = Record(notice, candidate.person_token, *decision, out); !recorded) {
        return recorded.error();
      }
    }
  }
  return Success();
}

}  // namespace minegate::server::protection::internal
