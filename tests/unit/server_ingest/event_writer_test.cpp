// The writer thread: group commits, acknowledgements only after the commit.
#include "server/ingest/event_writer.hpp"

#include <future>

#include "tests/unit/server_ingest/ingest_fixture.hpp"

namespace minegate::server {
namespace {

class EventWriterTest : public IngestTest {};

TEST_F(EventWriterTest, EveryCallbackSeesADurableCommit) {
  std::atomic<std::size_t> commits{0};
  auto writer = EventWriter::Open(database(), [&](const CommitStats&) { ++commits; });
  ASSERT_TRUE(writer) << writer.error().message();

  constexpr int kBatches = 50;
  std::vector<std::future<IngestResult<BatchOutcome>>> results;
  for (int i = 0; i < kBatches; ++i) {
    auto promise = std::make_shared<std::promise<IngestResult<BatchOutcome>>>();
    results.push_back(promise->get_future());
    const auto seq = static_cast<std::uint64_t>(2 * i + 1);
    writer.value()->Submit(
        IncomingBatch{kDevice, {GatePassed(seq), GatePassed(seq + 1)}, kNow, {}},
        [this, promise, seq](IngestResult<BatchOutcome> outcome) {
          // Acknowledged means visible to another connection: committed.
          auto reader = db::Connection::Open(database());
          auto count = reader.value().Prepare("SELECT count(*) FROM events WHERE device_seq <= ?");
          (void)count.value().BindInt64(1, static_cast<std::int64_t>(seq + 1));
          (void)count.value().Step();
          EXPECT_GE(count.value().ColumnInt64(0), static_cast<std::int64_t>(seq + 1));
          promise->set_value(std::move(outcome));
        });
  }
  for (int i = 0; i < kBatches; ++i) {
    auto outcome = results[static_cast<std::size_t>(i)].get();
    ASSERT_TRUE(outcome) << outcome.error().message();
    EXPECT_EQ(outcome.value().acked_seq, static_cast<std::uint64_t>(2 * i + 2));
  }
  writer.value()->Stop();
  EXPECT_EQ(Count("SELECT count(*) FROM events"), 2 * kBatches);
  EXPECT_GE(commits.load(), 1u);
  EXPECT_LE(commits.load(), static_cast<std::size_t>(kBatches));
}

TEST_F(EventWriterTest, ARefusedBatchLeavesTheOthersOfItsGroupStored) {
  auto writer = EventWriter::Open(database());
  ASSERT_TRUE(writer);
  std::promise<void> first_done;
  writer.value()->Submit(IncomingBatch{kDevice, {GatePassed(1)}, kNow, {}},
                         [&](IngestResult<BatchOutcome>) { first_done.set_value(); });
  first_done.get_future().wait();

  v1::Event conflicting = GatePassed(1);
  conflicting.set_event_id(EventId(1, 7));
  std::promise<IngestResult<BatchOutcome>> bad;
  std::promise<IngestResult<BatchOutcome>> good;
  writer.value()->Submit(IncomingBatch{kDevice, {GatePassed(2), conflicting}, kNow, {}},
                         [&](IngestResult<BatchOutcome> r) { bad.set_value(std::move(r)); });
  writer.value()->Submit(IncomingBatch{kDevice, {GatePassed(2), GatePassed(3)}, kNow, {}},
                         [&](IngestResult<BatchOutcome> r) { good.set_value(std::move(r)); });
  auto bad_outcome = bad.get_future().get();
  auto good_outcome = good.get_future().get();
  ASSERT_FALSE(bad_outcome);
  EXPECT_EQ(bad_outcome.error(), make_error_code(IngestErrc::sequence_conflict));
  ASSERT_TRUE(good_outcome);
  EXPECT_EQ(good_outcome.value().stored, 2u);
  writer.value()->Stop();
  EXPECT_EQ(Count("SELECT count(*) FROM events"), 3);
}

TEST_F(EventWriterTest, ABatchItsCheckRefusesIsNotStoredAndSeesTheWritersConnection) {
  auto writer = EventWriter::Open(database());
  ASSERT_TRUE(writer);
  std::promise<IngestResult<BatchOutcome>> refused;
  std::promise<IngestResult<BatchOutcome>> passed;
  IncomingBatch bad{kDevice, {GatePassed(1)}, kNow, {}};
  bad.check = [](db::Connection& connection, const std::vector<v1::Event>& events) {
    // Runs on the writer thread with its connection: the registry is readable there.
    auto gate = connection.Prepare("SELECT count(*) FROM gates WHERE gate_id = 3");
    EXPECT_TRUE(gate && gate.value().Step() && gate.value().ColumnInt64(0) == 1);
    EXPECT_EQ(events.size(), 1u);
    return IngestResult<void>(make_error_code(IngestErrc::invalid_event));
  };
  IncomingBatch good{kDevice, {GatePassed(1)}, kNow, {}};
  good.check = [](db::Connection&, const std::vector<v1::Event>&) {
    return IngestResult<void>(boost::outcome_v2::success());
  };
  writer.value()->Submit(std::move(bad),
                         [&](IngestResult<BatchOutcome> r) { refused.set_value(std::move(r)); });
  auto refused_outcome = refused.get_future().get();
  ASSERT_FALSE(refused_outcome);
  EXPECT_EQ(refused_outcome.error(), make_error_code(IngestErrc::invalid_event));
  EXPECT_EQ(Count("SELECT count(*) FROM events"), 0);
  writer.value()->Submit(std::move(good),
                         [&](IngestResult<BatchOutcome> r) { passed.set_value(std::move(r)); });
  EXPECT_TRUE(passed.get_future().get());
  writer.value()->Stop();
  EXPECT_EQ(Count("SELECT count(*) FROM events"), 1);
}

TEST_F(EventWriterTest, StopFinishesWhatIsQueued) {
  auto writer = EventWriter::Open(database());
  ASSERT_TRUE(writer);
  std::atomic<int> done{0};
  for (std::uint64_t seq = 1; seq <= 20; ++seq) {
    writer.value()->Submit(IncomingBatch{kDevice, {GatePassed(seq)}, kNow, {}},
                           [&](IngestResult<BatchOutcome> r) {
                             EXPECT_TRUE(r);
                             ++done;
                           });
  }
  writer.value()->Stop();
  EXPECT_EQ(done.load(), 20);
  EXPECT_EQ(Count("SELECT count(*) FROM events"), 20);
}

}  // namespace
}  // namespace minegate::server
