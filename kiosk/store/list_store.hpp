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

  /// Every trusted device key, with its revocation time. For a revoked key the
  /// set of bracelets still valid holds only `tapped`, when the server froze
  /// it for that key: one indexed look-up per tap instead of the whole list.
  db::Result<credential::KeySet> TrustedKeys(
      const std::optional<credential::IssuedDigest>& tapped = std::nullopt);
  /// Revokes a bracelet on this kiosk at once (seized, or replaced here), before the
  /// server's list says so; the server's next full list carries it from then on.
  db::Result<void> RevokeLocally(const std::string& tag_uid, std::int64_t at_ms);
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
