#pragma once
/// Thread-safe reads of the registry for the network side: device records for
/// authentication, reconcile figures, and the down-stream lists a kiosk needs.
/// One read-only connection behind a mutex: every query here is a short
/// indexed lookup. WAL lets it read while the writer writes.

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "db/connection.hpp"
#include "minegate/v1/sync.pb.h"
#include "server/ingest/event_store.hpp"

namespace minegate::server {

struct DeviceRecord {
  std::string device_id;
  std::uint32_t site_id = 0;
  std::uint32_t gate_id = 0;
  std::array<std::uint8_t, 32> public_key{};
  bool enrolled = false;
  std::optional<std::int64_t> revoked_at_ms;
};

/// Versions of the down-stream lists (see list_versions in the schema).
struct ListVersions {
  std::uint64_t trust_list = 0;
  std::uint64_t revoked_bracelets = 0;
  std::uint64_t alerts = 0;
  std::uint64_t census_campaigns = 0;
  std::uint64_t agent_roster = 0;
  friend bool operator==(const ListVersions&, const ListVersions&) = default;
};

class RegistryReader {
 public:
  static db::Result<std::unique_ptr<RegistryReader>> Open(const std::filesystem::path& database);

  db::Result<std::optional<DeviceRecord>> FindDevice(const std::string& device_id);
  db::Result<DeviceSyncState> SyncState(const std::string& device_id);
  db::Result<ListVersions> Versions();
  /// Devices changed since `version` (all enrolled ones when 0).
  db::Result<v1::TrustListUpdate> TrustListSince(std::uint64_t version);
  /// Bracelets revoked since `version` (all when 0), each at the later of its revocation and
  /// its issue (kiosks refuse credentials issued up to that time), and the revocations still
  /// waiting for their bracelet's issue.
  db::Result<v1::RevokedBracelets> RevokedBraceletsSince(std::uint64_t version);
  /// Alerts changed since `version` (all current ones when 0).
  db::Result<v1::Alerts> AlertsSince(std::uint64_t version);
  /// The roster of the agents assigned to the site (its kiosks hold only theirs), whole.
  db::Result<v1::AgentRoster> AgentRosterFor(std::uint32_t site_id);
  /// The site's campaigns a kiosk holds (closing after now minus a week), whole.
  db::Result<v1::CensusCampaigns> CensusCampaignsFor(std::uint32_t site_id, std::int64_t now_ms);
  /// Every campaign id of the site, for validating CensusObserved events.
  db::Result<std::vector<std::string>> SiteCampaignIds(std::uint32_t site_id);

 private:
  explicit RegistryReader(db::Connection connection) : connection_(std::move(connection)) {}
  std::mutex mutex_;
  db::Connection connection_;
};

}  // namespace minegate::server
