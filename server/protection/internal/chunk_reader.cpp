#include "server/protection/internal/chunk_reader.hpp"

#include "db/bind.hpp"
#include "db/query.hpp"
#include "server/protection/protection_types.hpp"

namespace minegate::server::protection::internal {
namespace {

using db::Blob;

/// Compares a row's token column with a token, as SQLite orders blobs (memcmp).
int CompareToken(const db::Statement& row, int column, const std::string& token) {
  const auto bytes = row.ColumnBlob(column);
  const std::string_view a(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  return a.compare(token);
}

/// Walks `persons` (in token order) along rows that come in token order: the index of the
/// person the row belongs to, or nullopt when no person of the chunk has its token.
class Merge {
 public:
  explicit Merge(const std::vector<ChunkPerson>& persons) : persons_(persons) {}
  std::optional<std::size_t> Find(const db::Statement& row, int column) {
    while (next_ < persons_.size()) {
      const int order = CompareToken(row, column, persons_[next_].token);
      if (order == 0) return next_;
      if (order < 0) return std::nullopt;
      ++next_;
    }
    return std::nullopt;
  }

 private:
  const std::vector<ChunkPerson>& persons_;
  std::size_t next_ = 0;
};

}  // namespace

Result<std::unique_ptr<ChunkReader>> ChunkReader::Create(db::Connection& connection) {
  std::unique_ptr<ChunkReader> reader(new ChunkReader());
  const std::pair<std::optional<db::Statement>*, const char*> statements[] = {
      {&reader->persons_,
       "SELECT person_token, registered_at_ms, record FROM persons WHERE person_token > ? "
       "ORDER BY person_token LIMIT ?"},
      {&reader->companions_,
       "SELECT c.person_token, c.companion_person_token, c.companion_description, c.relation, "
       "c.answered_for_person, c.recorded_at_ms, c.log_position, k.log_position IS NULL "
       "FROM companions c LEFT JOIN companion_description_keys k ON k.log_position = "
       "c.log_position WHERE c.person_token > ?1 AND c.person_token <= ?2 "
       "ORDER BY c.person_token"},
      {&reader->passages_,
       "SELECT person_token, site_id, direction, occurred_at_ms, verification FROM passages "
       "WHERE person_token > ?1 AND person_token <= ?2 ORDER BY person_token"},
      {&reader->matches_,
       "SELECT m.person_token, m.notice_id, n.kind, m.method, m.similarity "
       "FROM search_notice_matches m JOIN search_notices n ON n.notice_id = m.notice_id "
       "WHERE m.person_token > ?1 AND m.person_token <= ?2 AND n.status = 'open' "
       "ORDER BY m.person_token"},
      // A person with an assessment has her phonetic keys: both are written together, by the
      // monitor and by the re-evaluator.
      {&reader->assessed_,
       "SELECT person_token FROM risk_assessments "
       "WHERE person_token > ?1 AND person_token <= ?2 ORDER BY person_token"},
  };
  if (auto prepared = db::PrepareAll(connection, statements); !prepared) return prepared.error();
  return reader;
}

Result<void> ChunkReader::Read(std::string_view after, std::size_t limit, const RulesInUse& rules,
                               std::vector<ChunkPerson>& persons) {
  std::size_t count = 0;
  if (auto bound = db::BindAll(*persons_, Blob(after), limit); !bound) return bound.error();
  auto read = db::ForEachRow(*persons_, [&](const db::Statement& row) -> Result<void> {
    if (persons.size() <= count) persons.emplace_back();
    ChunkPerson& person = persons[count++];
    const auto token = row.ColumnBlob(0);
    person.token.assign(token.begin(), token.end());
    person.facts.registered_at_ms = row.ColumnInt64(1);
    const auto record = row.ColumnBlob(2);
    if (!person.facts.registration.ParseFromArray(record.data(), static_cast<int>(record.size()))) {
      return make_error_code(Errc::corrupt_record);
    }
    person.facts.companions.clear();
    person.facts.passages.clear();
    person.facts.notice_matches.clear();
    person.companions.clear();
    person.assessed = false;
    return Success();
  });
  if (!read) return read.error();
  persons.resize(count);
  if (count == 0) return Success();
  const Blob from(after);
  const Blob to(persons.back().token);

  wants_passages_.assign(count, false);
  bool any_passages = false;
  for (std::size_t i = 0; i < count; ++i) {
    const auto& registration = persons[i].facts.registration;
    wants_passages_[i] = rules.PassagesMatter(registration.sex(), registration.purpose());
    any_passages = any_passages || wants_passages_[i];
  }

  if (auto bound = db::BindAll(*companions_, from, to); !bound) return bound.error();
  Merge companions(persons);
  auto companions_read = db::ForEachRow(*companions_, [&](const db::Statement& row) {
    const auto index = companions.Find(row, 0);
    if (!index) return;
    ChunkCompanion companion;
    if (!row.ColumnIsNull(1)) {
      const auto token = row.ColumnBlob(1);
      companion.row.companion_token.assign(token.begin(), token.end());
    }
    const std::string description = row.ColumnIsNull(2) ? std::string() : row.ColumnText(2);
    companion.row.key = CompanionKeyOf(companion.row.companion_token, description);
    companion.row.relation = static_cast<v1::CompanionRelation>(row.ColumnInt64(3));
    companion.row.answered_for_person = row.ColumnInt64(4) != 0;
    companion.row.recorded_at_ms = row.ColumnInt64(5);
    companion.log_position = row.ColumnInt64(6);
    companion.key_missing = companion.row.companion_token.empty() && !companion.row.key.empty() &&
                            row.ColumnInt64(7) != 0;
    persons[*index].companions.push_back(std::move(companion));
  });
  if (!companions_read) return companions_read.error();

  if (any_passages) {
    if (auto bound = db::BindAll(*passages_, from, to); !bound) return bound.error();
    Merge passages(persons);
    auto passages_read = db::ForEachRow(*passages_, [&](const db::Statement& row) {
      if (row.ColumnInt64(4) != v1::VERIFICATION_VALID) return;
      const auto index = passages.Find(row, 0);
      if (!index || !wants_passages_[*index]) return;
      persons[*index].facts.passages.push_back({static_cast<std::uint32_t>(row.ColumnInt64(1)),
                                                static_cast<v1::Direction>(row.ColumnInt64(2)),
                                                row.ColumnInt64(3)});
    });
    if (!passages_read) return passages_read.error();
  }

  if (auto bound = db::BindAll(*matches_, from, to); !bound) return bound.error();
  Merge matches(persons);
  auto matches_read = db::ForEachRow(*matches_, [&](const db::Statement& row) -> Result<void> {
    const auto index = matches.Find(row, 0);
    if (!index) return Success();
    const auto kind = ParseSearchNoticeKind(row.ColumnText(2));
    const auto method = ParseMatchMethod(row.ColumnText(3));
    if (!kind || !method) return make_error_code(Errc::corrupt_record);
    persons[*index].facts.notice_matches.push_back(
        {row.ColumnInt64(1), *kind, *method, row.ColumnDouble(4)});
    return Success();
  });
  if (!matches_read) return matches_read.error();

  if (auto bound = db::BindAll(*assessed_, from, to); !bound) return bound.error();
  Merge assessed(persons);
  return db::ForEachRow(*assessed_, [&](const db::Statement& row) {
    if (const auto index = assessed.Find(row, 0)) persons[*index].assessed = true;
  });
}

}  // namespace minegate::server::protection::internal
