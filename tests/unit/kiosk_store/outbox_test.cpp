// Outbox: gapless numbering across transactions and restarts, acknowledgement
// that never moves backwards nor beyond what was recorded, deletion only
// after acknowledgement plus retention.
#include "kiosk/store/outbox.hpp"

#include <gtest/gtest.h>

#include "db/error.hpp"
#include "db/transaction.hpp"
#include "kiosk/store/kiosk_db.hpp"
#include "kiosk/store/roster_cache.hpp"
#include "tests/support/temp_dir.hpp"

namespace minegate::test {
namespace {

using namespace std::chrono_literals;

class OutboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(dir_.ok());
    Open();
  }
  void Open() {
    connection_.reset();
    auto connection = kiosk::store::OpenKioskDb(dir_.path() / "kiosk.db");
    ASSERT_TRUE(connection) << connection.error().message();
    connection_.emplace(std::move(connection).value());
  }
  std::uint64_t Append(int count, std::int64_t now, bool commit = true) {
    std::vector<v1::Event> events(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
      events[static_cast<std::size_t>(i)].set_event_id(std::string(15, 'e') +
                                                       static_cast<char>(next_id_++));
      // The outbox takes sealed bodies only; the bytes do not matter to it.
      events[static_cast<std::size_t>(i)].mutable_sealed()->set_ciphertext("box-" +
                                                                           std::to_string(i));
    }
    auto transaction = db::Transaction::Begin(*connection_, db::Transaction::Mode::kImmediate);
    EXPECT_TRUE(transaction);
    auto last = kiosk::store::Outbox(*connection_).Append(events, now);
    EXPECT_TRUE(last);
    if (commit) {
      EXPECT_TRUE(transaction.value().Commit());
    }
    return last.value();
  }

  TempDir dir_{"kstore"};
  std::optional<db::Connection> connection_;
  int next_id_ = 1;
};

TEST_F(OutboxTest, NumbersWithoutGapsEvenAfterARollbackAndARestart) {
  EXPECT_EQ(Append(3, 1000), 3u);
  EXPECT_EQ(Append(2, 1000, /*commit=*/false), 5u);  // rolled back
  EXPECT_EQ(Append(1, 1000), 4u);
  Open();
  EXPECT_EQ(Append(1, 1000), 5u);
  kiosk::store::Outbox outbox(*connection_);
  auto events = outbox.EventsAfter(0, 100, 1 << 20);
  ASSERT_TRUE(events);
  ASSERT_EQ(events.value().size(), 5u);
  for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(events.value()[i].device_seq(), i + 1);
  EXPECT_EQ(outbox.EventsAfter(3, 100, 1 << 20).value().front().device_seq(), 4u);
  EXPECT_EQ(outbox.EventsAfter(0, 2, 1 << 20).value().size(), 2u);
  // The byte bound stops a batch, but never below one event.
  EXPECT_EQ(outbox.EventsAfter(0, 100, 1).value().size(), 1u);
}

TEST_F(OutboxTest, AcknowledgementNeverMovesBackNorBeyondWhatWasRecorded) {
  Append(10, 1000);
  kiosk::store::Outbox outbox(*connection_);
  ASSERT_TRUE(outbox.RecordAck(6, 2000));
  EXPECT_EQ(outbox.Position().value().acked_seq, 6u);
  EXPECT_EQ(outbox.Position().value().pending_events, 4u);
  ASSERT_TRUE(outbox.RecordAck(3, 3000));
  EXPECT_EQ(outbox.Position().value().acked_seq, 6u);
  EXPECT_EQ(outbox.LastAckAtMs().value(), 2000);
  // A server claiming more than this kiosk ever recorded (a restored or copied database).
  ASSERT_TRUE(outbox.RecordAck(50, 4000));
  EXPECT_EQ(outbox.Position().value().acked_seq, 10u);
  EXPECT_EQ(outbox.Position().value().pending_events, 0u);
}

TEST_F(OutboxTest, OnlyAcknowledgedEventsOlderThanTheRetentionAreDeleted) {
  Append(10, 1000);
  kiosk::store::Outbox outbox(*connection_);
  ASSERT_TRUE(outbox.RecordAck(4, 10'000));
  EXPECT_EQ(outbox.Purge(1h, 10'000 + 3'599'999).value(), 0);
  EXPECT_EQ(outbox.Purge(1h, 10'000 + 3'600'000).value(), 4);
  EXPECT_EQ(outbox.EventsAfter(0, 100, 1 << 20).value().front().device_seq(), 5u);
  // Numbering continues after the deletion.
  EXPECT_EQ(Append(1, 20'000), 11u);
  EXPECT_EQ(outbox.Position().value().highest_recorded_seq, 11u);
}

TEST_F(OutboxTest, AnEventInClearIsRefusedAndNothingIsStored) {
  EXPECT_EQ(Append(2, 1000), 2u);
  std::vector<v1::Event> events(2);
  events[0].set_event_id(std::string(16, 'a'));
  events[0].mutable_sealed()->set_ciphertext("box");
  events[1].set_event_id(std::string(16, 'b'));
  events[1].mutable_gate_passed()->set_tag_uid("uid-1234");
  {
    auto transaction = db::Transaction::Begin(*connection_, db::Transaction::Mode::kImmediate);
    ASSERT_TRUE(transaction);
    auto refused = kiosk::store::Outbox(*connection_).Append(events, 2000);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error(), db::make_error_code(db::Errc::bad_parameter));
  }  // the caller's transaction rolls back
  kiosk::store::Outbox outbox(*connection_);
  EXPECT_EQ(outbox.Position().value().highest_recorded_seq, 2u);
  EXPECT_EQ(outbox.EventsAfter(0, 100, 1 << 20).value().size(), 2u);
  EXPECT_EQ(Append(1, 3000), 3u);
}

TEST_F(OutboxTest, RosterCacheEntriesExpire) {
  kiosk::store::RosterCache cache(*connection_);
  const std::string token(16, '\x07');
  ASSERT_TRUE(cache.Put(token, {"Aminata", v1::SEX_FEMALE, 2003}, 5000));
  auto found = cache.Find(token, 4999);
  ASSERT_TRUE(found && found.value());
  EXPECT_EQ(found.value()->first_name, "Aminata");
  EXPECT_FALSE(cache.Find(token, 5000).value().has_value());
  EXPECT_EQ(cache.Expire(5000).value(), 1);
}

}  // namespace
}  // namespace minegate::test
