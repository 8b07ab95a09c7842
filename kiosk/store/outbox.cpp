#include "kiosk/store/outbox.hpp"

#include <algorithm>
#include <string>

#include "db/bind.hpp"
#include "db/error.hpp"
#include "db/query.hpp"
#include "db/statement.hpp"
#include "db/wal.hpp"

namespace minegate::kiosk::store {
namespace {

/// Column 0 as a sequence number (never negative in the schema). outbox_state has the one row
/// the schema inserts: Errc::no_row from it means a damaged database.
std::uint64_t ReadUnsigned(const db::Statement& row) {
  return static_cast<std::uint64_t>(row.ColumnInt64(0));
}

}  // namespace

db::Result<std::uint64_t> Outbox::Append(std::vector<v1::Event>& events, std::int64_t now_ms) {
  auto highest =
      db::QueryOne(connection_, "SELECT highest_seq FROM outbox_state WHERE id = 1", ReadUnsigned);
  if (!highest) return highest.error();
  std::uint64_t seq = highest.value();

  auto insert = connection_.Prepare(
      "INSERT INTO outbox (device_seq, event_id, event, recorded_at_ms) VALUES (?, ?, ?, ?)");
  if (!insert) return insert.error();
  std::string bytes;
  for (v1::Event& event : events) {
    // Nothing in clear on the kiosk's disk: the caller seals every body to the server first.
    if (!event.has_sealed()) return db::make_error_code(db::Errc::bad_parameter);
    event.set_device_seq(++seq);
    bytes.clear();
    if (!event.SerializeToString(&bytes)) return db::make_error_code(db::Errc::misuse);
    auto bound =
        db::BindAll(insert.value(), seq, db::Blob(event.event_id()), db::Blob(bytes), now_ms);
    if (!bound) return bound.error();
    if (auto ran = insert.value().Run(); !ran) return ran.error();
  }
  auto update = connection_.Prepare("UPDATE outbox_state SET highest_seq = ? WHERE id = 1");
  if (!update) return update.error();
  if (auto bound = db::BindAll(update.value(), seq); !bound) return bound.error();
  if (auto ran = update.value().Run(); !ran) return ran.error();
  return seq;
}

db::Result<sync::OutboxPosition> Outbox::Position() {
  auto stored =
      db::QueryOne(connection_, "SELECT highest_seq, acked_seq FROM outbox_state WHERE id = 1",
                   [](const db::Statement& row) {
                     sync::OutboxPosition stored_position;
                     stored_position.highest_recorded_seq = ReadUnsigned(row);
                     stored_position.acked_seq = static_cast<std::uint64_t>(row.ColumnInt64(1));
                     return stored_position;
                   });
  if (!stored) return stored.error();
  sync::OutboxPosition position = stored.value();
  // Sequences have no gaps, so what waits is the distance between the two.
  position.pending_events = position.highest_recorded_seq > position.acked_seq
                                ? position.highest_recorded_seq - position.acked_seq
                                : 0;
  return position;
}

db::Result<std::int64_t> Outbox::LastAckAtMs() {
  return db::QueryOne(connection_, "SELECT last_ack_at_ms FROM outbox_state WHERE id = 1",
                      [](const db::Statement& row) { return row.ColumnInt64(0); });
}

db::Result<std::vector<v1::Event>> Outbox::EventsAfter(std::uint64_t after_seq,
                                                       std::size_t max_events,
                                                       std::size_t max_bytes) {
  auto statement = db::Query(
      connection_, "SELECT event FROM outbox WHERE device_seq > ? ORDER BY device_seq LIMIT ?",
      after_seq, max_events);
  if (!statement) return statement.error();
  std::vector<v1::Event> events;
  std::size_t bytes = 0;
  auto read = db::ForEachRow(statement.value(), [&](const db::Statement& row) -> db::Result<bool> {
    const std::vector<std::uint8_t> blob = row.ColumnBlob(0);
    if (!events.empty() && bytes + blob.size() > max_bytes) return false;  // the batch is full
    v1::Event event;
    if (!event.ParseFromArray(blob.data(), static_cast<int>(blob.size()))) {
      return db::make_error_code(db::Errc::corrupt);
    }
    bytes += blob.size();
    events.push_back(std::move(event));
    return true;
  });
  if (!read) return read.error();
  return events;
}

db::Result<void> Outbox::RecordAck(std::uint64_t acked_seq, std::int64_t now_ms) {
  auto position = Position();
  if (!position) return position.error();
  // An Ack can never cover more than was recorded; a server that says so is
  // answering for another kiosk's database (restored, copied): keep ours.
  const std::uint64_t new_acked = std::min(acked_seq, position.value().highest_recorded_seq);
  if (new_acked <= position.value().acked_seq) return db::Success();
  auto mark = connection_.Prepare(
      "UPDATE outbox SET acked_at_ms = ? WHERE device_seq <= ? AND acked_at_ms IS NULL");
  if (!mark) return mark.error();
  if (auto bound = db::BindAll(mark.value(), now_ms, new_acked); !bound) return bound.error();
  if (auto ran = mark.value().Run(); !ran) return ran.error();
  auto state =
      connection_.Prepare("UPDATE outbox_state SET acked_seq = ?, last_ack_at_ms = ? WHERE id = 1");
  if (!state) return state.error();
  if (auto bound = db::BindAll(state.value(), new_acked, now_ms); !bound) return bound.error();
  return state.value().Run();
}

db::Result<std::int64_t> Outbox::Purge(std::chrono::milliseconds retention, std::int64_t now_ms) {
  auto statement =
      connection_.Prepare("DELETE FROM outbox WHERE acked_at_ms IS NOT NULL AND acked_at_ms <= ?");
  if (!statement) return statement.error();
  if (auto bound = db::BindAll(statement.value(), now_ms - retention.count()); !bound) {
    return bound.error();
  }
  if (auto ran = statement.value().Run(); !ran) return ran.error();
  const std::int64_t purged = connection_.Changes();
  if (purged > 0) {
    if (auto truncated = db::TruncateWal(connection_); !truncated) return truncated.error();
  }
  return purged;
}

}  // namespace minegate::kiosk::store
