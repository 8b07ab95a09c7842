#include "server/protection/assessment_store.hpp"

#include "db/bind.hpp"
#include "db/query.hpp"

namespace minegate::server::protection {

Result<std::unique_ptr<AssessmentStore>> AssessmentStore::Create(db::Connection& connection) {
  std::unique_ptr<AssessmentStore> store(new AssessmentStore(connection));
  const std::pair<std::optional<db::Statement>*, const char*> statements[] = {
      {&store->select_,
       "SELECT assessment, evaluated_at_ms FROM risk_assessments WHERE person_token = ?"},
      {&store->upsert_,
       "INSERT INTO risk_assessments (person_token, rule_set_version, score, flagged, priority, "
       "assessment, evaluated_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?) "
       "ON CONFLICT (person_token) DO UPDATE SET rule_set_version = excluded.rule_set_version, "
       "score = excluded.score, flagged = excluded.flagged, priority = excluded.priority, "
       "assessment = excluded.assessment, evaluated_at_ms = excluded.evaluated_at_ms "
       // The same assessment as stored is not written again (one seek, no page dirtied).
       "WHERE risk_assessments.assessment <> excluded.assessment"},
  };
  if (auto prepared = db::PrepareAll(connection, statements); !prepared) return prepared.error();
  return store;
}

Result<bool> AssessmentStore::Put(std::string_view person_token,
                                  const v1::RiskAssessment& assessment, std::int64_t at_ms) {
  serialized_.clear();
  if (!assessment.SerializeToString(&serialized_)) return make_error_code(Errc::corrupt_record);
  if (auto bound =
          db::BindAll(*upsert_, db::Blob(person_token), assessment.rule_set_version(),
                      assessment.score(), assessment.flagged(),
                      static_cast<int>(assessment.priority()), db::Blob(serialized_), at_ms);
      !bound) {
    return bound.error();
  }
  if (auto written = upsert_->Run(); !written) return written.error();
  return connection_.Changes() > 0;
}

Result<std::optional<StoredAssessment>> AssessmentStore::Get(std::string_view person_token) {
  if (auto bound = db::BindAll(*select_, db::Blob(person_token)); !bound) return bound.error();
  return db::ReadFirst(
      *select_, [person_token](const db::Statement& row) -> Result<StoredAssessment> {
        StoredAssessment stored;
        stored.person_token = std::string(person_token);
        const auto bytes = row.ColumnBlob(0);
        if (!stored.assessment.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
          return make_error_code(Errc::corrupt_record);
        }
        stored.evaluated_at_ms = row.ColumnInt64(1);
        return stored;
      });
}

}  // namespace minegate::server::protection
