#pragma once
/// Keeps the query tables (persons, bracelets and their revocations, passages,
/// presence, companions, miner cards, census observations, the name index) in step with the
/// event log. Apply() runs inside the writer's transaction, for every event it
/// stores; Rebuild() recomputes them all from the log. Statements are prepared
/// once. Not thread-safe: owned by the thread that owns the connection.

#include <cstdint>
#include <functional>
#include <memory>

#include "db/connection.hpp"
#include "db/statement.hpp"
#include "minegate/v1/events.pb.h"
#include "server/ingest/internal/bracelet_projection.hpp"
#include "server/ingest/internal/census_facts.hpp"
#include "server/ingest/internal/person_name_index.hpp"

namespace minegate::server {

class Projector {
 public:
  static db::Result<std::unique_ptr<Projector>> Create(db::Connection& connection);

  /// Applies one stored event at its log position.
  db::Result<void> Apply(std::int64_t log_position, const v1::Event& event);
  /// Records that every event up to `log_position` is applied.
  db::Result<void> MarkApplied(std::int64_t log_position);

  /// Drops and recomputes every projection from the event log, `chunk` events per
  /// transaction, reporting (done, total) after each chunk. Run with the server
  /// stopped; it resumes where it stopped if interrupted.
  static db::Result<std::int64_t> Rebuild(
      db::Connection& connection, std::int64_t chunk,
      const std::function<void(std::int64_t done, std::int64_t total)>& progress);

 private:
  explicit Projector(db::Connection& connection) : connection_(connection) {}
  db::Result<void> Prepare();

  db::Connection& connection_;
  std::optional<db::Statement> insert_person_;
  std::optional<db::Statement> insert_passage_;
  std::optional<db::Statement> upsert_presence_;
  std::optional<db::Statement> insert_companion_;
  std::optional<db::Statement> upsert_miner_card_;
  std::optional<db::Statement> mark_applied_;
  /// Bracelets: their projection does not depend on the order issues and revocations arrive in.
  std::unique_ptr<internal::BraceletProjection> bracelets_;
  /// The police's name index, written with each person.
  std::unique_ptr<internal::PersonNameIndex> names_;
  /// Census observations with the facts their breakdowns count (schema 0014).
  std::unique_ptr<internal::CensusFacts> census_;
};

}  // namespace minegate::server
