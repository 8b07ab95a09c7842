#include "server/police/person_search.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <vector>

#include "db/bind.hpp"
#include "db/query.hpp"
#include "db/transaction.hpp"
#include "server/police/internal/person_rows.hpp"
#include "server/registry/document_key.hpp"
#include "server/registry/name_index.hpp"

namespace minegate::server::police {
namespace {

using internal::kPersonColumnCount;
using internal::kPersonColumns;
using internal::kPersonJoins;
using internal::PersonRowOf;

/// Rows a name search reads at most for one page when 1-letter words filter what the trigrams
/// found: a page may then be short, with a cursor to go on.
constexpr std::int64_t kMaxNameRowsPerPage = 5000;

/// Letters and digits a document number typed may have at most.
constexpr std::size_t kMaxDocumentChars = 32;

std::string Select(const std::string& from_and_where) {
  return std::string("SELECT ") + kPersonColumns + from_and_where;
}

/// The numbers of a position "<tag>:<n>[:<m>]"; nullopt when it is not one of this tag.
std::optional<std::vector<std::int64_t>> ParsePosition(std::string_view position, char tag,
                                                       std::size_t count) {
  if (position.size() < 3 || position[0] != tag || position[1] != ':') return std::nullopt;
  std::vector<std::int64_t> numbers;
  std::string_view rest = position.substr(2);
  while (numbers.size() < count) {
    const std::size_t end = std::min(rest.find(':'), rest.size());
    std::int64_t value = 0;
    const auto [ptr, ec] = std::from_chars(rest.data(), rest.data() + end, value);
    if (ec != std::errc() || ptr != rest.data() + end || end == 0) return std::nullopt;
    numbers.push_back(value);
    rest = end == rest.size() ? std::string_view() : rest.substr(end + 1);
    if (rest.empty()) break;
  }
  if (numbers.size() != count || !rest.empty()) return std::nullopt;
  return numbers;
}

std::string Position(char tag, std::int64_t first, std::optional<std::int64_t> second = {}) {
  std::string position = std::string(1, tag) + ":" + std::to_string(first);
  if (second) position += ":" + std::to_string(*second);
  return position;
}

/// The position where a page starts (0, 0: the first page).
Result<std::vector<std::int64_t>> StartOf(const SearchQuery& query, char tag, std::size_t count) {
  if (query.after.empty()) return std::vector<std::int64_t>(count, 0);
  auto parsed = ParsePosition(query.after, tag, count);
  if (!parsed) return Errc::bad_cursor;
  return *parsed;
}

/// Runs a search paged by one or two keys read from the row's last columns (after the
/// person's): one row more than the page tells whether there is a next page.
Result<v1::PolicePersonSearch> Paged(db::Statement& statement, const SearchQuery& query, char tag,
                                     int keys, std::string& next_after, bool site_match = false) {
  v1::PolicePersonSearch page;
  std::vector<std::int64_t> last_keys;
  std::size_t seen = 0;
  auto walked = db::ForEachRow(statement, [&](const db::Statement& row) {
    if (++seen > query.limit) return;
    *page.add_persons() = PersonRowOf(row);
    if (site_match) page.mutable_persons()->rbegin()->set_matched_at_ms(row.ColumnInt64(13));
    last_keys.clear();
    for (int k = 0; k < keys; ++k) last_keys.push_back(row.ColumnInt64(kPersonColumnCount + k));
  });
  if (!walked) return walked.error();
  next_after.clear();
  if (seen > query.limit) {
    next_after =
        keys == 1 ? Position(tag, last_keys[0]) : Position(tag, last_keys[0], last_keys[1]);
  }
  return page;
}

/// The route's rule for a document number typed (docs/api.md, bad_document): at least one
/// letter or digit, and at most kMaxDocumentChars of them. Only a check: what is searched is
/// registry::DocumentKey of the text as typed, which keeps every other character ('.').
bool DocumentTypedWell(std::string_view typed) {
  const auto letters_and_digits = std::count_if(typed.begin(), typed.end(), [](const char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  });
  return letters_and_digits > 0 &&
         static_cast<std::size_t>(letters_and_digits) <= kMaxDocumentChars;
}

}  // namespace

Result<v1::PolicePersonSearch> PersonSearch::Find(const SearchQuery& query,
                                                  std::string& next_after) {
  next_after.clear();
  // One snapshot for the whole page (the site check and the search; the name search reads the
  // index in rounds). Inside a caller's transaction this is a savepoint of it. Nothing is
  // written: the scope's end rolls it back, which only lets the read go.
  auto snapshot = db::Transaction::Begin(connection_, db::Transaction::Mode::kDeferred);
  if (!snapshot) return snapshot.error();
  switch (query.kind) {
    case SearchQuery::Kind::kTagUid:
      return ByTagUid(query);
    case SearchQuery::Kind::kName:
      return ByName(query, next_after);
    case SearchQuery::Kind::kDocument:
      return ByDocument(query, next_after);
    case SearchQuery::Kind::kNationality:
      return ByNationality(query, next_after);
    case SearchQuery::Kind::kSite:
      return BySite(query, next_after);
  }
  return Errc::bad_search;
}

Result<v1::PolicePersonSearch> PersonSearch::ByTagUid(const SearchQuery& query) {
  const std::size_t size = query.tag_uid.size();
  if (size != 4 && size != 7 && size != 10) return Errc::bad_tag_uid;
  // The tag's current holder (bracelets keeps one row per tag), and whoever passed a gate with
  // it and was accepted: a past holder whose tag was issued again, or a replaced bracelet's.
  auto statement = connection_.Prepare(
      Select(std::string(" FROM persons p") + kPersonJoins +
             " WHERE p.person_token IN (SELECT person_token FROM bracelets WHERE tag_uid = ?1"
             " UNION SELECT person_token FROM passages WHERE tag_uid = ?1 AND verification = 1"
             " AND person_token IS NOT NULL) ORDER BY p.registered_at_ms LIMIT ?2"));
  if (!statement) return statement.error();
  if (auto bound = db::BindAll(statement.value(), db::Blob(query.tag_uid),
                               static_cast<std::int64_t>(query.limit));
      !bound) {
    return bound.error();
  }
  v1::PolicePersonSearch page;
  auto walked = db::ForEachRow(statement.value(), [&page](const db::Statement& row) {
    *page.add_persons() = PersonRowOf(row);
  });
  if (!walked) return walked.error();
  return page;
}

Result<v1::PolicePersonSearch> PersonSearch::ByName(const SearchQuery& query,
                                                    std::string& next_after) {
  const registry::NameQuery name = registry::ParseNameQuery(query.text);
  if (name.match.empty()) return Errc::name_too_short;
  auto start = StartOf(query, 'n', 1);
  if (!start) return start.error();
  // The rowid is the person's and the index's: the trigram match yields rowids in order, and
  // each one is a primary-key lookup of persons.
  auto statement = connection_.Prepare(Select(
      std::string(", f.rowid FROM person_names f JOIN persons p ON p.rowid = f.rowid") +
      kPersonJoins + " WHERE person_names MATCH ?1 AND f.rowid > ?2 ORDER BY f.rowid LIMIT ?3"));
  if (!statement) return statement.error();
  v1::PolicePersonSearch page;
  std::int64_t after = start.value()[0];
  std::int64_t read = 0;
  std::int64_t last_shown = 0;
  bool more = false;
  // Without 1-letter words every row found is shown: one round. With them, rounds until the
  // page is full, the index is exhausted, or kMaxNameRowsPerPage were read.
  while (true) {
    const auto batch = static_cast<std::int64_t>(query.limit) + 1;
    if (auto bound = db::BindAll(statement.value(), name.match, after, batch); !bound) {
      return bound.error();
    }
    std::int64_t in_batch = 0;
    auto walked = db::ForEachRow(statement.value(), [&](const db::Statement& row) {
      ++in_batch;
      ++read;
      after = row.ColumnInt64(kPersonColumnCount);
      if (more) return;
      if (!registry::NameHasInitials(row.ColumnText(1), row.ColumnText(2), name.initials)) {
        return;
      }
      if (static_cast<std::size_t>(page.persons_size()) == query.limit) {
        more = true;  // one more than the page: there is a next page
        return;
      }
      *page.add_persons() = PersonRowOf(row);
      last_shown = after;
    });
    if (!walked) return walked.error();
    if (more) {
      next_after = Position('n', last_shown);
      break;
    }
    if (in_batch < batch) break;  // the index has no more
    if (read >= kMaxNameRowsPerPage) {
      next_after = Position('n', after);  // a short page: go on from what was read
      break;
    }
  }
  return page;
}

Result<v1::PolicePersonSearch> PersonSearch::ByDocument(const SearchQuery& query,
                                                        std::string& next_after) {
  if (!DocumentTypedWell(query.text)) return Errc::bad_document;
  const std::string key = registry::DocumentKey(query.text);
  auto start = StartOf(query, 'd', 1);
  if (!start) return start.error();
  // The expression and condition of persons_by_document_key (schema 0012), word for word;
  // registry::DocumentKey computes the same on the typed text.
  auto statement = connection_.Prepare(Select(
      std::string(", p.rowid FROM persons p") + kPersonJoins +
      " WHERE replace(replace(replace(upper(p.document_number), ' ', ''), '-', ''), '/', '') = ?1"
      " AND p.document_number <> '' AND p.rowid > ?2 ORDER BY p.rowid LIMIT ?3"));
  if (!statement) return statement.error();
  if (auto bound = db::BindAll(statement.value(), key, start.value()[0],
                               static_cast<std::int64_t>(query.limit) + 1);
      !bound) {
    return bound.error();
  }
  return Paged(statement.value(), query, 'd', 1, next_after);
}

Result<v1::PolicePersonSearch> PersonSearch::ByNationality(const SearchQuery& query,
                                                           std::string& next_after) {
  if (query.nationality.size() != 3 ||
      query.nationality.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") != std::string::npos) {
    return Errc::bad_nationality;
  }
  if (query.to_ms <= query.from_ms) return Errc::bad_date_range;
  auto start = StartOf(query, 'a', 2);
  if (!start) return start.error();
  auto statement = connection_.Prepare(Select(
      std::string(", p.registered_at_ms, p.rowid FROM persons p") + kPersonJoins +
      " WHERE p.nationality = ?1 AND p.registered_at_ms >= max(?2, ?4) AND p.registered_at_ms < ?3"
      " AND (p.registered_at_ms, p.rowid) > (?4, ?5)"
      " ORDER BY p.registered_at_ms, p.rowid LIMIT ?6"));
  if (!statement) return statement.error();
  if (auto bound = db::BindAll(statement.value(), query.nationality, query.from_ms, query.to_ms,
                               start.value()[0], start.value()[1],
                               static_cast<std::int64_t>(query.limit) + 1);
      !bound) {
    return bound.error();
  }
  return Paged(statement.value(), query, 'a', 2, next_after);
}

Result<v1::PolicePersonSearch> PersonSearch::BySite(const SearchQuery& query,
                                                    std::string& next_after) {
  if (query.to_ms <= query.from_ms) return Errc::bad_date_range;
  auto site = db::Exists(connection_, "SELECT 1 FROM sites WHERE site_id = ?", query.site_id);
  if (!site) return site.error();
  if (!site.value()) return Errc::unknown_site;
  auto start = StartOf(query, 's', 2);
  if (!start) return start.error();
  // Each person once, at her first accepted passage at the site within the range: a passage
  // is listed when no earlier one of hers there in the range exists (a seek on
  // passages_by_person, named: the planner would otherwise walk the site's passages of the
  // whole range for each one). Pages follow time, so a page never repeats a person; a page
  // starts its seek at the previous page's end (max(?2, ?4)), not at the range's start.
  auto statement = connection_.Prepare(
      Select(std::string(", s.occurred_at_ms, s.log_position FROM passages s"
                         " JOIN persons p ON p.person_token = s.person_token") +
             kPersonJoins +
             " WHERE s.site_id = ?1 AND s.occurred_at_ms >= max(?2, ?4) AND s.occurred_at_ms < ?3"
             " AND s.verification = 1 AND (s.occurred_at_ms, s.log_position) > (?4, ?5)"
             " AND NOT EXISTS (SELECT 1 FROM passages e INDEXED BY passages_by_person"
             " WHERE e.person_token = s.person_token"
             " AND e.occurred_at_ms >= ?2 AND e.occurred_at_ms <= s.occurred_at_ms"
             " AND e.site_id = s.site_id AND e.verification = 1"
             " AND (e.occurred_at_ms, e.log_position) < (s.occurred_at_ms, s.log_position))"
             " ORDER BY s.occurred_at_ms, s.log_position LIMIT ?6"));
  if (!statement) return statement.error();
  if (auto bound = db::BindAll(statement.value(), query.site_id, query.from_ms, query.to_ms,
                               start.value()[0], start.value()[1],
                               static_cast<std::int64_t>(query.limit) + 1);
      !bound) {
    return bound.error();
  }
  return Paged(statement.value(), query, 's', 2, next_after, true);
}

}  // namespace minegate::server::police
