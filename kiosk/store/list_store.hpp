// The lists the server sends down (trust list, revoked bracelets, alerts,
// census campaigns, agent roster), the versions held, and the reads the gate
// makes of them. Apply* replace or merge as sync.proto says, and bump the
// version, in one transaction each.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/connection.hpp"
#include "kiosk/sync/sync_store.hpp"
#include "minegate/v1/sync.pb.h"
#include "proto/credential/key_set.hpp"

namespace minegate::kiosk::store {

class ListStore {
 public:
  explicit ListStore(db::Connection& connection) : connection_(connection) {}

  db::Result<sync::ListVersions> Versions();
  db::Result<void> ApplyTrustList(const v1::TrustListUpdate& update);
  db::Result<void> ApplyRevokedBracelets(const v1::RevokedBracelets& update);
  db::Result<void> ApplyAlerts(const v1::Alerts& update);
  db::Result<void> ApplyCensusCampaigns(const v1::CensusCampaigns& update);
  db::Result<void> ApplyAgentRoster(const v1::AgentRoster& update);

  /// Every trusted device key, with its revocation time.
  db::Result<credential::KeySet> TrustedKeys();
  /// When the bracelet was revoked, if it was.
  db::Result<std::optional<std::int64_t>> BraceletRevokedAt(const std::string& tag_uid);
  /// Alerts not expired at now_ms.
  db::Result<std::vector<v1::Alert>> ActiveAlerts(std::int64_t now_ms);
  db::Result<std::vector<v1::CensusCampaign>> Campaigns();
  db::Result<std::vector<v1::Agent>> Agents();
  db::Result<std::optional<v1::Agent>> AgentById(const std::string& user_id);
  db::Result<std::optional<v1::Agent>> AgentByStaffCard(const std::string& card_uid);

 private:
  db::Result<void> SetVersion(const char* list, std::uint64_t version);
  db::Connection& connection_;
};

}  // namespace minegate::kiosk::store
