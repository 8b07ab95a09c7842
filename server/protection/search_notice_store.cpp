#include "server/protection/search_notice_store.hpp"

#include <algorithm>

#include "base/text.hpp"
#include "db/bind.hpp"
#include "db/query.hpp"
#include "db/transaction.hpp"
#include "server/protection/internal/notice_matcher.hpp"
#include "server/protection/internal/person_assessor.hpp"
#include "server/protection/protection_types.hpp"
#include "server/registry/document_key.hpp"
#include "server/registry/name_key.hpp"
#include "server/risk/name_match.hpp"

namespace minegate::server::protection {
namespace {

bool IsCountry(std::string_view code) {
  return code.empty() || (code.size() == 3 && std::all_of(code.begin(), code.end(), [](char c) {
                            return c >= 'A' && c <= 'Z';
                          }));
}

bool IsDocument(std::string_view number) {
  if (number.size() > kMaxNoticeDocumentChars) return false;
  return std::all_of(number.begin(), number.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ' ' ||
           c == '-' || c == '/';
  });
}

bool ValidNotice(const SearchNoticeInput& input) {
  if (input.kind != v1::SEARCH_NOTICE_KIND_MISSING && input.kind != v1::SEARCH_NOTICE_KIND_WATCH) {
    return false;
  }
  if (!base::TextWithin(input.given_name, 0, kMaxNoticeNameChars) ||
      !base::TextWithin(input.family_name, 0, kMaxNoticeNameChars) ||
      !base::TextWithin(input.photo_description, 0, kMaxPhotoDescriptionChars,
                        base::Lines::kSeveral) ||
      !base::TextWithin(input.reporting_service, 1, kMaxReportingServiceChars) ||
      !IsCountry(input.nationality) || !IsDocument(input.document_number) ||
      !v1::Sex_IsValid(input.sex)) {
    return false;
  }
  const bool named =
      !registry::NameKey(input.given_name).empty() || !registry::NameKey(input.family_name).empty();
  if (!named && registry::DocumentKey(input.document_number).empty()) return false;
  if (input.birth_year && (input.birth_year < 1900u || input.birth_year > 2200u)) return false;
  if (input.birth_year && (input.age_min || input.age_max)) return false;
  if (input.age_min && *input.age_min > 120u) return false;
  if (input.age_max && *input.age_max > 120u) return false;
  if (input.age_min && input.age_max && *input.age_min > *input.age_max) return false;
  return true;
}

std::string JoinKeys(std::string_view name) {
  std::string joined;
  for (const auto& key : risk::PhoneticKeys(name)) {
    if (!joined.empty()) joined += ' ';
    joined += key;
  }
  return joined;
}

std::optional<std::uint32_t> OptionalUnsigned(const db::Statement& row, int column) {
  if (row.ColumnIsNull(column)) return std::nullopt;
  return static_cast<std::uint32_t>(row.ColumnInt64(column));
}

constexpr char kNoticeColumns[] =
    "SELECT notice_id, kind, given_name, family_name, sex, birth_year, age_min, age_max, "
    "nationality, document_number, photo_description, reporting_service, status, created_by, "
    "created_at_ms, closed_by, closed_at_ms FROM search_notices ";

Result<SearchNotice> ReadNotice(const db::Statement& row) {
  SearchNotice notice;
  notice.notice_id = row.ColumnInt64(0);
  const auto kind = ParseSearchNoticeKind(row.ColumnText(1));
  if (!kind) return make_error_code(Errc::corrupt_record);
  SearchNoticeInput& d = notice.details;
  d.kind = *kind;
  d.given_name = row.ColumnText(2);
  d.family_name = row.ColumnText(3);
  d.sex = static_cast<v1::Sex>(row.ColumnInt64(4));
  d.birth_year = OptionalUnsigned(row, 5);
  d.age_min = OptionalUnsigned(row, 6);
  d.age_max = OptionalUnsigned(row, 7);
  d.nationality = row.ColumnText(8);
  d.document_number = row.ColumnText(9);
  d.photo_description = row.ColumnText(10);
  d.reporting_service = row.ColumnText(11);
  notice.open = row.ColumnText(12) == "open";
  notice.created_by = row.ColumnText(13);
  notice.created_at_ms = row.ColumnInt64(14);
  if (!row.ColumnIsNull(15)) notice.closed_by = row.ColumnText(15);
  if (!row.ColumnIsNull(16)) notice.closed_at_ms = row.ColumnInt64(16);
  return notice;
}

Result<SearchNoticeMatch> ReadMatch(const db::Statement& row) {
  SearchNoticeMatch match;
  match.notice_id = row.ColumnInt64(0);
  const auto token = row.ColumnBlob(1);
  match.person_token.assign(token.begin(), token.end());
  const auto method = ParseMatchMethod(row.ColumnText(2));
  if (!method) return make_error_code(Errc::corrupt_record);
  match.method = *method;
  match.similarity = row.ColumnDouble(3);
  match.matched_at_ms = row.ColumnInt64(4);
  return match;
}

SearchNoticeMatch FromRecorded(const internal::RecordedMatch& recorded, std::int64_t at_ms) {
  return {recorded.notice_id, recorded.person_token, recorded.decision.method,
          recorded.decision.similarity, at_ms};
}

}  // namespace

Result<CreatedNotice> SearchNoticeStore::Create(const SearchNoticeInput& input,
                                                std::string_view created_by) {
  if (!ValidNotice(input)) return make_error_code(Errc::bad_notice);
  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  const std::int64_t now = clock_();
  const std::optional<std::int64_t> birth_year =
      input.birth_year ? std::optional<std::int64_t>(*input.birth_year) : std::nullopt;
  const std::optional<std::int64_t> age_min =
      input.age_min ? std::optional<std::int64_t>(*input.age_min) : std::nullopt;
  const std::optional<std::int64_t> age_max =
      input.age_max ? std::optional<std::int64_t>(*input.age_max) : std::nullopt;
  auto inserted = db::Execute(
      connection_,
      "INSERT INTO search_notices (kind, given_name, family_name, given_name_key, "
      "family_name_key, given_phonetic, family_phonetic, sex, birth_year, age_min, age_max, "
      "nationality, document_number, photo_description, reporting_service, status, created_by, "
      "created_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)",
      Name(input.kind), input.given_name, input.family_name, registry::NameKey(input.given_name),
      registry::NameKey(input.family_name), JoinKeys(input.given_name), JoinKeys(input.family_name),
      static_cast<int>(input.sex), birth_year, age_min, age_max, input.nationality,
      registry::DocumentKey(input.document_number), input.photo_description,
      input.reporting_service, created_by, now);
  if (!inserted) return inserted.error();
  CreatedNotice created;
  created.notice_id = connection_.LastInsertRowId();
  for (const std::string& key : internal::NamePhoneticKeys(input.given_name, input.family_name)) {
    if (auto indexed = db::Execute(
            connection_,
            "INSERT OR IGNORE INTO search_notice_keys (phonetic_key, notice_id) VALUES (?, ?)", key,
            created.notice_id);
        !indexed) {
      return indexed.error();
    }
  }

  auto assessor = internal::PersonAssessor::Create(connection_, clock_);
  if (!assessor) return assessor.error();
  auto rules = assessor.value()->Rules();
  if (!rules) return rules.error();
  auto terms = assessor.value()->notices().Notice(created.notice_id);
  if (!terms) return terms.error();
  if (!terms.value()) return make_error_code(Errc::unknown_notice);
  std::vector<internal::RecordedMatch> matches;
  if (auto matched = assessor.value()->notices().MatchNotice(
          *terms.value(), rules.value()->notice_threshold(), matches);
      !matched) {
    return matched.error();
  }
  for (const auto& match : matches) {
    if (auto assessed = assessor.value()->Assess(match.person_token, *rules.value()); !assessed) {
      return assessed.error();
    }
    created.matches.push_back(FromRecorded(match, now));
  }
  if (auto noted = assessor.value()->NoteMatches(matches); !noted) return noted.error();
  if (auto committed = transaction.value().Commit(); !committed) return committed.error();
  return created;
}

Result<void> SearchNoticeStore::Close(std::int64_t notice_id, std::string_view closed_by) {
  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  auto status = db::QueryFirst(
      connection_, "SELECT status FROM search_notices WHERE notice_id = ?",
      [](const db::Statement& row) { return row.ColumnText(0); }, notice_id);
  if (!status) return status.error();
  if (!status.value()) return make_error_code(Errc::unknown_notice);
  if (*status.value() != "open") return make_error_code(Errc::notice_closed);
  if (auto closed = db::Execute(connection_,
                                "UPDATE search_notices SET status = 'closed', closed_by = ?, "
                                "closed_at_ms = ? WHERE notice_id = ?",
                                closed_by, clock_(), notice_id);
      !closed) {
    return closed.error();
  }
  auto matched = Matches(notice_id);
  if (!matched) return matched.error();
  auto assessor = internal::PersonAssessor::Create(connection_, clock_);
  if (!assessor) return assessor.error();
  auto rules = assessor.value()->Rules();
  if (!rules) return rules.error();
  for (const auto& match : matched.value()) {
    if (auto assessed = assessor.value()->Assess(match.person_token, *rules.value()); !assessed) {
      return assessed.error();
    }
  }
  return transaction.value().Commit();
}

Result<std::optional<SearchNotice>> SearchNoticeStore::Get(std::int64_t notice_id) {
  return db::QueryFirst(connection_, std::string(kNoticeColumns) + "WHERE notice_id = ?",
                        ReadNotice, notice_id);
}

Result<std::vector<SearchNotice>> SearchNoticeStore::List(bool include_closed, std::size_t limit,
                                                          std::size_t offset) {
  return db::QueryAll(connection_,
                      std::string(kNoticeColumns) +
                          "WHERE status = 'open' OR ?1 ORDER BY created_at_ms DESC, notice_id "
                          "DESC LIMIT ?2 OFFSET ?3",
                      ReadNotice, include_closed, limit, offset);
}

Result<std::vector<SearchNoticeMatch>> SearchNoticeStore::Matches(std::int64_t notice_id) {
  return db::QueryAll(connection_,
                      "SELECT notice_id, person_token, method, similarity, matched_at_ms "
                      "FROM search_notice_matches WHERE notice_id = ? "
                      "ORDER BY similarity DESC, matched_at_ms",
                      ReadMatch, notice_id);
}

Result<std::vector<SearchNoticeMatch>> SearchNoticeStore::MatchesOf(std::string_view person_token) {
  return db::QueryAll(connection_,
                      "SELECT notice_id, person_token, method, similarity, matched_at_ms "
                      "FROM search_notice_matches WHERE person_token = ? ORDER BY matched_at_ms",
                      ReadMatch, db::Blob(person_token));
}

}  // namespace minegate::server::protection
