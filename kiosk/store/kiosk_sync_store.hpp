// The sync client's view of the kiosk database (kiosk/sync/sync_store.hpp).
#pragma once

#include "db/connection.hpp"
#include "kiosk/store/identity_store.hpp"
#include "kiosk/store/list_store.hpp"
#include "kiosk/store/outbox.hpp"
#include "kiosk/sync/sync_store.hpp"

namespace minegate::kiosk::store {

class KioskSyncStore final : public sync::SyncStore {
 public:
  explicit KioskSyncStore(db::Connection& connection)
      : connection_(connection), outbox_(connection), lists_(connection), identity_(connection) {}

  sync::Result<sync::OutboxPosition> Position() override;
  sync::Result<std::vector<v1::Event>> EventsAfter(std::uint64_t after_seq, std::size_t max_events,
                                                   std::size_t max_bytes) override;
  sync::Result<void> RecordAck(std::uint64_t acked_seq, std::int64_t now_ms) override;
  sync::Result<sync::ListVersions> Versions() override;
  sync::Result<void> ApplyTrustList(const v1::TrustListUpdate& update) override;
  sync::Result<void> ApplyRevokedBracelets(const v1::RevokedBracelets& update) override;
  sync::Result<void> ApplyAlerts(const v1::Alerts& update) override;
  sync::Result<void> ApplyCensusCampaigns(const v1::CensusCampaigns& update) override;
  sync::Result<void> ApplyAgentRoster(const v1::AgentRoster& update) override;
  sync::Result<void> ApplySealingKey(const std::string& public_key,
                                     const std::string& key_id) override;

 private:
  db::Connection& connection_;
  Outbox outbox_;
  ListStore lists_;
  IdentityStore identity_;
};

}  // namespace minegate::kiosk::store
