#include "server/admin/agent_roster.hpp"

#include <string>

#include "db/query.hpp"
#include "db/statement.hpp"
#include "db/transaction.hpp"
#include "server/admin/internal/kiosk_roles.hpp"
#include "server/admin/internal/list_versions.hpp"

namespace minegate::server::admin {
Result<v1::AgentRoster> ReadAgentRoster(db::Connection& connection, std::int64_t site_id) {
  auto transaction = db::Transaction::Begin(connection, db::Transaction::Mode::kDeferred);
  if (!transaction) return transaction.error();
  auto version = internal::CurrentListVersion(connection, internal::kAgentRoster);
  if (!version) return version.error();
  auto query = db::Query(
      connection,
      "SELECT user_id, display_name, role, pin_hash, "
      "CASE WHEN card_compromised_at_ms IS NULL THEN staff_card_uid END FROM users "
      "WHERE disabled_at_ms IS NULL AND pin_hash IS NOT NULL AND pin_compromised_at_ms IS NULL "
      "AND role IN " +
          std::string(internal::kKioskPinRolesSql) +
          " AND user_id IN (SELECT user_id FROM user_sites WHERE site_id = ?1 "
          "AND unassigned_at_ms IS NULL) ORDER BY user_id",
      site_id);
  if (!query) return query.error();
  v1::AgentRoster roster;
  roster.set_version(static_cast<std::uint64_t>(version.value()));
  auto read = db::ForEachRow(query.value(), [&roster](const db::Statement& stored) {
    v1::Agent* agent = roster.add_agents();
    agent->set_user_id(stored.ColumnText(0));
    agent->set_display_name(stored.ColumnText(1));
    agent->set_role(internal::AgentRoleOf(stored.ColumnText(2)));
    agent->set_pin_hash(stored.ColumnText(3));
    if (!stored.ColumnIsNull(4)) {
      const auto uid = stored.ColumnBlob(4);
      agent->set_staff_card_uid(std::string(uid.begin(), uid.end()));
    }
  });
  if (!read) return read.error();
  return roster;
}

}  // namespace minegate::server::admin
