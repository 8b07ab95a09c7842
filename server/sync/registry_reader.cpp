#include "server/sync/registry_reader.hpp"

#include <algorithm>

#include "db/bind.hpp"
#include "db/query.hpp"
#include "db/statement.hpp"
#include "server/admin/agent_roster.hpp"
#include "server/admin/alert_board.hpp"
#include "server/admin/census_campaigns.hpp"
#include "server/admin/trust_list.hpp"
#include "server/store/open_store.hpp"

namespace minegate::server {
namespace {

std::string AsString(const std::vector<std::uint8_t>& bytes) {
  return std::string(bytes.begin(), bytes.end());
}

std::uint64_t Version(db::Connection& connection, const char* list) {
  auto version = db::QueryFirst(
      connection, "SELECT version FROM list_versions WHERE list = ?",
      [](const db::Statement& row) { return static_cast<std::uint64_t>(row.ColumnInt64(0)); },
      list);
  return version ? version.value().value_or(0) : 0;
}

}  // namespace

db::Result<std::unique_ptr<RegistryReader>> RegistryReader::Open(
    const std::filesystem::path& database) {
  auto connection = OpenStoreReadOnly(database);
  if (!connection) return connection.error();
  return std::unique_ptr<RegistryReader>(new RegistryReader(std::move(connection).value()));
}

db::Result<std::optional<DeviceRecord>> RegistryReader::FindDevice(const std::string& device_id) {
  std::lock_guard lock(mutex_);
  return db::QueryFirst(
      connection_,
      "SELECT site_id, coalesce(gate_id, 0), public_key, revoked_at_ms FROM devices "
      "WHERE device_id = ?",
      [&device_id](const db::Statement& row) {
        DeviceRecord record;
        record.device_id = device_id;
        record.site_id = static_cast<std::uint32_t>(row.ColumnInt64(0));
        record.gate_id = static_cast<std::uint32_t>(row.ColumnInt64(1));
        if (!row.ColumnIsNull(2)) {
          const auto key = row.ColumnBlob(2);
          if (key.size() == record.public_key.size()) {
            std::copy(key.begin(), key.end(), record.public_key.begin());
            record.enrolled = true;
          }
        }
        if (!row.ColumnIsNull(3)) record.revoked_at_ms = row.ColumnInt64(3);
        return record;
      },
      device_id);
}

db::Result<DeviceSyncState> RegistryReader::SyncState(const std::string& device_id) {
  std::lock_guard lock(mutex_);
  return EventStore::SyncState(connection_, device_id);
}

db::Result<ListVersions> RegistryReader::Versions() {
  std::lock_guard lock(mutex_);
  return ListVersions{Version(connection_, "trust_list"), Version(connection_, "revoked_bracelets"),
                      Version(connection_, "alerts"), Version(connection_, "census_campaigns"),
                      Version(connection_, "agent_roster")};
}

db::Result<v1::TrustListUpdate> RegistryReader::TrustListSince(std::uint64_t version) {
  std::lock_guard lock(mutex_);
  return admin::TrustListSince(connection_, version);
}

db::Result<v1::RevokedBracelets> RegistryReader::RevokedBraceletsSince(std::uint64_t version) {
  std::lock_guard lock(mutex_);
  v1::RevokedBracelets update;
  update.set_version(Version(connection_, "revoked_bracelets"));
  // A kiosk ahead of the server (a database restored from backup) gets the whole list.
  if (version > update.version()) version = 0;
  update.set_full(version == 0);
  // A kiosk refuses a credential issued at or before the time listed, and replaces its entry
  // for the UID with each one sent. A revocation may apply to a bracelet issued after it (the
  // tag's first issue, a clock off): listed at its own date, it would refuse nothing, and one
  // arriving later and dated earlier would replace a time that refused the bracelet. So the
  // time sent covers the issue the revocation applies to; revoked_at_ms keeps the revocation's
  // own date for reports.
  // With the revoked bracelets, the revocations whose tag has no bracelet yet (its issue has
  // not reached the server): a kiosk refuses the UID from now on, not once the issuing kiosk
  // has synced. A tag is in one part or the other, never both.
  // And the miners' cards revoked (admin/miner_card_series.hpp), listed LOST by their UID at the
  // time of the revocation (not before the card's link): a kiosk refuses the card at the gate
  // and in the miner's-card mode as it refuses a revoked bracelet. Every card linked under the
  // number is listed. A card linked under it after the revocation reaches only kiosks that
  // receive the full list (ingest does not refuse that link: an honest kiosk without the list
  // yet may send it, and a refused batch blocks its outbox); the series writes a number once,
  // so only a card written outside it could be that late.
  auto statement = db::Query(
      connection_,
      "SELECT tag_uid, max(revoked_at_ms, issued_at_ms), revocation_reason, revoked_version "
      "FROM bracelets "
      "WHERE revoked_version IS NOT NULL AND revoked_version > ?1 "
      "UNION ALL "
      "SELECT tag_uid, revoked_at_ms, reason, listed_version FROM pending_bracelet_revocations "
      "WHERE listed_version > ?1 "
      "UNION ALL "
      "SELECT c.card_uid, n.revoked_at_ms, 1, n.revoked_version FROM miner_card_numbers n "
      "JOIN miner_cards c ON c.card_number = n.card_number "
      "WHERE n.revoked_version IS NOT NULL AND n.revoked_version > ?1 ORDER BY 4",
      version);
  if (!statement) return statement.error();
  auto read = db::ForEachRow(statement.value(), [&update](const db::Statement& row) {
    auto* bracelet = update.add_bracelets();
    bracelet->set_tag_uid(AsString(row.ColumnBlob(0)));
    bracelet->set_revoked_at_ms(row.ColumnInt64(1));
    bracelet->set_reason(static_cast<v1::RevocationReason>(row.ColumnInt64(2)));
  });
  if (!read) return read.error();
  return update;
}

db::Result<v1::Alerts> RegistryReader::AlertsSince(std::uint64_t version) {
  std::lock_guard lock(mutex_);
  return admin::AlertBoard(connection_).AlertsSince(version);
}

db::Result<v1::AgentRoster> RegistryReader::AgentRosterFor(std::uint32_t site_id) {
  std::lock_guard lock(mutex_);
  return admin::ReadAgentRoster(connection_, site_id);
}

db::Result<v1::CensusCampaigns> RegistryReader::CensusCampaignsFor(std::uint32_t site_id,
                                                                   std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  return admin::CensusCampaignRegistry(connection_, [now_ms] { return now_ms; })
      .CampaignsForKiosk(site_id);
}

db::Result<std::vector<std::string>> RegistryReader::SiteCampaignIds(std::uint32_t site_id) {
  std::lock_guard lock(mutex_);
  return admin::CensusCampaignRegistry(connection_).SiteCampaignIds(site_id);
}

}  // namespace minegate::server
