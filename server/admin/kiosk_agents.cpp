#include "server/admin/kiosk_agents.hpp"

#include "db/query.hpp"
#include "db/statement.hpp"
#include "server/admin/internal/kiosk_roles.hpp"

namespace minegate::server::admin {

Result<std::optional<v1::AgentRole>> KioskAgentRole(db::Connection& connection,
                                                    std::string_view user_id, std::int64_t site_id,
                                                    std::int64_t at_ms) {
  // Assigned to the site when the event happened: an assignment that ended later keeps the
  // events recorded before its end, as a later disabling does.
  // Asked of every event the kiosks send: cached, as compiling it took four times as long as
  // running it (docs/PERFORMANCE.md, ingest).
  return db::CachedQueryFirst(
      connection,
      "SELECT role FROM users WHERE user_id = ?1 "
      "AND role IN ('gate_agent', 'emape_official') "
      "AND (disabled_at_ms IS NULL OR disabled_at_ms > ?3) "
      "AND EXISTS (SELECT 1 FROM user_sites s WHERE s.user_id = ?1 "
      "AND s.site_id = ?2 "
      "AND (s.unassigned_at_ms IS NULL OR s.unassigned_at_ms > ?3))",
      [](const db::Statement& row) { return internal::AgentRoleOf(row.ColumnText(0)); }, user_id,
      site_id, at_ms);
}

}  // namespace minegate::server::admin
