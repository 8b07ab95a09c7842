#include "server/ingest/event_store.hpp"

#include <algorithm>

#include "db/bind.hpp"
#include "server/ingest/event_validator.hpp"

namespace minegate::server {
namespace {

using db::Blob;

IngestResult<BatchOutcome> StorageFailed() { return make_error_code(IngestErrc::storage_failed); }

}  // namespace

db::Result<std::unique_ptr<EventStore>> EventStore::Create(db::Connection& connection) {
  std::unique_ptr<EventStore> store(new EventStore(connection));
  if (auto prepared = store->Prepare(); !prepared) return prepared.error();
  auto projector = Projector::Create(connection);
  if (!projector) return projector.error();
  store->projector_ = std::move(projector).value();
  return store;
}

db::Result<void> EventStore::Prepare() {
  const std::pair<std::optional<db::Statement>*, const char*> statements[] = {
      {&load_sync_, "SELECT event_count, highest_seq FROM device_sync WHERE device_id = ?"},
      {&find_by_seq_, "SELECT event_id FROM events WHERE device_id = ? AND device_seq = ?"},
      {&insert_event_,
       "INSERT INTO events (event_id, device_id, device_seq, occurred_at_ms, received_at_ms, "
       "site_id, gate_id, body_kind, event) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"},
      {&find_gap_,
       "SELECT first_missing, last_missing FROM device_gaps WHERE device_id = ? AND "
       "first_missing <= ? AND last_missing >= ?"},
      {&delete_gap_, "DELETE FROM device_gaps WHERE device_id = ? AND first_missing = ?"},
      {&insert_gap_,
       "INSERT INTO device_gaps (device_id, first_missing, last_missing, detected_at_ms) "
       "VALUES (?, ?, ?, ?)"},
      {&first_gap_, "SELECT min(first_missing) FROM device_gaps WHERE device_id = ?"},
      {&save_sync_,
       "INSERT INTO device_sync (device_id, event_count, highest_seq, contiguous_seq, "
       "last_event_at_ms) VALUES (?, ?, ?, ?, ?) ON CONFLICT (device_id) DO UPDATE SET "
       "event_count = excluded.event_count, highest_seq = excluded.highest_seq, "
       "contiguous_seq = excluded.contiguous_seq, last_event_at_ms = excluded.last_event_at_ms"},
  };
  return db::PrepareAll(connection_, statements);
}

IngestResult<bool> EventStore::StoreOne(const IncomingBatch& batch, const v1::Event& event,
                                        std::uint64_t highest) {
  const std::uint64_t seq = event.device_seq();
  // Beyond the highest stored sequence nothing can exist for this device: the
  // common case costs one INSERT. At or below it, look for a replay.
  if (seq <= highest) {
    if (!db::BindAll(*find_by_seq_, batch.device_id, seq)) return StorageFailed().error();
    auto row = find_by_seq_->Step();
    if (!row) return StorageFailed().error();
    if (row.value()) {
      const auto stored_id = find_by_seq_->ColumnBlob(0);
      find_by_seq_->Reset();
      if (std::string(stored_id.begin(), stored_id.end()) != event.event_id()) {
        return make_error_code(IngestErrc::sequence_conflict);
      }
      return false;  // a replay
    }
    find_by_seq_->Reset();
  }
  if (!db::BindAll(*insert_event_, Blob(event.event_id()), batch.device_id, seq,
                   event.occurred_at_ms(), batch.received_at_ms, event.site_id(), event.gate_id(),
                   BodyKind(event), Blob(event.SerializeAsString()))) {
    return StorageFailed().error();
  }
  if (auto inserted = insert_event_->Run(); !inserted) {
    // Only the event id can collide here: (device, seq) was checked above.
    return inserted.error() == db::make_error_code(db::Errc::constraint)
               ? make_error_code(IngestErrc::event_id_conflict)
               : make_error_code(IngestErrc::storage_failed);
  }
  const std::int64_t position = connection_.LastInsertRowId();
  if (!projector_->Apply(position, event)) return make_error_code(IngestErrc::storage_failed);
  last_position_ = position;
  if (seq < highest && !FillGap(batch.device_id, seq, batch.received_at_ms)) {
    return make_error_code(IngestErrc::storage_failed);
  }
  return true;
}

db::Result<void> EventStore::FillGap(const std::string& device_id, std::uint64_t seq,
                                     std::int64_t now_ms) {
  if (auto bound = db::BindAll(*find_gap_, device_id, seq, seq); !bound) return bound.error();
  auto row = find_gap_->Step();
  if (!row) return row.error();
  if (!row.value()) {
    find_gap_->Reset();
    return db::Success();
  }
  const auto first = static_cast<std::uint64_t>(find_gap_->ColumnInt64(0));
  const auto last = static_cast<std::uint64_t>(find_gap_->ColumnInt64(1));
  find_gap_->Reset();
  if (auto bound = db::BindAll(*delete_gap_, device_id, first); !bound) return bound.error();
  if (auto run = delete_gap_->Run(); !run) return run.error();
  // The stored sequence splits the gap in (at most) two.
  for (const auto& [from, to] : {std::pair{first, seq - 1}, std::pair{seq + 1, last}}) {
    if (from > to || from == 0) continue;
    if (auto bound = db::BindAll(*insert_gap_, device_id, from, to, now_ms); !bound) {
      return bound.error();
    }
    if (auto run = insert_gap_->Run(); !run) return run.error();
  }
  return db::Success();
}

IngestResult<BatchOutcome> EventStore::Append(const IncomingBatch& batch) {
  std::uint64_t event_count = 0;
  std::uint64_t highest = 0;
  if (!db::BindAll(*load_sync_, batch.device_id)) return StorageFailed();
  auto row = load_sync_->Step();
  if (!row) return StorageFailed();
  if (row.value()) {
    event_count = static_cast<std::uint64_t>(load_sync_->ColumnInt64(0));
    highest = static_cast<std::uint64_t>(load_sync_->ColumnInt64(1));
  }
  load_sync_->Reset();

  BatchOutcome outcome;
  const std::uint64_t first = batch.events.front().device_seq();
  if (first > highest + 1) {
    outcome.gap = std::pair{highest + 1, first - 1};
    if (!db::BindAll(*insert_gap_, batch.device_id, highest + 1, first - 1, batch.received_at_ms) ||
        !insert_gap_->Run()) {
      return StorageFailed();
    }
  }
  for (const v1::Event& event : batch.events) {
    auto stored = StoreOne(batch, event, highest);
    if (!stored) return stored.error();
    if (stored.value()) {
      ++outcome.stored;
    } else {
      ++outcome.duplicates;
    }
  }
  outcome.acked_seq = batch.events.back().device_seq();
  if (outcome.stored == 0) return outcome;  // a pure replay changes nothing
  if (!projector_->MarkApplied(last_position_)) return StorageFailed();

  highest = std::max(highest, outcome.acked_seq);
  event_count += outcome.stored;
  if (!db::BindAll(*first_gap_, batch.device_id)) return StorageFailed();
  auto gap_row = first_gap_->Step();
  if (!gap_row) return StorageFailed();
  const bool has_gap = gap_row.value() && !first_gap_->ColumnIsNull(0);
  const std::uint64_t contiguous =
      has_gap ? static_cast<std::uint64_t>(first_gap_->ColumnInt64(0)) - 1 : highest;
  first_gap_->Reset();
  if (!db::BindAll(*save_sync_, batch.device_id, event_count, highest, contiguous,
                   batch.received_at_ms) ||
      !save_sync_->Run()) {
    return StorageFailed();
  }
  return outcome;
}

db::Result<DeviceSyncState> EventStore::SyncState(db::Connection& connection,
                                                  const std::string& device_id) {
  DeviceSyncState state;
  auto sync = connection.Prepare(
      "SELECT event_count, highest_seq, contiguous_seq FROM device_sync WHERE device_id = ?");
  if (!sync) return sync.error();
  if (auto bound = db::BindAll(sync.value(), device_id); !bound) return bound.error();
  auto row = sync.value().Step();
  if (!row) return row.error();
  if (row.value()) {
    state.event_count = static_cast<std::uint64_t>(sync.value().ColumnInt64(0));
    state.highest_seq = static_cast<std::uint64_t>(sync.value().ColumnInt64(1));
    state.contiguous_seq = static_cast<std::uint64_t>(sync.value().ColumnInt64(2));
  }
  auto gaps = connection.Prepare(
      "SELECT first_missing, last_missing FROM device_gaps WHERE device_id = ? "
      "ORDER BY first_missing");
  if (!gaps) return gaps.error();
  if (auto bound = db::BindAll(gaps.value(), device_id); !bound) return bound.error();
  while (true) {
    auto gap = gaps.value().Step();
    if (!gap) return gap.error();
    if (!gap.value()) break;
    state.gaps.emplace_back(static_cast<std::uint64_t>(gaps.value().ColumnInt64(0)),
                            static_cast<std::uint64_t>(gaps.value().ColumnInt64(1)));
  }
  return state;
}

}  // namespace minegate::server
