#pragma once
/// Appends validated batches to the event log, idempotently: a (device, seq)
/// already stored with the same event id is a replay and is counted, not
/// stored again; with another event id it is a conflict. A batch starting
/// beyond the highest stored sequence + 1 records the gap. Per-device sync
/// state and the projections are updated in the same transaction, so the
/// reconcile answer and the query tables never disagree with the log.
/// Not thread-safe: owned by the writer thread.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "db/connection.hpp"
#include "db/statement.hpp"
#include "minegate/v1/events.pb.h"
#include "server/ingest/event_observer.hpp"
#include "server/ingest/ingest_error.hpp"
#include "server/ingest/projector.hpp"

namespace minegate::server {

/// A batch from one authenticated device, validated (see event_validator.hpp).
struct IncomingBatch {
  std::string device_id;
  std::vector<v1::Event> events;
  std::int64_t received_at_ms = 0;
  /// Checks against the registry (stage 2 of event_validator.hpp). The writer runs it on its
  /// thread, inside the batch's savepoint, just before storing; an error refuses the batch
  /// whole. Empty: no check.
  std::function<IngestResult<void>(db::Connection&, const std::vector<v1::Event>&)> check;
};

struct BatchOutcome {
  std::uint64_t acked_seq = 0;  ///< the batch's last sequence: all of it is stored
  std::uint32_t stored = 0;
  std::uint32_t duplicates = 0;
  /// A gap this batch revealed (first, last missing), if any.
  std::optional<std::pair<std::uint64_t, std::uint64_t>> gap;
};

/// What the server holds for one device (the reconcile answer).
struct DeviceSyncState {
  std::uint64_t event_count = 0;
  std::uint64_t highest_seq = 0;
  std::uint64_t contiguous_seq = 0;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> gaps;
};

class EventStore {
 public:
  /// `observers` are made here, on `connection`, and see every event Append stores.
  static db::Result<std::unique_ptr<EventStore>> Create(
      db::Connection& connection, const std::vector<EventObserverFactory>& observers = {});

  /// Appends a batch within the caller's transaction: each stored event is projected then
  /// shown to the observers, and once the whole batch is stored the observers' OnBatchStored
  /// runs. On error the caller must roll back to before the batch (the writer uses a savepoint
  /// per batch) and call Abandon().
  IngestResult<BatchOutcome> Append(const IncomingBatch& batch);
  /// The batch being appended was rolled back: observers forget what they collected of it.
  void Abandon();

  /// The reconcile figures for a device (also used for Welcome).
  static db::Result<DeviceSyncState> SyncState(db::Connection& connection,
                                               const std::string& device_id);

 private:
  explicit EventStore(db::Connection& connection) : connection_(connection) {}
  db::Result<void> Prepare();
  IngestResult<bool> StoreOne(const IncomingBatch& batch, const v1::Event& event,
                              std::uint64_t highest);
  db::Result<void> FillGap(const std::string& device_id, std::uint64_t seq, std::int64_t now_ms);

  db::Connection& connection_;
  std::unique_ptr<Projector> projector_;
  std::vector<std::unique_ptr<EventObserver>> observers_;
  /// Log position of the last event stored by the batch being appended.
  std::int64_t last_position_ = 0;
  std::optional<db::Statement> load_sync_;
  std::optional<db::Statement> find_by_seq_;
  std::optional<db::Statement> insert_event_;
  std::optional<db::Statement> find_gap_;
  std::optional<db::Statement> delete_gap_;
  std::optional<db::Statement> insert_gap_;
  std::optional<db::Statement> first_gap_;
  std::optional<db::Statement> save_sync_;
};

}  // namespace minegate::server
