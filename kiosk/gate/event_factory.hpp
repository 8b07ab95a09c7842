// Builds the events this kiosk records: the envelope (UUIDv7 id, device, site,
// gate, agent, time) and the sealed box, only the server can open, that holds
// the body (docs/protocol.md §5). Every body is sealed, not only the personal
// ones: a gate passage names a tag and a person token, and a stolen kiosk's
// outbox must not be a movement log. The sequence number is
// given later, by the outbox, inside the transaction that stores the event.
#pragma once

#include <boost/system/error_code.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "minegate/v1/events.pb.h"

namespace minegate::kiosk::gate {

using base::Result;

struct EventOrigin {
  std::string device_id;
  std::uint32_t site_id = 0;
  std::uint32_t gate_id = 0;
  /// The server's X25519 sealing key (32 bytes) and its id (8 bytes).
  std::string sealing_public_key;
  std::string sealing_key_id;
};

/// A fresh 16-byte UUIDv7 for the time now_ms.
std::string NewEventId(std::int64_t now_ms);

class EventFactory {
 public:
  explicit EventFactory(EventOrigin origin) : origin_(std::move(origin)) {}

  /// An envelope without a body (and without device_seq).
  v1::Event Envelope(const std::string& agent_id, std::int64_t now_ms) const;
  /// `event` with its body replaced by the sealed form of that body (any body
  /// kind; an event without a body, or already sealed, is GateErrc::seal_failed).
  Result<v1::Event> Seal(const v1::Event& event) const;
  /// Seals, in place, every event of `events` not sealed yet; on failure the
  /// events are left as they were (none is half-sealed).
  Result<void> SealAll(std::vector<v1::Event>& events) const;

  const EventOrigin& origin() const { return origin_; }

 private:
  EventOrigin origin_;
};

}  // namespace minegate::kiosk::gate
