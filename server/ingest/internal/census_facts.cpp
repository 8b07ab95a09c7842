#include "server/ingest/internal/census_facts.hpp"

#include "db/bind.hpp"
#include "db/query.hpp"

namespace minegate::server::internal {

db::Result<std::unique_ptr<CensusFacts>> CensusFacts::Create(db::Connection& connection) {
  std::unique_ptr<CensusFacts> facts(new CensusFacts(connection));
  if (auto prepared = facts->Prepare(); !prepared) return prepared.error();
  return facts;
}

db::Result<void> CensusFacts::Prepare() {
  const std::pair<std::optional<db::Statement>*, const char*> statements[] = {
      // The registration on file, if any (LEFT JOIN of one row), and her first verified entry
      // at the site (passages_entries_by_site, schema 0011: one seek).
      {&observe_,
       "INSERT OR IGNORE INTO census_observations (campaign_id, person_token, site_id, "
       "observed_at_ms, log_position, registered, sex, birth_year, nationality, occupation, "
       "first_entry_ms) "
       "SELECT ?1, ?2, ?3, ?4, ?5, p.person_token IS NOT NULL, p.sex, p.birth_year, "
       "p.nationality, p.occupation, "
       "(SELECT min(e.occurred_at_ms) FROM passages e WHERE e.site_id = ?3 AND e.direction = 1 "
       "AND e.person_token = ?2 AND e.verification = 1 AND e.person_token IS NOT NULL) "
       "FROM (SELECT 1) LEFT JOIN persons p ON p.person_token = ?2"},
      // census_observations_by_person: one seek, nearly always to nothing.
      {&registered_,
       "UPDATE census_observations SET registered = 1, sex = ?2, birth_year = ?3, "
       "nationality = ?4, occupation = ?5 WHERE person_token = ?1 AND registered = 0"},
      {&entered_,
       "UPDATE census_observations SET first_entry_ms = ?3 WHERE person_token = ?1 "
       "AND site_id = ?2 AND (first_entry_ms IS NULL OR first_entry_ms > ?3)"},
  };
  return db::PrepareAll(connection_, statements);
}

db::Result<void> CensusFacts::Observe(std::int64_t log_position, const v1::Event& event) {
  const auto& c = event.census_observed();
  auto bound = db::BindAll(*observe_, c.campaign_id(), db::Blob(c.person_token()), event.site_id(),
                           event.occurred_at_ms(), log_position);
  if (!bound) return bound.error();
  return observe_->Run();
}

db::Result<void> CensusFacts::Registered(const v1::PersonRegistered& person) {
  // As the projector stores them in persons (the same columns, the same values).
  auto bound =
      db::BindAll(*registered_, db::Blob(person.person_token()), static_cast<int>(person.sex()),
                  static_cast<std::int64_t>(person.birth().year()), person.nationality(),
                  static_cast<int>(person.occupation()));
  if (!bound) return bound.error();
  return registered_->Run();
}

db::Result<void> CensusFacts::Entered(const std::string& person_token, std::int64_t site_id,
                                      std::int64_t at_ms) {
  auto bound = db::BindAll(*entered_, db::Blob(person_token), site_id, at_ms);
  if (!bound) return bound.error();
  return entered_->Run();
}

}  // namespace minegate::server::internal
