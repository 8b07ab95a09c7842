#include "server/protection/internal/facts_reader.hpp"

#include "db/bind.hpp"
#include "db/query.hpp"
#include "server/protection/protection_types.hpp"

namespace minegate::server::protection::internal {
namespace {

using db::Blob;

std::string BlobString(const db::Statement& row, int column) {
  const auto bytes = row.ColumnBlob(column);
  return std::string(bytes.begin(), bytes.end());
}

Result<risk::BroughtPerson> ReadBrought(const db::Statement& row) {
  risk::BroughtPerson person;
  person.person_token = BlobString(row, 0);
  person.recorded_at_ms = row.ColumnInt64(1);
  person.sex = static_cast<v1::Sex>(row.ColumnInt64(2));
  auto record = ParseRecord(row.ColumnBlob(3));
  if (!record) return record.error();
  person.birth = record.value().birth();
  return person;
}

}  // namespace

std::string CompanionKeyOf(std::string_view companion_token, std::string_view description) {
  v1::CompanionRecorded companion;
  if (!companion_token.empty()) {
    companion.set_companion_person_token(std::string(companion_token));
  } else {
    companion.set_companion_description(std::string(description));
  }
  return risk::CompanionKey(companion);
}

Result<v1::PersonRegistered> ParseRecord(const std::vector<std::uint8_t>& bytes) {
  v1::PersonRegistered record;
  if (!record.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return make_error_code(Errc::corrupt_record);
  }
  return record;
}

Result<std::unique_ptr<FactsReader>> FactsReader::Create(db::Connection& connection) {
  std::unique_ptr<FactsReader> reader(new FactsReader());
  const std::pair<std::optional<db::Statement>*, const char*> statements[] = {
      {&reader->person_, "SELECT registered_at_ms, record FROM persons WHERE person_token = ?"},
      {&reader->companions_,
       "SELECT companion_person_token, companion_description, relation, answered_for_person, "
       "recorded_at_ms FROM companions WHERE person_token = ?"},
      {&reader->brought_by_token_,
       "SELECT c.person_token, c.recorded_at_ms, p.sex, p.record FROM companions c "
       "JOIN persons p ON p.person_token = c.person_token "
       "WHERE c.companion_person_token = ? AND c.recorded_at_ms BETWEEN ? AND ?"},
      {&reader->brought_by_key_,
       "SELECT k.person_token, k.recorded_at_ms, p.sex, p.record FROM companion_description_keys k "
       "JOIN persons p ON p.person_token = k.person_token "
       "WHERE k.companion_key = ? AND k.recorded_at_ms BETWEEN ? AND ?"},
      {&reader->sex_, "SELECT sex FROM persons WHERE person_token = ?"},
      // Nearest verified passages on either side (passages_by_person: token, time).
      {&reader->passage_before_,
       "SELECT site_id FROM passages WHERE person_token = ?1 AND occurred_at_ms <= ?2 "
       "AND log_position <> ?3 AND verification = 1 ORDER BY occurred_at_ms DESC LIMIT 1"},
      {&reader->passage_after_,
       "SELECT site_id FROM passages WHERE person_token = ?1 AND occurred_at_ms >= ?2 "
       "AND log_position <> ?3 AND verification = 1 ORDER BY occurred_at_ms LIMIT 1"},
      {&reader->latest_passage_,
       "SELECT site_id, occurred_at_ms FROM passages WHERE person_token = ? "
       "AND verification = 1 ORDER BY occurred_at_ms DESC LIMIT 1"},
      {&reader->passages_,
       "SELECT site_id, direction, occurred_at_ms FROM passages "
       "WHERE person_token = ? AND verification = 1"},
      {&reader->matches_,
       "SELECT m.notice_id, n.kind, m.method, m.similarity FROM search_notice_matches m "
       "JOIN search_notices n ON n.notice_id = m.notice_id "
       "WHERE m.person_token = ? AND n.status = 'open'"},
  };
  if (auto prepared = db::PrepareAll(connection, statements); !prepared) return prepared.error();
  return reader;
}

Result<std::optional<Registration>> FactsReader::RegistrationOf(std::string_view person_token) {
  if (auto bound = db::BindAll(*person_, Blob(person_token)); !bound) return bound.error();
  return db::ReadFirst(*person_, [](const db::Statement& row) -> Result<Registration> {
    auto record = ParseRecord(row.ColumnBlob(1));
    if (!record) return record.error();
    return Registration{std::move(record).value(), row.ColumnInt64(0)};
  });
}

Result<std::optional<v1::Sex>> FactsReader::SexOf(std::string_view person_token) {
  if (auto bound = db::BindAll(*sex_, Blob(person_token)); !bound) return bound.error();
  return db::ReadFirst(
      *sex_, [](const db::Statement& row) { return static_cast<v1::Sex>(row.ColumnInt64(0)); });
}

Result<std::optional<std::pair<std::uint32_t, std::int64_t>>> FactsReader::LatestPassage(
    std::string_view person_token) {
  if (auto bound = db::BindAll(*latest_passage_, Blob(person_token)); !bound) {
    return bound.error();
  }
  return db::ReadFirst(*latest_passage_, [](const db::Statement& row) {
    return std::pair{static_cast<std::uint32_t>(row.ColumnInt64(0)), row.ColumnInt64(1)};
  });
}

Result<bool> FactsReader::PassageChangesStays(std::string_view person_token, std::uint32_t site_id,
                                              std::int64_t at_ms, std::int64_t log_position) {
  const auto site = [](const db::Statement& row) {
    return static_cast<std::uint32_t>(row.ColumnInt64(0));
  };
  if (auto bound = db::BindAll(*passage_before_, Blob(person_token), at_ms, log_position); !bound) {
    return bound.error();
  }
  auto before = db::ReadFirst(*passage_before_, site);
  if (!before) return before.error();
  if (!before.value() || *before.value() != site_id) return true;
  if (auto bound = db::BindAll(*passage_after_, Blob(person_token), at_ms, log_position); !bound) {
    return bound.error();
  }
  auto after = db::ReadFirst(*passage_after_, site);
  if (!after) return after.error();
  return after.value() && *after.value() != site_id;
}

Result<std::vector<CompanionRow>> FactsReader::CompanionsOf(std::string_view person_token) {
  if (auto bound = db::BindAll(*companions_, Blob(person_token)); !bound) return bound.error();
  return db::ReadAll(*companions_, [](const db::Statement& row) {
    CompanionRow companion;
    if (!row.ColumnIsNull(0)) companion.companion_token = BlobString(row, 0);
    companion.key = CompanionKeyOf(companion.companion_token,
                                   row.ColumnIsNull(1) ? std::string() : row.ColumnText(1));
    companion.relation = static_cast<v1::CompanionRelation>(row.ColumnInt64(2));
    companion.answered_for_person = row.ColumnInt64(3) != 0;
    companion.recorded_at_ms = row.ColumnInt64(4);
    return companion;
  });
}

Result<void> FactsReader::BroughtBy(const CompanionRow& companion, std::int64_t from_ms,
                                    std::int64_t to_ms, std::vector<risk::BroughtPerson>& out) {
  if (companion.key.empty()) return Success();
  db::Statement& query = companion.companion_token.empty() ? *brought_by_key_ : *brought_by_token_;
  auto bound = companion.companion_token.empty()
                   ? db::BindAll(query, companion.key, from_ms, to_ms)
                   : db::BindAll(query, Blob(companion.companion_token), from_ms, to_ms);
  if (!bound) return bound.error();
  return db::ForEachRow(query, [&out](const db::Statement& row) -> Result<void> {
    auto person = ReadBrought(row);
    if (!person) return person.error();
    out.push_back(std::move(person).value());
    return Success();
  });
}

Result<bool> FactsReader::Read(std::string_view person_token, const RulesInUse& rules,
                               risk::PersonFacts& facts, const Registration* registration) {
  facts = risk::PersonFacts();
  if (registration) {
    facts.registration = registration->first;
    facts.registered_at_ms = registration->second;
  } else {
    auto read = RegistrationOf(person_token);
    if (!read) return read.error();
    if (!read.value()) return false;
    facts.registration = std::move(read.value()->first);
    facts.registered_at_ms = read.value()->second;
  }

  auto companions = CompanionsOf(person_token);
  if (!companions) return companions.error();
  const std::int64_t window = rules.recruiter_window_ms();
  for (const CompanionRow& row : companions.value()) {
    risk::CompanionFact companion;
    companion.relation = row.relation;
    companion.answered_for_person = row.answered_for_person;
    companion.key = row.key;
    companion.recorded_at_ms = row.recorded_at_ms;
    if (window > 0 && rules.NeedsOthers(facts.registration.sex(), row.relation)) {
      if (auto brought = BroughtBy(row, row.recorded_at_ms - window, row.recorded_at_ms + window,
                                   companion.others);
          !brought) {
        return brought.error();
      }
    }
    facts.companions.push_back(std::move(companion));
  }

  if (rules.PassagesMatter(facts.registration.sex(), facts.registration.purpose())) {
    if (auto bound = db::BindAll(*passages_, Blob(person_token)); !bound) return bound.error();
    auto read = db::ForEachRow(*passages_, [&facts](const db::Statement& row) {
      facts.passages.push_back({static_cast<std::uint32_t>(row.ColumnInt64(0)),
                                static_cast<v1::Direction>(row.ColumnInt64(1)),
                                row.ColumnInt64(2)});
    });
    if (!read) return read.error();
  }

  if (auto bound = db::BindAll(*matches_, Blob(person_token)); !bound) return bound.error();
  auto matches = db::ForEachRow(*matches_, [&facts](const db::Statement& row) -> Result<void> {
    const auto kind = ParseSearchNoticeKind(row.ColumnText(1));
    const auto method = ParseMatchMethod(row.ColumnText(2));
    if (!kind || !method) return make_error_code(Errc::corrupt_record);
    facts.notice_matches.push_back({row.ColumnInt64(0), *kind, *method, row.ColumnDouble(3)});
    return Success();
  });
  if (!matches) return matches.error();
  return true;
}

}  // namespace minegate::server::protection::internal
