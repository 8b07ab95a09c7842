// The outbox: every event the kiosk recorded, numbered 1, 2, 3, ... without
// gaps, kept until the server acknowledged it and the retention delay passed.
// Append() must run inside a transaction the caller owns, so that an event is
// recorded together with whatever else the same tap changed (or not at all).
// Every event's body is sealed to the server (Event.sealed) before it comes
// here: the kiosk never reads a body back, it only sends whole rows. After the
// acknowledgement a row is kept as it is (sealed) for the retention delay,
// because a server restored from a backup asks for it again and reconcile
// counts it; the envelope (sequence, event id, time, site, gate, agent) is all
// that is in clear.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "db/connection.hpp"
#include "kiosk/sync/sync_store.hpp"
#include "minegate/v1/events.pb.h"

namespace minegate::kiosk::store {

class Outbox {
 public:
  explicit Outbox(db::Connection& connection) : connection_(connection) {}

  /// Gives each event the next device_seq and stores it. Requires an open
  /// transaction; returns the last sequence used. An event whose body is not
  /// sealed is refused (Errc::bad_parameter) and nothing is stored.
  db::Result<std::uint64_t> Append(std::vector<v1::Event>& events, std::int64_t now_ms);

  db::Result<sync::OutboxPosition> Position();
  db::Result<std::int64_t> LastAckAtMs();
  db::Result<std::vector<v1::Event>> EventsAfter(std::uint64_t after_seq, std::size_t max_events,
                                                 std::size_t max_bytes);
  /// Marks events up to acked_seq acknowledged (never moves backwards).
  db::Result<void> RecordAck(std::uint64_t acked_seq, std::int64_t now_ms);
  /// Deletes events acknowledged before now - retention and, if there were any,
  /// empties the write-ahead log (db::TruncateWal: call outside a transaction);
  /// returns how many.
  db::Result<std::int64_t> Purge(std::chrono::milliseconds retention, std::int64_t now_ms);

 private:
  db::Connection& connection_;
};

}  // namespace minegate::kiosk::store
