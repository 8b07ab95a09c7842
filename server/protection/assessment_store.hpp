#pragma once
/// Each person's current risk assessment (flagged or not): the rule-set version, the score,
/// the priority and the raised indicators with their values and words, as the engine made them.
/// Written by the risk monitor and the re-evaluator; an evaluation that gives the same
/// assessment as the stored one writes nothing (most passages change nothing), so
/// evaluated_at_ms is when the stored assessment was last written.
/// Threading: uses its connection, so it belongs to that connection's thread.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "db/connection.hpp"
#include "db/statement.hpp"
#include "minegate/v1/risk.pb.h"
#include "server/protection/protection_error.hpp"

namespace minegate::server::protection {

struct StoredAssessment {
  std::string person_token;
  v1::RiskAssessment assessment;
  std::int64_t evaluated_at_ms = 0;
};

class AssessmentStore {
 public:
  static Result<std::unique_ptr<AssessmentStore>> Create(db::Connection& connection);

  /// Stores `assessment` as her current one unless it is the one stored; true when written.
  Result<bool> Put(std::string_view person_token, const v1::RiskAssessment& assessment,
                   std::int64_t at_ms);
  Result<std::optional<StoredAssessment>> Get(std::string_view person_token);

 private:
  explicit AssessmentStore(db::Connection& connection) : connection_(connection) {}

  db::Connection& connection_;
  std::optional<db::Statement> select_;
  std::optional<db::Statement> upsert_;
  std::string serialized_;  ///< reused between calls
};

}  // namespace minegate::server::protection
