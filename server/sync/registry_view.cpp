#include "server/sync/registry_view.hpp"

#include <algorithm>

#include "db/bind.hpp"
#include "db/statement.hpp"
#include "server/admin/kiosk_agents.hpp"

namespace minegate::server {

IngestResult<std::optional<std::uint32_t>> WriterRegistryView::GateSite(std::uint32_t gate_id) {
  auto statement = connection_.Prepare("SELECT site_id FROM gates WHERE gate_id = ?");
  if (!statement) return statement.error();
  if (auto bound = db::BindAll(statement.value(), static_cast<std::int64_t>(gate_id)); !bound) {
    return bound.error();
  }
  auto row = statement.value().Step();
  if (!row) return row.error();
  if (!row.value()) return std::optional<std::uint32_t>();
  return std::optional<std::uint32_t>(static_cast<std::uint32_t>(statement.value().ColumnInt64(0)));
}

IngestResult<std::optional<v1::AgentRole>> WriterRegistryView::KioskAgentRole(
    const std::string& user_id, std::uint32_t site_id, std::int64_t at_ms) {
  auto role = admin::KioskAgentRole(connection_, user_id, site_id, at_ms);
  if (!role) return role.error();
  return role.value();
}

IngestResult<bool> WriterRegistryView::IsSiteCampaign(const std::string& campaign_id,
                                                      std::uint32_t site_id) {
  auto statement =
      connection_.Prepare("SELECT 1 FROM census_campaigns WHERE campaign_id = ? AND site_id = ?");
  if (!statement) return statement.error();
  if (auto bound = db::BindAll(statement.value(), campaign_id, static_cast<std::int64_t>(site_id));
      !bound) {
    return bound.error();
  }
  auto row = statement.value().Step();
  if (!row) return row.error();
  return row.value();
}

IngestResult<std::optional<credential::TrustedKey>> WriterRegistryView::TrustedKey(
    const credential::KeyId& key_id) {
  auto statement = connection_.Prepare(
      "SELECT public_key, revoked_at_ms FROM devices WHERE key_id = ? AND public_key IS NOT NULL");
  if (!statement) return statement.error();
  if (auto bound = db::BindAll(statement.value(), db::Blob(key_id)); !bound) return bound.error();
  auto row = statement.value().Step();
  if (!row) return row.error();
  if (!row.value()) return std::optional<credential::TrustedKey>();
  credential::TrustedKey key;
  const auto public_key = statement.value().ColumnBlob(0);
  if (public_key.size() != key.public_key.size()) return std::optional<credential::TrustedKey>();
  std::copy(public_key.begin(), public_key.end(), key.public_key.begin());
  // A revoked key keeps no miner's card valid: the bracelets frozen at revocation are bracelets.
  if (!statement.value().ColumnIsNull(1)) key.revoked_at_ms = statement.value().ColumnInt64(1);
  return std::optional<credential::TrustedKey>(std::move(key));
}

}  // namespace minegate::server
