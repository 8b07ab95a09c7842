#include "kiosk/store/kiosk_sync_store.hpp"

#include "db/error.hpp"
#include "db/transaction.hpp"

namespace minegate::kiosk::store {

sync::Result<sync::OutboxPosition> KioskSyncStore::Position() { return outbox_.Position(); }

sync::Result<std::vector<v1::Event>> KioskSyncStore::EventsAfter(std::uint64_t after_seq,
                                                                 std::size_t max_events,
                                                                 std::size_t max_bytes) {
  return outbox_.EventsAfter(after_seq, max_events, max_bytes);
}

sync::Result<void> KioskSyncStore::RecordAck(std::uint64_t acked_seq, std::int64_t now_ms) {
  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  if (auto recorded = outbox_.RecordAck(acked_seq, now_ms); !recorded) return recorded.error();
  return transaction.value().Commit();
}

sync::Result<sync::ListVersions> KioskSyncStore::Versions() { return lists_.Versions(); }

sync::Result<void> KioskSyncStore::ApplyTrustList(const v1::TrustListUpdate& update) {
  return lists_.ApplyTrustList(update);
}
sync::Result<void> KioskSyncStore::ApplyRevokedBracelets(const v1::RevokedBracelets& update) {
  return lists_.ApplyRevokedBracelets(update);
}
sync::Result<void> KioskSyncStore::ApplyAlerts(const v1::Alerts& update) {
  return lists_.ApplyAlerts(update);
}
sync::Result<void> KioskSyncStore::ApplyCensusCampaigns(const v1::CensusCampaigns& update) {
  return lists_.ApplyCensusCampaigns(update);
}
sync::Result<void> KioskSyncStore::ApplyAgentRoster(const v1::AgentRoster& update) {
  return lists_.ApplyAgentRoster(update);
}

sync::Result<void> KioskSyncStore::ApplySealingKey(const std::string& public_key,
                                                   const std::string& key_id) {
  // A Welcome without a key (an older server) changes nothing.
  if (public_key.size() != 32 || key_id.size() != 8) return db::Success();
  return identity_.UpdateSealingKey(public_key, key_id);
}

}  // namespace minegate::kiosk::store
