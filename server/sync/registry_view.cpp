#include "server/sync/registry_view.hpp"

#include <algorithm>
#include <optional>
#include <utility>

#include "db/bind.hpp"
#include "db/query.hpp"
#include "db/statement.hpp"
#include "server/admin/kiosk_agents.hpp"
#include "server/sync/miner_card_holder.hpp"

namespace minegate::server {

IngestResult<std::optional<std::uint32_t>> WriterRegistryView::GateSite(std::uint32_t gate_id) {
  auto site = db::CachedQueryFirst(
      connection_, "SELECT site_id FROM gates WHERE gate_id = ?",
      [](const db::Statement& row) { return static_cast<std::uint32_t>(row.ColumnInt64(0)); },
      static_cast<std::int64_t>(gate_id));
  if (!site) return site.error();
  return site.value();
}

IngestResult<std::optional<v1::AgentRole>> WriterRegistryView::KioskAgentRole(
    const std::string& user_id, std::uint32_t site_id, std::int64_t at_ms) {
  auto role = admin::KioskAgentRole(connection_, user_id, site_id, at_ms);
  if (!role) return role.error();
  return role.value();
}

IngestResult<bool> WriterRegistryView::IsSiteCampaign(const std::string& campaign_id,
                                                      std::uint32_t site_id) {
  auto exists = db::CachedExists(
      connection_, "SELECT 1 FROM census_campaigns WHERE campaign_id = ? AND site_id = ?",
      campaign_id, static_cast<std::int64_t>(site_id));
  if (!exists) return exists.error();
  return exists.value();
}

IngestResult<std::optional<credential::TrustedKey>> WriterRegistryView::TrustedKey(
    const credential::KeyId& key_id) {
  auto stored = db::CachedQueryFirst(
      connection_,
      "SELECT public_key, revoked_at_ms FROM devices WHERE key_id = ? AND public_key IS NOT NULL",
      [](const db::Statement& row) {
        return std::pair{row.ColumnBlob(0),
                         row.ColumnIsNull(1) ? std::optional<std::int64_t>() : row.ColumnInt64(1)};
      },
      db::Blob(key_id));
  if (!stored) return stored.error();
  if (!stored.value()) return std::optional<credential::TrustedKey>();
  const auto& [public_key, revoked_at_ms] = *stored.value();
  credential::TrustedKey key;
  if (public_key.size() != key.public_key.size()) return std::optional<credential::TrustedKey>();
  std::copy(public_key.begin(), public_key.end(), key.public_key.begin());
  // A revoked key keeps no miner's card valid: the bracelets frozen at revocation are bracelets.
  key.revoked_at_ms = revoked_at_ms;
  return std::optional<credential::TrustedKey>(std::move(key));
}

IngestResult<HolderAge> WriterRegistryView::CardHolderAge(const std::string& person_token,
                                                          std::int64_t at_ms) {
  auto record = db::CachedQueryFirst(
      connection_, "SELECT record FROM persons WHERE person_token = ?",
      [](const db::Statement& row) { return row.ColumnBlob(0); }, db::Blob(person_token));
  if (!record) return record.error();
  if (!record.value()) return HolderAge::kNotRegistered;
  // The card-holder question's own rule (miner_card_holder.hpp).
  return CardHolderAgeOf(*record.value(), at_ms).verdict;
}

}  // namespace minegate::server
