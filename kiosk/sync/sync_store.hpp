// What the sync client needs from the kiosk's storage. kiosk/store implements
// it on the kiosk database; the sync client never sees SQL. Every call runs on
// the kiosk's one I/O thread and returns quickly (one SQLite statement or
// transaction).
#pragma once

#include <boost/system/error_code.hpp>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "minegate/v1/events.pb.h"
#include "minegate/v1/sync.pb.h"

namespace minegate::kiosk::sync {

using base::Result;

/// Versions of the down-stream lists the kiosk holds (0 = none), named in Hello.
struct ListVersions {
  std::uint64_t trust_list = 0;
  std::uint64_t revoked_bracelets = 0;
  std::uint64_t alerts = 0;
  std::uint64_t census_campaigns = 0;
  std::uint64_t agent_roster = 0;
};

/// Where the outbox stands.
struct OutboxPosition {
  /// Highest device_seq recorded (0 when none yet).
  std::uint64_t highest_recorded_seq = 0;
  /// Highest device_seq the server has acknowledged (0 when none).
  std::uint64_t acked_seq = 0;
  /// Events recorded and not yet acknowledged.
  std::uint64_t pending_events = 0;
};

class SyncStore {
 public:
  virtual ~SyncStore() = default;

  virtual Result<OutboxPosition> Position() = 0;
  /// Events with device_seq > after_seq, in order, at most max_events and
  /// (except for a single larger event) at most max_bytes serialized. Events
  /// are stored ready to send (personal data already sealed).
  virtual Result<std::vector<v1::Event>> EventsAfter(std::uint64_t after_seq,
                                                     std::size_t max_events,
                                                     std::size_t max_bytes) = 0;
  /// The server durably holds every event up to acked_seq (from an Ack or a
  /// Welcome). Never moves backwards; the events stay until retention expires.
  virtual Result<void> RecordAck(std::uint64_t acked_seq, std::int64_t now_ms) = 0;

  virtual Result<ListVersions> Versions() = 0;
  virtual Result<void> ApplyTrustList(const v1::TrustListUpdate& update) = 0;
  virtual Result<void> ApplyRevokedBracelets(const v1::RevokedBracelets& update) = 0;
  virtual Result<void> ApplyAlerts(const v1::Alerts& update) = 0;
  virtual Result<void> ApplyCensusCampaigns(const v1::CensusCampaigns& update) = 0;
  virtual Result<void> ApplyAgentRoster(const v1::AgentRoster& update) = 0;
  /// The server's sealing key from Welcome (a rotation replaces the old one).
  virtual Result<void> ApplySealingKey(const std::string& public_key,
                                       const std::string& key_id) = 0;
};

}  // namespace minegate::kiosk::sync
