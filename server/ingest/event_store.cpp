#include "server/ingest/event_store.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "db/bind.hpp"
#include "db/query.hpp"
#include "server/ingest/event_validator.hpp"

namespace minegate::server {
namespace {

using db::Blob;

IngestResult<BatchOutcome> StorageFailed() { return make_error_code(IngestErrc::storage_failed); }

std::string BlobText(const db::Statement& row) {
  const std::vector<std::uint8_t> bytes = row.ColumnBlob(0);
  return std::string(bytes.begin(), bytes.end());
}

/// Columns 0 and 1 as sequence numbers or counts (never negative in the schema).
std::pair<std::uint64_t, std::uint64_t> TwoUnsigned(const db::Statement& row) {
  return {static_cast<std::uint64_t>(row.ColumnInt64(0)),
          static_cast<std::uint64_t>(row.ColumnInt64(1))};
}

}  // namespace

db::Result<std::unique_ptr<EventStore>> EventStore::Create(
    db::Connection& connection, const std::vector<EventObserverFactory>& observers) {
  std::unique_ptr<EventStore> store(new EventStore(connection));
  if (auto prepared = store->Prepare(); !prepared) return prepared.error();
  auto projector = Projector::Create(connection);
  if (!projector) return projector.error();
  store->projector_ = std::move(projector).value();
  for (const EventObserverFactory& make : observers) {
    auto observer = make(connection);
    if (!observer) return observer.error();
    store->observers_.push_back(std::move(observer).value());
  }
  return store;
}

void EventStore::Abandon() {
  for (auto& observer : observers_) observer->OnBatchAbandoned();
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
    auto stored_id = db::ReadFirst(*find_by_seq_, BlobText);
    if (!stored_id) return StorageFailed().error();
    if (stored_id.value()) {
      if (*stored_id.value() != event.event_id()) {
        return make_error_code(IngestErrc::sequence_conflict);
      }
      return false;  // a replay
    }
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
  // Observers read the projections: they see the event once it is applied.
  for (auto& observer : observers_) {
    if (!observer->OnStored(position, event)) return make_error_code(IngestErrc::storage_failed);
  }
  last_position_ = position;
  if (seq < highest && !FillGap(batch.device_id, seq, batch.received_at_ms)) {
    return make_error_code(IngestErrc::storage_failed);
  }
  return true;
}

db::Result<void> EventStore::FillGap(const std::string& device_id, std::uint64_t seq,
                                     std::int64_t now_ms) {
  if (auto bound = db::BindAll(*find_gap_, device_id, seq, seq); !bound) return bound.error();
  auto gap = db::ReadFirst(*find_gap_, TwoUnsigned);
  if (!gap) return gap.error();
  if (!gap.value()) return db::Success();
  const auto [first, last] = *gap.value();
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
  auto loaded = db::ReadFirst(*load_sync_, TwoUnsigned);
  if (!loaded) return StorageFailed();
  if (loaded.value()) std::tie(event_count, highest) = *loaded.value();

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
  for (auto& observer : observers_) {
    if (!observer->OnBatchStored()) return StorageFailed();
  }

  highest = std::max(highest, outcome.acked_seq);
  event_count += outcome.stored;
  if (!db::BindAll(*first_gap_, batch.device_id)) return StorageFailed();
  // min() gives one row whatever the table holds: NULL when the device has no gap.
  auto first_gap = db::ReadOne(*first_gap_, [](const db::Statement& row) {
    return row.ColumnIsNull(0) ? std::optional<std::uint64_t>()
                               : static_cast<std::uint64_t>(row.ColumnInt64(0));
  });
  if (!first_gap) return StorageFailed();
  const std::uint64_t contiguous = first_gap.value() ? *first_gap.value() - 1 : highest;
  if (!db::BindAll(*save_sync_, batch.device_id, event_count, highest, contiguous,
                   batch.received_at_ms) ||
      !save_sync_->Run()) {
    return StorageFailed();
  }
  return outcome;
}

db::Result<DeviceSyncState> EventStore::SyncState(db::Connection& connection,
                                                  const std::string& device_id) {
  auto sync = db::QueryFirst(
      connection,
      "SELECT event_count, highest_seq, contiguous_seq FROM device_sync WHERE device_id = ?",
      [](const db::Statement& row) {
        DeviceSyncState counts;
        counts.event_count = static_cast<std::uint64_t>(row.ColumnInt64(0));
        counts.highest_seq = static_cast<std::uint64_t>(row.ColumnInt64(1));
        counts.contiguous_seq = static_cast<std::uint64_t>(row.ColumnInt64(2));
        return counts;
      },
      device_id);
  if (!sync) return sync.error();
  DeviceSyncState state = std::move(sync).value().value_or(DeviceSyncState{});
  auto gaps =
      db::QueryAll(connection,
                   "SELECT first_missing, last_missing FROM device_gaps WHERE device_id = ? "
                   "ORDER BY first_missing",
                   TwoUnsigned, device_id);
  if (!gaps) return gaps.error();
  state.gaps = std::move(gaps).value();
  return state;
}

}  // namespace minegate::server
