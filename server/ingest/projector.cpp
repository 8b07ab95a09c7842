#include "server/ingest/projector.hpp"

#include "db/bind.hpp"
#include "db/query.hpp"
#include "db/transaction.hpp"

namespace minegate::server {
namespace {

using db::Blob;

std::optional<Blob> OptionalBlob(const std::string& bytes) {
  if (bytes.empty()) return std::nullopt;
  return Blob(bytes);
}

}  // namespace

db::Result<std::unique_ptr<Projector>> Projector::Create(db::Connection& connection) {
  std::unique_ptr<Projector> projector(new Projector(connection));
  if (auto prepared = projector->Prepare(); !prepared) return prepared.error();
  auto bracelets = internal::BraceletProjection::Create(connection);
  if (!bracelets) return bracelets.error();
  projector->bracelets_ = std::move(bracelets).value();
  auto names = internal::PersonNameIndex::Create(connection);
  if (!names) return names.error();
  projector->names_ = std::move(names).value();
  auto census = internal::CensusFacts::Create(connection);
  if (!census) return census.error();
  projector->census_ = std::move(census).value();
  return projector;
}

db::Result<void> Projector::Prepare() {
  const std::pair<std::optional<db::Statement>*, const char*> statements[] = {
      {&insert_person_,
       "INSERT OR IGNORE INTO persons (person_token, given_name, family_name, sex, birth_year, "
       "birth_estimated, nationality, occupation, document_number, registered_at_ms, "
       "registered_site_id, registered_position, record) "
       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"},
      {&insert_passage_,
       "INSERT INTO passages (log_position, person_token, tag_uid, site_id, gate_id, direction, "
       "verification, occurred_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"},
      {&upsert_presence_,
       "INSERT INTO presence (person_token, site_id, gate_id, direction, at_ms, log_position) "
       "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (person_token) DO UPDATE SET "
       "site_id = excluded.site_id, gate_id = excluded.gate_id, direction = excluded.direction, "
       "at_ms = excluded.at_ms, log_position = excluded.log_position "
       "WHERE excluded.at_ms >= presence.at_ms"},
      {&insert_companion_,
       "INSERT INTO companions (log_position, person_token, companion_person_token, "
       "companion_description, relation, answered_for_person, site_id, recorded_at_ms) "
       "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"},
      {&upsert_miner_card_,
       "INSERT INTO miner_cards (card_uid, person_token, card_number, linked_at_ms, "
       "log_position) VALUES (?, ?, ?, ?, ?) ON CONFLICT (card_uid) DO UPDATE SET "
       "person_token = excluded.person_token, card_number = excluded.card_number, "
       "linked_at_ms = excluded.linked_at_ms, log_position = excluded.log_position"},
      {&mark_applied_, "UPDATE projection_state SET last_position = ? WHERE id = 1"},
  };
  return db::PrepareAll(connection_, statements);
}

db::Result<void> Projector::Apply(std::int64_t log_position, const v1::Event& event) {
  const std::int64_t at = event.occurred_at_ms();
  switch (event.body_case()) {
    case v1::Event::kPersonRegistered: {
      const auto& p = event.person_registered();
      auto bound =
          db::BindAll(*insert_person_, Blob(p.person_token()), p.given_name(), p.family_name(),
                      static_cast<int>(p.sex()), static_cast<std::int64_t>(p.birth().year()),
                      p.birth().estimated() ? 1 : 0, p.nationality(),
                      static_cast<int>(p.occupation()), p.identity_document().number(), at,
                      event.site_id(), log_position, Blob(p.SerializeAsString()));
      if (!bound) return bound.error();
      if (auto run = insert_person_->Run(); !run) return run.error();
      // A repeated registration of the token is ignored above, and so is its name.
      if (connection_.Changes() == 0) return db::Success();
      if (auto named = names_->Add(connection_.LastInsertRowId(), p.given_name(), p.family_name());
          !named) {
        return named.error();
      }
      return census_->Registered(p);
    }
    case v1::Event::kBraceletIssued:
      return bracelets_->Issue(log_position, event);
    case v1::Event::kBraceletRevoked:
      return bracelets_->Revoke(log_position, event);
    case v1::Event::kGatePassed: {
      const auto& g = event.gate_passed();
      auto bound =
          db::BindAll(*insert_passage_, log_position, OptionalBlob(g.person_token()),
                      Blob(g.tag_uid()), event.site_id(), event.gate_id(),
                      static_cast<int>(g.direction()), static_cast<int>(g.verification()), at);
      if (!bound) return bound.error();
      if (auto run = insert_passage_->Run(); !run) return run.error();
      // Presence follows verified passages only: a refused bracelet proves nothing.
      if (g.verification() != v1::VERIFICATION_VALID || g.person_token().empty()) {
        return db::Success();
      }
      bound = db::BindAll(*upsert_presence_, Blob(g.person_token()), event.site_id(),
                          event.gate_id(), static_cast<int>(g.direction()), at, log_position);
      if (!bound) return bound.error();
      if (auto run = upsert_presence_->Run(); !run) return run.error();
      if (g.direction() != v1::DIRECTION_IN) return db::Success();
      return census_->Entered(g.person_token(), event.site_id(), at);
    }
    case v1::Event::kCompanionRecorded: {
      const auto& c = event.companion_recorded();
      std::optional<Blob> companion_token;
      std::optional<std::string> description;
      if (c.has_companion_person_token()) companion_token = Blob(c.companion_person_token());
      if (c.has_companion_description()) description = c.companion_description();
      auto bound = db::BindAll(*insert_companion_, log_position, Blob(c.person_token()),
                               companion_token, description, static_cast<int>(c.relation()),
                               c.companion_answered_for_person() ? 1 : 0, event.site_id(), at);
      if (!bound) return bound.error();
      return insert_companion_->Run();
    }
    case v1::Event::kMinerCardLinked: {
      const auto& m = event.miner_card_linked();
      auto bound = db::BindAll(*upsert_miner_card_, Blob(m.card_uid()), Blob(m.person_token()),
                               m.card_number(), at, log_position);
      if (!bound) return bound.error();
      return upsert_miner_card_->Run();
    }
    case v1::Event::kCensusObserved:
      return census_->Observe(log_position, event);
    default:
      // Validation admits no other body: a stored event without one is not projected.
      return db::Success();
  }
}

db::Result<void> Projector::MarkApplied(std::int64_t log_position) {
  auto bound = db::BindAll(*mark_applied_, log_position);
  if (!bound) return bound.error();
  return mark_applied_->Run();
}

db::Result<std::int64_t> Projector::Rebuild(
    db::Connection& connection, std::int64_t chunk,
    const std::function<void(std::int64_t done, std::int64_t total)>& progress) {
  std::int64_t total = 0;
  std::int64_t last = 0;
  {
    auto count = db::QueryOne(connection, "SELECT count(*) FROM events",
                              [](const db::Statement& row) { return row.ColumnInt64(0); });
    if (!count) return count.error();
    total = count.value();
  }
  {
    auto begin = db::Transaction::Begin(connection, db::Transaction::Mode::kImmediate);
    if (!begin) return begin.error();
    auto cleared = connection.Execute(
        "DELETE FROM persons; DELETE FROM bracelets; DELETE FROM bracelet_revocations;"
        "DELETE FROM passages; DELETE FROM presence; DELETE FROM companions;"
        "DELETE FROM miner_cards; DELETE FROM census_observations;"
        "UPDATE projection_state SET last_position = 0 WHERE id = 1;");
    if (!cleared) return cleared.error();
    cleared = connection.Execute(internal::PersonNameIndex::kClearSql);
    if (!cleared) return cleared.error();
    if (auto committed = begin.value().Commit(); !committed) return committed.error();
  }
  auto projector = Create(connection);
  if (!projector) return projector.error();
  auto select = connection.Prepare(
      "SELECT log_position, event FROM events WHERE log_position > ? ORDER BY log_position "
      "LIMIT ?");
  if (!select) return select.error();
  std::int64_t done = 0;
  while (true) {
    auto transaction = db::Transaction::Begin(connection, db::Transaction::Mode::kImmediate);
    if (!transaction) return transaction.error();
    if (auto bound = db::BindAll(select.value(), last, chunk); !bound) return bound.error();
    std::int64_t in_chunk = 0;
    auto chunk_applied =
        db::ForEachRow(select.value(), [&](const db::Statement& row) -> db::Result<void> {
          const std::int64_t position = row.ColumnInt64(0);
          const auto bytes = row.ColumnBlob(1);
          v1::Event event;
          if (!event.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
            return db::Errc::corrupt;
          }
          if (auto applied = projector.value()->Apply(position, event); !applied) {
            return applied.error();
          }
          last = position;
          ++in_chunk;
          return db::Success();
        });
    if (!chunk_applied) return chunk_applied.error();
    if (auto marked = projector.value()->MarkApplied(last); !marked) return marked.error();
    if (auto committed = transaction.value().Commit(); !committed) return committed.error();
    done += in_chunk;
    if (progress) progress(done, total);
    if (in_chunk < chunk) break;
  }
  return done;
}

}  // namespace minegate::server
