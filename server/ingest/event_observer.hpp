#pragma once
/// The hook through which other libraries (the risk monitor, the clone watch) see events as the
/// writer stores them, inside the same transaction: what they write commits with the events or
/// not at all, so a flag exists as soon as the batch that raised it is acknowledged, and a batch
/// rolled back leaves neither its events nor what an observer derived from them.
/// Projector::Rebuild does not call observers: a bulk re-evaluation has its own path.

#include <cstdint>
#include <functional>
#include <memory>

#include "db/connection.hpp"
#include "minegate/v1/events.pb.h"

namespace minegate::server {

/// Sees every event the writer stores, inside the writer's transaction (the batch's savepoint),
/// after the projector applied it. An error refuses the batch (it is rolled back, the kiosk
/// retries). Called on the writer thread only.
class EventObserver {
 public:
  virtual ~EventObserver() = default;
  virtual db::Result<void> OnStored(std::int64_t log_position, const v1::Event& event) = 0;
  /// After every event of the batch is stored and observed, still inside its savepoint:
  /// evaluate what the batch touched once (a registration, its companion and its bracelet come
  /// together).
  virtual db::Result<void> OnBatchStored() { return base::Success(); }
  /// The batch's savepoint was rolled back (or the whole group's transaction failed to commit):
  /// forget what OnStored collected. An observer keeps nothing in memory that was derived from
  /// rows a rollback can undo, beyond the batch it is collecting.
  virtual void OnBatchAbandoned() {}
};

/// Makes an observer on the writer's connection (to prepare its statements once), when the
/// writer opens.
using EventObserverFactory =
    std::function<db::Result<std::unique_ptr<EventObserver>>(db::Connection&)>;

}  // namespace minegate::server
