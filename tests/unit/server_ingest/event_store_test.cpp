// The event log: idempotent appends, conflicts, gaps, projections, rebuild.
#include "server/ingest/event_store.hpp"

#include "db/transaction.hpp"
#include "server/ingest/projector.hpp"
#include "tests/unit/server_ingest/ingest_fixture.hpp"

namespace minegate::server {
namespace {

class EventStoreTest : public IngestTest {
 protected:
  void SetUp() override {
    IngestTest::SetUp();
    auto store = EventStore::Create(*connection_);
    ASSERT_TRUE(store) << store.error().message();
    store_ = std::move(store).value();
  }

  IngestResult<BatchOutcome> Append(std::vector<v1::Event> events) {
    IncomingBatch batch{kDevice, std::move(events), kNow, {}};
    auto transaction = db::Transaction::Begin(*connection_, db::Transaction::Mode::kImmediate);
    EXPECT_TRUE(transaction);
    auto outcome = store_->Append(batch);
    if (outcome) {
      EXPECT_TRUE(transaction.value().Commit());
    }
    return outcome;  // on error the transaction rolls back, as the writer's savepoint does
  }

  DeviceSyncState State() { return EventStore::SyncState(*connection_, kDevice).value(); }

  std::unique_ptr<EventStore> store_;
};

TEST_F(EventStoreTest, StoresABatchAndAcknowledgesItsLastSequence) {
  auto outcome = Append({GatePassed(1), GatePassed(2), GatePassed(3)});
  ASSERT_TRUE(outcome) << outcome.error().message();
  EXPECT_EQ(outcome.value().acked_seq, 3u);
  EXPECT_EQ(outcome.value().stored, 3u);
  EXPECT_EQ(outcome.value().duplicates, 0u);
  EXPECT_EQ(Count("SELECT count(*) FROM events"), 3);
  const auto state = State();
  EXPECT_EQ(state.event_count, 3u);
  EXPECT_EQ(state.highest_seq, 3u);
  EXPECT_EQ(state.contiguous_seq, 3u);
  EXPECT_TRUE(state.gaps.empty());
}

TEST_F(EventStoreTest, ReplayIsAcknowledgedAndNotStoredTwice) {
  ASSERT_TRUE(Append({GatePassed(1), GatePassed(2)}));
  auto replay = Append({GatePassed(1), GatePassed(2), GatePassed(3)});
  ASSERT_TRUE(replay);
  EXPECT_EQ(replay.value().duplicates, 2u);
  EXPECT_EQ(replay.value().stored, 1u);
  EXPECT_EQ(Count("SELECT count(*) FROM events"), 3);
  EXPECT_EQ(Count("SELECT count(*) FROM passages"), 3);
  EXPECT_EQ(State().event_count, 3u);
}

TEST_F(EventStoreTest, SameSequenceWithAnotherEventIdIsAConflict) {
  ASSERT_TRUE(Append({GatePassed(1)}));
  v1::Event other = GatePassed(1);
  other.set_event_id(EventId(1, /*salt=*/9));
  auto conflict = Append({other});
  ASSERT_FALSE(conflict);
  EXPECT_EQ(conflict.error(), make_error_code(IngestErrc::sequence_conflict));
  EXPECT_EQ(Count("SELECT count(*) FROM events"), 1);
}

TEST_F(EventStoreTest, ReusedEventIdIsAConflictAndNothingOfTheBatchStays) {
  ASSERT_TRUE(Append({GatePassed(1)}));
  v1::Event reused = GatePassed(3);
  reused.set_event_id(EventId(1));
  auto outcome = Append({GatePassed(2), reused});
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error(), make_error_code(IngestErrc::event_id_conflict));
  EXPECT_EQ(Count("SELECT count(*) FROM events"), 1) << "event 2 of the refused batch stayed";
  EXPECT_EQ(State().highest_seq, 1u);
}

TEST_F(EventStoreTest, GapIsRecordedThenFilled) {
  ASSERT_TRUE(Append({GatePassed(1), GatePassed(2)}));
  auto jump = Append({GatePassed(6), GatePassed(7)});
  ASSERT_TRUE(jump);
  ASSERT_TRUE(jump.value().gap);
  EXPECT_EQ(*jump.value().gap, (std::pair<std::uint64_t, std::uint64_t>{3, 5}));
  auto state = State();
  EXPECT_EQ(state.highest_seq, 7u);
  EXPECT_EQ(state.contiguous_seq, 2u);
  EXPECT_EQ(state.event_count, 4u);
  ASSERT_EQ(state.gaps.size(), 1u);
  EXPECT_EQ(state.gaps[0], (std::pair<std::uint64_t, std::uint64_t>{3, 5}));

  ASSERT_TRUE(Append({GatePassed(4)}));  // the kiosk had 4 after all
  state = State();
  ASSERT_EQ(state.gaps.size(), 2u);
  EXPECT_EQ(state.gaps[0], (std::pair<std::uint64_t, std::uint64_t>{3, 3}));
  EXPECT_EQ(state.gaps[1], (std::pair<std::uint64_t, std::uint64_t>{5, 5}));

  ASSERT_TRUE(Append({GatePassed(3)}));
  ASSERT_TRUE(Append({GatePassed(5)}));
  state = State();
  EXPECT_TRUE(state.gaps.empty());
  EXPECT_EQ(state.contiguous_seq, 7u);
  EXPECT_EQ(state.event_count, 7u);
}

TEST_F(EventStoreTest, ProjectsPersonsPassagesAndPresence) {
  ASSERT_TRUE(Append({PersonRegistered(1, 7), GatePassed(2, 7, v1::DIRECTION_IN)}));
  EXPECT_EQ(Count("SELECT count(*) FROM persons WHERE family_name = 'Diallo'"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM passages"), 1);
  EXPECT_EQ(Count("SELECT direction FROM presence"), v1::DIRECTION_IN);

  v1::Event refused = GatePassed(3, 7, v1::DIRECTION_OUT);
  refused.mutable_gate_passed()->set_verification(v1::VERIFICATION_BAD_SIGNATURE);
  ASSERT_TRUE(Append({refused}));
  EXPECT_EQ(Count("SELECT direction FROM presence"), v1::DIRECTION_IN)
      << "a refused bracelet moved someone";
  ASSERT_TRUE(Append({GatePassed(4, 7, v1::DIRECTION_OUT)}));
  EXPECT_EQ(Count("SELECT direction FROM presence"), v1::DIRECTION_OUT);
  EXPECT_EQ(Count("SELECT last_position FROM projection_state"),
            Count("SELECT max(log_position) FROM events"));
}

TEST_F(EventStoreTest, RevokedBraceletBumpsTheListVersion) {
  v1::Event issued = Envelope(1);
  issued.mutable_bracelet_issued()->set_person_token(Token(5));
  issued.mutable_bracelet_issued()->set_tag_uid(std::string("\x04\x01\x02\x03\x04\x05\x06", 7));
  issued.mutable_bracelet_issued()->set_credential("c");
  v1::Event revoked = Envelope(2);
  revoked.mutable_bracelet_revoked()->set_tag_uid(std::string("\x04\x01\x02\x03\x04\x05\x06", 7));
  revoked.mutable_bracelet_revoked()->set_reason(v1::REVOCATION_REASON_LOST);
  ASSERT_TRUE(Append({issued, revoked}));
  EXPECT_EQ(Count("SELECT version FROM list_versions WHERE list = 'revoked_bracelets'"), 1);
  EXPECT_EQ(Count("SELECT revoked_version FROM bracelets"), 1);
  EXPECT_EQ(Count("SELECT revocation_reason FROM bracelets"), v1::REVOCATION_REASON_LOST);
}

TEST_F(EventStoreTest, ALateIssueNeverUndoesALaterRevocation) {
  const std::string uid("\x04\x01\x02\x03\x04\x05\x06", 7);
  v1::Event issued = Envelope(1);
  issued.mutable_bracelet_issued()->set_person_token(Token(5));
  issued.mutable_bracelet_issued()->set_tag_uid(uid);
  issued.mutable_bracelet_issued()->set_credential("c");
  v1::Event revoked = Envelope(2);
  revoked.mutable_bracelet_revoked()->set_tag_uid(uid);
  revoked.mutable_bracelet_revoked()->set_reason(v1::REVOCATION_REASON_SUSPECTED_CLONE);
  ASSERT_TRUE(Append({issued, revoked}));
  // An offline kiosk's record of the same issue arrives afterwards (older time).
  v1::Event late = issued;
  late.set_event_id(EventId(3));
  late.set_device_seq(3);
  late.set_occurred_at_ms(kNow);
  ASSERT_TRUE(Append({late}));
  EXPECT_EQ(Count("SELECT count(*) FROM bracelets WHERE revoked_at_ms IS NOT NULL"), 1)
      << "a late issue un-revoked a cloned bracelet";
  // A genuinely new issue after the revocation (a replacement) clears it.
  v1::Event reissued = issued;
  reissued.set_event_id(EventId(4));
  reissued.set_device_seq(4);
  reissued.set_occurred_at_ms(kNow + 100);
  ASSERT_TRUE(Append({reissued}));
  EXPECT_EQ(Count("SELECT count(*) FROM bracelets WHERE revoked_at_ms IS NULL"), 1);
}

TEST_F(EventStoreTest, RebuildReproducesTheProjections) {
  ASSERT_TRUE(Append({PersonRegistered(1, 1), PersonRegistered(2, 2), GatePassed(3, 1),
                      GatePassed(4, 2), GatePassed(5, 1, v1::DIRECTION_OUT)}));
  const auto snapshot = [this] {
    return std::vector<std::int64_t>{Count("SELECT count(*) FROM persons"),
                                     Count("SELECT count(*) FROM passages"),
                                     Count("SELECT count(*) FROM presence WHERE direction = 1"),
                                     Count("SELECT count(*) FROM presence WHERE direction = 2")};
  };
  const auto before = snapshot();
  ASSERT_TRUE(connection_->Execute("DELETE FROM passages; DELETE FROM presence;"));
  store_.reset();  // its statements must not outlive the rebuild's transactions
  std::vector<std::int64_t> reported;
  auto rebuilt = Projector::Rebuild(*connection_, 2, [&](std::int64_t done, std::int64_t total) {
    EXPECT_EQ(total, 5);
    reported.push_back(done);
  });
  ASSERT_TRUE(rebuilt) << rebuilt.error().message();
  EXPECT_EQ(rebuilt.value(), 5);
  EXPECT_EQ(reported, (std::vector<std::int64_t>{2, 4, 5}));
  EXPECT_EQ(snapshot(), before);
}

}  // namespace
}  // namespace minegate::server
