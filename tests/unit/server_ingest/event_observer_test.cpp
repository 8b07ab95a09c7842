// The observer hook: what an observer sees, when, and that its refusal or a rollback leaves
// nothing of the batch.
#include "server/ingest/event_observer.hpp"

#include <future>
#include <mutex>

#include "server/ingest/event_writer.hpp"
#include "tests/unit/server_ingest/ingest_fixture.hpp"

namespace minegate::server {
namespace {

/// What a recording observer saw, shared with the test thread (the writer thread calls it).
struct Seen {
  std::mutex mutex;
  std::vector<std::uint64_t> stored_seqs;
  std::vector<std::int64_t> persons_when_stored;  ///< persons rows visible at OnStored
  int batches_stored = 0;
  int batches_abandoned = 0;
  std::uint64_t refuse_seq = 0;  ///< OnStored of this device_seq fails
  bool refuse_batch = false;     ///< OnBatchStored fails
};

class RecordingObserver : public EventObserver {
 public:
  RecordingObserver(db::Connection& connection, Seen& seen)
      : connection_(connection), seen_(seen) {}

  db::Result<void> OnStored(std::int64_t log_position, const v1::Event& event) override {
    EXPECT_GT(log_position, 0);
    auto persons = connection_.Prepare("SELECT count(*) FROM persons");
    if (!persons) return persons.error();
    (void)persons.value().Step();
    std::lock_guard lock(seen_.mutex);
    seen_.stored_seqs.push_back(event.device_seq());
    seen_.persons_when_stored.push_back(persons.value().ColumnInt64(0));
    if (event.device_seq() == seen_.refuse_seq) return db::make_error_code(db::Errc::internal);
    return db::Success();
  }
  db::Result<void> OnBatchStored() override {
    std::lock_guard lock(seen_.mutex);
    ++seen_.batches_stored;
    if (seen_.refuse_batch) return db::make_error_code(db::Errc::internal);
    // What an observer writes here commits with the batch.
    return connection_.Execute(
        "INSERT INTO sites (site_id, name, department, created_at_ms) "
        "SELECT coalesce(max(site_id), 0) + 1, 'observed', 'kedougou', 0 FROM sites");
  }
  void OnBatchAbandoned() override {
    std::lock_guard lock(seen_.mutex);
    ++seen_.batches_abandoned;
  }

 private:
  db::Connection& connection_;
  Seen& seen_;
};

class EventObserverTest : public IngestTest {
 protected:
  EventObserverFactory Factory() {
    return [this](db::Connection& connection) -> db::Result<std::unique_ptr<EventObserver>> {
      return std::unique_ptr<EventObserver>(new RecordingObserver(connection, seen_));
    };
  }
  IngestResult<BatchOutcome> SubmitAndWait(EventWriter& writer, std::vector<v1::Event> events) {
    std::promise<IngestResult<BatchOutcome>> done;
    writer.Submit(IncomingBatch{kDevice, std::move(events), kNow, {}},
                  [&](IngestResult<BatchOutcome> r) { done.set_value(std::move(r)); });
    return done.get_future().get();
  }
  Seen seen_;
};

TEST_F(EventObserverTest, SeesEachStoredEventAfterItsProjectionThenTheBatchOnce) {
  auto writer = EventWriter::Open(database(), {}, {Factory()});
  ASSERT_TRUE(writer) << writer.error().message();
  auto outcome = SubmitAndWait(*writer.value(), {PersonRegistered(1), GatePassed(2)});
  ASSERT_TRUE(outcome) << outcome.error().message();
  // A replay stores nothing: the observer sees nothing of it.
  auto replay = SubmitAndWait(*writer.value(), {PersonRegistered(1), GatePassed(2)});
  ASSERT_TRUE(replay);
  EXPECT_EQ(replay.value().duplicates, 2u);
  writer.value()->Stop();
  EXPECT_EQ(seen_.stored_seqs, (std::vector<std::uint64_t>{1, 2}));
  // The person row was already projected when the observer saw her registration.
  EXPECT_EQ(seen_.persons_when_stored, (std::vector<std::int64_t>{1, 1}));
  EXPECT_EQ(seen_.batches_stored, 1);
  EXPECT_EQ(seen_.batches_abandoned, 0);
  EXPECT_EQ(Count("SELECT count(*) FROM sites WHERE name = 'observed'"), 1);
}

TEST_F(EventObserverTest, AnObserverErrorRefusesTheBatchWholeAndTheOthersStay) {
  seen_.refuse_seq = 3;
  auto writer = EventWriter::Open(database(), {}, {Factory()});
  ASSERT_TRUE(writer);
  ASSERT_TRUE(SubmitAndWait(*writer.value(), {GatePassed(1), GatePassed(2)}));
  auto refused = SubmitAndWait(*writer.value(), {GatePassed(3), GatePassed(4)});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error(), make_error_code(IngestErrc::storage_failed));
  writer.value()->Stop();
  EXPECT_EQ(Count("SELECT count(*) FROM events"), 2);
  EXPECT_EQ(Count("SELECT count(*) FROM passages"), 2);
  EXPECT_EQ(Count("SELECT count(*) FROM sites WHERE name = 'observed'"), 1);
  EXPECT_EQ(seen_.batches_abandoned, 1);
}

TEST_F(EventObserverTest, AFailedBatchStepRollsBackTheObserversWritesToo) {
  seen_.refuse_batch = true;
  auto writer = EventWriter::Open(database(), {}, {Factory()});
  ASSERT_TRUE(writer);
  ASSERT_FALSE(SubmitAndWait(*writer.value(), {PersonRegistered(1)}));
  writer.value()->Stop();
  EXPECT_EQ(Count("SELECT count(*) FROM events"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM persons"), 0);
  EXPECT_EQ(seen_.batches_abandoned, 1);
}

TEST_F(EventObserverTest, AFailingFactoryFailsTheOpen) {
  const EventObserverFactory failing =
      [](db::Connection&) -> db::Result<std::unique_ptr<EventObserver>> {
    return db::make_error_code(db::Errc::sql_error);
  };
  auto writer = EventWriter::Open(database(), {}, {failing});
  ASSERT_FALSE(writer);
  EXPECT_EQ(writer.error(), db::make_error_code(db::Errc::sql_error));
}

TEST_F(EventObserverTest, RebuildDoesNotCallObservers) {
  {
    auto writer = EventWriter::Open(database(), {}, {Factory()});
    ASSERT_TRUE(writer);
    ASSERT_TRUE(SubmitAndWait(*writer.value(), {PersonRegistered(1), GatePassed(2)}));
  }
  const std::size_t seen_before = seen_.stored_seqs.size();
  auto rebuilt = Projector::Rebuild(*connection_, 100, {});
  ASSERT_TRUE(rebuilt) << rebuilt.error().message();
  EXPECT_EQ(rebuilt.value(), 2);
  EXPECT_EQ(seen_.stored_seqs.size(), seen_before);
}

}  // namespace
}  // namespace minegate::server
