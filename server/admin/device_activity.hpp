#pragma once
/// What the server received from each device, for the administrators' device list: events
/// stored, the sequence numbers reached, the last event's time, and how many numbers it
/// skipped (the gaps the ingest recorded). Reads only. Threading: uses its connection, on that
/// connection's thread.

#include <cstdint>
#include <map>
#include <string>

#include "db/connection.hpp"
#include "server/admin/error.hpp"

namespace minegate::server::admin {

struct DeviceActivity {
  std::int64_t events_received = 0;
  std::int64_t highest_seq = 0;
  std::int64_t contiguous_seq = 0;
  std::int64_t last_event_at_ms = 0;
  /// Sequence numbers between 1 and highest_seq that the server does not hold.
  std::int64_t missing_events = 0;
};

class DeviceActivityReader {
 public:
  explicit DeviceActivityReader(db::Connection& connection) : connection_(connection) {}

  /// Every device that has sent at least one event, by device id.
  Result<std::map<std::string, DeviceActivity>> All();

 private:
  db::Connection& connection_;
};

}  // namespace minegate::server::admin
