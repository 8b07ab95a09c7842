#include "kiosk/store/census_tally.hpp"

#include "db/bind.hpp"
#include "db/query.hpp"
#include "db/statement.hpp"
#include "kiosk/store/token_key.hpp"

namespace minegate::kiosk::store {

db::Result<bool> CensusTally::Observe(const std::string& campaign_id,
                                      const std::string& person_token, std::int64_t now_ms) {
  auto statement = connection_.Prepare(
      "INSERT OR IGNORE INTO census_observations (campaign_id, person_token, observed_at_ms) "
      "VALUES (?, ?, ?)");
  if (!statement) return statement.error();
  auto bound =
      db::BindAll(statement.value(), campaign_id, db::Blob(TokenKey(person_token)), now_ms);
  if (!bound) return bound.error();
  if (auto ran = statement.value().Run(); !ran) return ran.error();
  return connection_.Changes() == 1;
}

db::Result<std::uint64_t> CensusTally::Count(const std::string& campaign_id) {
  return db::QueryOne(
      connection_, "SELECT count(*) FROM census_observations WHERE campaign_id = ?",
      [](const db::Statement& row) { return static_cast<std::uint64_t>(row.ColumnInt64(0)); },
      campaign_id);
}

}  // namespace minegate::kiosk::store
