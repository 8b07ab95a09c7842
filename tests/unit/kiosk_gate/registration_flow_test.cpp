// RegistrationFlow on its own, on a real kiosk database: the draft's life (token drawn once,
// kept across a restart, frozen once validated, expired when abandoned), the companion read
// from a bracelet, and the events a written bracelet completes, opened with the server's key.
// The controller's part (who may register, the bracelet write) is in registration_test.cpp.
#include "kiosk/gate/registration_flow.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <array>
#include <optional>

#include "db/connection.hpp"
#include "kiosk/gate/event_factory.hpp"
#include "kiosk/store/kiosk_db.hpp"
#include "kiosk/store/roster_cache.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/unit/kiosk_gate/registration_draft.hpp"
#include "tests/unit/kiosk_gate/sealed_event.hpp"

namespace minegate::test {
namespace {

using kiosk::gate::RegistrationFlow;

class RegistrationFlowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_GE(sodium_init(), 0);
    ASSERT_TRUE(dir_.ok());
    auto connection = kiosk::store::OpenKioskDb(dir_.path() / "kiosk.db");
    ASSERT_TRUE(connection) << connection.error().message();
    connection_.emplace(std::move(connection).value());
    crypto_box_keypair(server_public_.data(), server_secret_.data());
    flow_.emplace(*connection_);
    ASSERT_TRUE(flow_->Load());
  }

  /// A new flow on the same database, as a kiosk restart makes.
  RegistrationFlow Reloaded() {
    RegistrationFlow again(*connection_);
    EXPECT_TRUE(again.Load());
    return again;
  }

  kiosk::gate::EventFactory Factory() const {
    kiosk::gate::EventOrigin origin;
    origin.device_id = "kdg-0002";
    origin.site_id = 3;
    origin.gate_id = 2;
    origin.sealing_public_key.assign(server_public_.begin(), server_public_.end());
    origin.sealing_key_id = std::string(8, '\x02');
    return kiosk::gate::EventFactory(std::move(origin));
  }

  v1::Event Opened(const v1::Event& event) const {
    if (!event.has_sealed()) return event;
    const std::optional<v1::Event> inner =
        OpenSealedBody(event, server_public_.data(), server_secret_.data());
    EXPECT_TRUE(inner) << "sealed body does not open with the server key";
    return inner.value_or(v1::Event());
  }

  static kiosk::gate::TapVerdict ValidBraceletOf(const std::string& token) {
    kiosk::gate::TapVerdict verdict;
    verdict.verification = v1::VERIFICATION_VALID;
    verdict.credential.emplace();
    std::copy(token.begin(), token.end(), verdict.credential->fields.person_token.begin());
    return verdict;
  }

  static v1::TagPresented WrittenTag() {
    v1::TagPresented tag;
    tag.set_uid(std::string("\x04\x10\x20\x30\x40\x50\x60", 7));
    tag.set_tag_type(v1::TAG_TYPE_NTAG213);
    return tag;
  }

  TempDir dir_{"kflow"};
  std::optional<db::Connection> connection_;
  std::array<unsigned char, crypto_box_PUBLICKEYBYTES> server_public_{};
  std::array<unsigned char, crypto_box_SECRETKEYBYTES> server_secret_{};
  std::optional<RegistrationFlow> flow_;
  const std::int64_t now_ms_ = 1'790'000'000'000;
};

TEST_F(RegistrationFlowTest, StartDrawsOneTokenThatARestartKeeps) {
  EXPECT_FALSE(flow_->open());
  EXPECT_EQ(flow_->Save(CompleteRegistrationDraft(true), now_ms_).error(),
            v1::UI_ERROR_CODE_NO_REGISTRATION);
  ASSERT_TRUE(flow_->Start(now_ms_).ok());
  ASSERT_TRUE(flow_->open());
  const std::string token = flow_->person_token();
  ASSERT_EQ(token.size(), 16u);
  EXPECT_NE(token, std::string(16, '\0'));
  EXPECT_EQ(flow_->draft().step(), v1::REGISTRATION_STEP_INFORMATION);
  ASSERT_TRUE(flow_->Start(now_ms_ + 1).ok());  // continues the open one
  EXPECT_EQ(flow_->person_token(), token);

  RegistrationFlow restarted = Reloaded();
  ASSERT_TRUE(restarted.open());
  EXPECT_EQ(restarted.person_token(), token);
}

// A full storage (SQLite's page limit set to the file's size, as a full disk refuses the pages a
// write needs) is told apart from any other failure: the agent reads "storage full, tell the
// technician", the draft in the database and in the flow stays the last one saved, and saving
// works again once there is room.
TEST_F(RegistrationFlowTest, ASaveOnAFullStorageSaysSoAndKeepsTheLastDraft) {
  ASSERT_TRUE(flow_->Start(now_ms_).ok());
  const std::string token = flow_->person_token();
  ASSERT_TRUE(connection_->Execute("PRAGMA wal_checkpoint(TRUNCATE)"));
  auto count = connection_->Prepare("PRAGMA page_count");
  ASSERT_TRUE(count) << count.error().message();
  auto row = count.value().Step();
  ASSERT_TRUE(row && row.value());
  const std::int64_t pages = count.value().ColumnInt64(0);
  ASSERT_TRUE(connection_->Execute("PRAGMA max_page_count = " + std::to_string(pages)));

  v1::RegistrationDraft large = CompleteRegistrationDraft(true);
  large.set_companion_description(std::string(64 * 1024, 'x'));  // needs new pages
  const v1::UiReply refused = flow_->Save(large, now_ms_ + 1);
  EXPECT_FALSE(refused.ok());
  EXPECT_EQ(refused.error(), v1::UI_ERROR_CODE_STORAGE_FULL);
  EXPECT_EQ(flow_->draft().person().given_name(), "");
  EXPECT_EQ(Reloaded().draft().person().given_name(), "");
  EXPECT_EQ(Reloaded().person_token(), token);

  ASSERT_TRUE(connection_->Execute("PRAGMA max_page_count = 1073741823"));
  EXPECT_TRUE(flow_->Save(large, now_ms_ + 2).ok());
  EXPECT_EQ(Reloaded().draft().companion_description().size(), 64u * 1024);
}

TEST_F(RegistrationFlowTest, SaveKeepsTheKiosksOwnFieldsAndTheInformationStepFirst) {
  ASSERT_TRUE(flow_->Start(now_ms_).ok());
  v1::RegistrationDraft unread = CompleteRegistrationDraft(true);
  unread.mutable_person()->mutable_consent()->set_information_given(false);
  unread.mutable_person()->set_person_token(std::string(16, '\x55'));
  unread.set_companion_choice(v1::COMPANION_CHOICE_BRACELET);
  unread.set_companion_person_token(std::string(16, '\x66'));
  ASSERT_TRUE(flow_->Save(unread, now_ms_).ok());
  EXPECT_EQ(flow_->draft().step(), v1::REGISTRATION_STEP_INFORMATION);
  EXPECT_EQ(flow_->draft().person().person_token(), "");
  EXPECT_EQ(flow_->draft().companion_person_token(), "");

  // The page cannot jump to the bracelet: that is Submit's.
  v1::RegistrationDraft jump = CompleteRegistrationDraft(true);
  jump.set_step(v1::REGISTRATION_STEP_BRACELET);
  ASSERT_TRUE(flow_->Save(jump, now_ms_).ok());
  EXPECT_EQ(flow_->draft().step(), v1::REGISTRATION_STEP_INFORMATION);
  ASSERT_TRUE(flow_->Save(CompleteRegistrationDraft(true), now_ms_).ok());
  EXPECT_EQ(flow_->draft().step(), v1::REGISTRATION_STEP_COMPANION);
  EXPECT_EQ(Reloaded().draft().person().given_name(), "Aïssatou");
}

TEST_F(RegistrationFlowTest, SubmitNamesEachFieldOrFreezesTheDraftForItsBracelet) {
  ASSERT_TRUE(flow_->Start(now_ms_).ok());
  v1::RegistrationDraft draft = CompleteRegistrationDraft(false);
  draft.mutable_person()->set_debt_declared(v1::ANSWER_YES);  // without consent
  ASSERT_TRUE(flow_->Save(draft, now_ms_).ok());
  v1::UiReply refused = flow_->Submit(now_ms_);
  EXPECT_EQ(refused.error(), v1::UI_ERROR_CODE_INVALID_DRAFT);
  ASSERT_EQ(refused.field_errors_size(), 1);
  EXPECT_EQ(refused.field_errors(0).field(), "person.debtDeclared");
  EXPECT_EQ(refused.field_errors(0).problem(), v1::FIELD_PROBLEM_NEEDS_CONSENT);
  EXPECT_FALSE(flow_->waiting_for_bracelet());

  ASSERT_TRUE(flow_->Save(CompleteRegistrationDraft(false), now_ms_).ok());
  ASSERT_TRUE(flow_->Submit(now_ms_).ok());
  EXPECT_TRUE(flow_->waiting_for_bracelet());
  EXPECT_EQ(flow_->Prompt(), v1::TAP_PROMPT_BLANK_BRACELET);
  EXPECT_EQ(flow_->Save(CompleteRegistrationDraft(true), now_ms_).error(),
            v1::UI_ERROR_CODE_NOT_ALLOWED);
  EXPECT_FALSE(flow_->draft().person().consent().protection_questions_accepted());
  EXPECT_TRUE(Reloaded().waiting_for_bracelet());
}

TEST_F(RegistrationFlowTest, CompanionBraceletNamesAnotherPersonOnlyWhenArmedAndValid) {
  EXPECT_EQ(flow_->ArmCompanion().error(), v1::UI_ERROR_CODE_NO_REGISTRATION);
  ASSERT_TRUE(flow_->Start(now_ms_).ok());
  ASSERT_TRUE(flow_->Save(CompleteRegistrationDraft(true), now_ms_).ok());
  EXPECT_EQ(flow_->Prompt(), v1::TAP_PROMPT_NONE);
  ASSERT_TRUE(flow_->ArmCompanion().ok());
  EXPECT_EQ(flow_->Prompt(), v1::TAP_PROMPT_COMPANION_BRACELET);

  kiosk::gate::TapVerdict copied = ValidBraceletOf(std::string(16, '\x33'));
  copied.verification = v1::VERIFICATION_BAD_SIGNATURE;
  v1::TapOutcome refused = flow_->CompanionTap(copied, now_ms_);
  EXPECT_EQ(refused.problem(), v1::TAP_PROBLEM_INVALID_BRACELET);
  EXPECT_EQ(refused.verification(), v1::VERIFICATION_BAD_SIGNATURE);
  EXPECT_EQ(flow_->CompanionTap(ValidBraceletOf(flow_->person_token()), now_ms_).problem(),
            v1::TAP_PROBLEM_INVALID_BRACELET);  // her own token
  EXPECT_EQ(flow_->Prompt(), v1::TAP_PROMPT_COMPANION_BRACELET);

  const std::string companion(16, '\x33');
  ASSERT_TRUE(kiosk::store::RosterCache(*connection_)
                  .Put(companion, {.first_name = "Moussa", .sex = v1::SEX_MALE, .birth_year = 1985},
                       now_ms_ + 60'000));
  v1::TapOutcome read = flow_->CompanionTap(ValidBraceletOf(companion), now_ms_);
  EXPECT_EQ(read.result(), v1::TAP_RESULT_COMPANION_READ);
  EXPECT_EQ(read.first_name(), "Moussa");
  EXPECT_EQ(flow_->Prompt(), v1::TAP_PROMPT_NONE);
  EXPECT_EQ(flow_->draft().companion_choice(), v1::COMPANION_CHOICE_BRACELET);
  EXPECT_EQ(flow_->draft().companion_description(), "");
  EXPECT_EQ(Reloaded().draft().companion_person_token(), companion);
}

TEST_F(RegistrationFlowTest, EventsOfAWrittenBraceletAndTheirCompletion) {
  ASSERT_TRUE(flow_->Start(now_ms_).ok());
  ASSERT_TRUE(flow_->Save(CompleteRegistrationDraft(true), now_ms_).ok());
  ASSERT_TRUE(flow_->Submit(now_ms_).ok());
  const std::string token = flow_->person_token();
  const v1::TagPresented tag = WrittenTag();
  auto record = flow_->Events(Factory(), "awa", tag, "CREDENTIAL", now_ms_);
  ASSERT_TRUE(record);
  ASSERT_EQ(record->events.size(), 4u);
  // The personal bodies are sealed already; the others are sealed with the rest at recording.
  EXPECT_TRUE(record->events[0].has_sealed());
  EXPECT_TRUE(record->events[1].has_bracelet_issued());
  EXPECT_TRUE(record->events[2].has_sealed());
  EXPECT_TRUE(record->events[3].has_gate_passed());
  for (const v1::Event& event : record->events) {
    EXPECT_EQ(event.agent_id(), "awa");
    EXPECT_EQ(event.device_id(), "kdg-0002");
  }
  const v1::Event person = Opened(record->events[0]);
  EXPECT_EQ(person.person_registered().family_name(), "Keïta");
  EXPECT_EQ(person.person_registered().person_token(), token);
  EXPECT_EQ(record->events[1].bracelet_issued().tag_uid(), tag.uid());
  EXPECT_EQ(record->events[1].bracelet_issued().credential(), "CREDENTIAL");
  EXPECT_EQ(record->events[1].bracelet_issued().person_token(), token);
  const v1::Event companion = Opened(record->events[2]);
  EXPECT_EQ(companion.companion_recorded().relation(), v1::COMPANION_RELATION_RECRUITER);
  EXPECT_TRUE(companion.companion_recorded().companion_answered_for_person());
  EXPECT_EQ(record->events[3].gate_passed().direction(), v1::DIRECTION_IN);
  EXPECT_EQ(record->events[3].gate_passed().person_token(), token);
  EXPECT_EQ(record->wearer.first_name, "Aïssatou");
  EXPECT_EQ(record->wearer.birth_year, 2007u);

  ASSERT_TRUE(flow_->Complete(record->wearer, now_ms_ + 60'000));
  flow_->Recorded();
  EXPECT_FALSE(flow_->open());
  EXPECT_FALSE(Reloaded().open());
  auto cached = kiosk::store::RosterCache(*connection_).Find(token, now_ms_);
  ASSERT_TRUE(cached && cached.value());
  EXPECT_EQ(cached.value()->first_name, "Aïssatou");
  const v1::TapOutcome outcome = RegistrationFlow::Registered(record->wearer, 9);
  EXPECT_EQ(outcome.result(), v1::TAP_RESULT_REGISTERED);
  EXPECT_EQ(outcome.device_seq(), 9u);
}

TEST_F(RegistrationFlowTest, NoCompanionEventWithoutACompanion) {
  ASSERT_TRUE(flow_->Start(now_ms_).ok());
  v1::RegistrationDraft alone = CompleteRegistrationDraft(false);
  alone.set_companion_choice(v1::COMPANION_CHOICE_NONE);
  alone.clear_companion_description();
  alone.clear_companion_relation();
  alone.clear_companion_answered_for_person();
  ASSERT_TRUE(flow_->Save(alone, now_ms_).ok());
  auto record = flow_->Events(Factory(), "awa", WrittenTag(), "CREDENTIAL", now_ms_);
  ASSERT_TRUE(record);
  ASSERT_EQ(record->events.size(), 3u);
  EXPECT_TRUE(record->events[2].has_gate_passed());
}

// Without a usable server key nothing personal can be sealed: no events at all, and the draft
// stays for when the key arrives.
TEST_F(RegistrationFlowTest, NoEventsWithoutAServerKeyToSealThem) {
  ASSERT_TRUE(flow_->Start(now_ms_).ok());
  ASSERT_TRUE(flow_->Save(CompleteRegistrationDraft(true), now_ms_).ok());
  ASSERT_TRUE(flow_->Submit(now_ms_).ok());
  kiosk::gate::EventOrigin origin = Factory().origin();
  origin.sealing_public_key.resize(16);
  const kiosk::gate::EventFactory keyless(std::move(origin));
  EXPECT_FALSE(flow_->Events(keyless, "awa", WrittenTag(), "CREDENTIAL", now_ms_).has_value());
  EXPECT_TRUE(flow_->waiting_for_bracelet());
}

TEST_F(RegistrationFlowTest, AnAbandonedDraftExpiresUnlessItWaitsForItsBracelet) {
  const std::chrono::milliseconds ttl = std::chrono::hours(12);
  ASSERT_TRUE(flow_->Start(now_ms_).ok());
  ASSERT_TRUE(flow_->Save(CompleteRegistrationDraft(true), now_ms_).ok());
  EXPECT_FALSE(flow_->ExpireAbandoned(now_ms_ + ttl.count(), ttl, false));
  EXPECT_FALSE(flow_->ExpireAbandoned(now_ms_ + ttl.count() + 1, ttl, /*write_pending=*/true));
  EXPECT_TRUE(flow_->open());
  EXPECT_TRUE(flow_->ExpireAbandoned(now_ms_ + ttl.count() + 1, ttl, false));
  EXPECT_FALSE(flow_->open());
  EXPECT_FALSE(Reloaded().open());

  ASSERT_TRUE(flow_->Start(now_ms_).ok());
  ASSERT_TRUE(flow_->Save(CompleteRegistrationDraft(true), now_ms_).ok());
  ASSERT_TRUE(flow_->Submit(now_ms_).ok());
  EXPECT_FALSE(flow_->ExpireAbandoned(now_ms_ + 10 * ttl.count(), ttl, false));
  EXPECT_TRUE(flow_->waiting_for_bracelet());
}

TEST_F(RegistrationFlowTest, CancelDeletesTheDraft) {
  EXPECT_EQ(flow_->Cancel().error(), v1::UI_ERROR_CODE_NO_REGISTRATION);
  ASSERT_TRUE(flow_->Start(now_ms_).ok());
  ASSERT_TRUE(flow_->Cancel().ok());
  EXPECT_FALSE(flow_->open());
  EXPECT_FALSE(Reloaded().open());
}

}  // namespace
}  // namespace minegate::test
