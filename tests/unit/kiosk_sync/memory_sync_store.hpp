// An in-memory SyncStore for tests of the sync client (unit and integration): the outbox as a map,
// the lists as the last update applied. Mutex-guarded so that a test thread can inspect it while
// the client uses it on the io thread.
#pragma once

#include <algorithm>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "kiosk/sync/sync_store.hpp"

namespace minegate::test {

class MemorySyncStore final : public kiosk::sync::SyncStore {
 public:
  void Add(const v1::Event& event) {
    std::lock_guard lock(mutex_);
    events_[event.device_seq()] = event;
  }

  kiosk::sync::Result<kiosk::sync::OutboxPosition> Position() override {
    std::lock_guard lock(mutex_);
    return PositionLocked();
  }

  kiosk::sync::Result<std::vector<v1::Event>> EventsAfter(std::uint64_t after_seq,
                                                          std::size_t max_events,
                                                          std::size_t max_bytes) override {
    std::lock_guard lock(mutex_);
    after_requests_.push_back(after_seq);
    std::vector<v1::Event> out;
    std::size_t bytes = 0;
    for (auto it = events_.upper_bound(after_seq); it != events_.end(); ++it) {
      const std::size_t size = it->second.ByteSizeLong();
      if (out.size() >= max_events || (!out.empty() && bytes + size > max_bytes)) break;
      out.push_back(it->second);
      bytes += size;
    }
    return out;
  }

  kiosk::sync::Result<void> RecordAck(std::uint64_t acked_seq, std::int64_t) override {
    std::lock_guard lock(mutex_);
    acked_ = std::max(acked_, acked_seq);  // never backwards
    return boost::outcome_v2::success();
  }

  kiosk::sync::Result<kiosk::sync::ListVersions> Versions() override {
    std::lock_guard lock(mutex_);
    return versions_;
  }
  kiosk::sync::Result<void> ApplyTrustList(const v1::TrustListUpdate& update) override {
    std::lock_guard lock(mutex_);
    trust_list_ = update;
    versions_.trust_list = update.version();
    return boost::outcome_v2::success();
  }
  kiosk::sync::Result<void> ApplyRevokedBracelets(const v1::RevokedBracelets& update) override {
    std::lock_guard lock(mutex_);
    versions_.revoked_bracelets = update.version();
    return boost::outcome_v2::success();
  }
  kiosk::sync::Result<void> ApplyAlerts(const v1::Alerts& update) override {
    std::lock_guard lock(mutex_);
    alerts_ = update;
    versions_.alerts = update.version();
    return boost::outcome_v2::success();
  }
  kiosk::sync::Result<void> ApplyCensusCampaigns(const v1::CensusCampaigns& update) override {
    std::lock_guard lock(mutex_);
    versions_.census_campaigns = update.version();
    return boost::outcome_v2::success();
  }
  kiosk::sync::Result<void> ApplyAgentRoster(const v1::AgentRoster& update) override {
    std::lock_guard lock(mutex_);
    versions_.agent_roster = update.version();
    return boost::outcome_v2::success();
  }
  kiosk::sync::Result<void> ApplySealingKey(const std::string& public_key,
                                            const std::string& key_id) override {
    std::lock_guard lock(mutex_);
    sealing_key_ = public_key;
    sealing_key_id_ = key_id;
    return boost::outcome_v2::success();
  }

  // Inspection by tests.
  std::uint64_t acked() const {
    std::lock_guard lock(mutex_);
    return acked_;
  }
  kiosk::sync::OutboxPosition position() const {
    std::lock_guard lock(mutex_);
    return PositionLocked();
  }
  std::size_t size() const {
    std::lock_guard lock(mutex_);
    return events_.size();
  }
  kiosk::sync::ListVersions versions() const {
    std::lock_guard lock(mutex_);
    return versions_;
  }
  v1::TrustListUpdate trust_list() const {
    std::lock_guard lock(mutex_);
    return trust_list_;
  }
  v1::Alerts alerts() const {
    std::lock_guard lock(mutex_);
    return alerts_;
  }
  std::string sealing_key() const {
    std::lock_guard lock(mutex_);
    return sealing_key_;
  }
  std::vector<std::uint64_t> after_requests() const {
    std::lock_guard lock(mutex_);
    return after_requests_;
  }

 private:
  kiosk::sync::OutboxPosition PositionLocked() const {
    kiosk::sync::OutboxPosition position;
    position.highest_recorded_seq = events_.empty() ? 0 : events_.rbegin()->first;
    position.acked_seq = acked_;
    position.pending_events = static_cast<std::uint64_t>(
        std::count_if(events_.begin(), events_.end(),
                      [this](const auto& entry) { return entry.first > acked_; }));
    return position;
  }

  mutable std::mutex mutex_;
  std::map<std::uint64_t, v1::Event> events_;
  std::uint64_t acked_ = 0;
  kiosk::sync::ListVersions versions_;
  v1::TrustListUpdate trust_list_;
  v1::Alerts alerts_;
  std::string sealing_key_;
  std::string sealing_key_id_;
  std::vector<std::uint64_t> after_requests_;
};

}  // namespace minegate::test
