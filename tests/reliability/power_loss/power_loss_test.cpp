// Power loss at a kiosk (issue 14, reliability): 50 SIGKILLs at seeded random points of a
// registration's bracelet write, around its outbox commit, and around a gate tap's commit,
// on the real chain (PN532 emulator, bridge through libnfc, kiosk, server, page). After
// each cut the kiosk (and for a power cut of the whole box, the bridge and the reader) comes
// back on the same data directory, and:
//  - no half-written bracelet verifies: the bracelet's memory, read from the emulator, is
//    judged by its bytes (blank / half-written / whole) and by the kiosk's own verification
//    (NDEF record, credential, signature over the UID by the kiosk's key): only a whole one
//    verifies, and a bracelet verifies only with the credential its committed registration
//    names (checked on the server once everything is synced);
//  - nothing the page was told is recorded is missing: every REGISTERED / ACCEPTED outcome the
//    page was sent before the cut is in the outbox after it, once, and reaches the server;
//  - the page is never told REGISTERED for a bracelet that does not verify; a registration
//    cut before its commit keeps its draft, and the agent taps the same bracelet again: the
//    kiosk writes it over (half-written) or recognises it (whole) and records it then, once.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <thread>

#include "tests/reliability/power_loss/power_cut_fixture.hpp"

namespace minegate::test {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

/// One registration's events: PersonRegistered, BraceletIssued, the first GatePassed.
constexpr std::uint64_t kRegistrationEvents = 3;
constexpr int kWriteCuts = 25;
constexpr int kCommitCuts = 25;
/// Body pages of a bracelet's TLV area after its first page (124 bytes on 31 pages).
constexpr int kBodyPages = 30;

bool BodyPagesAtLeast(const BraceletImage& image, int pages) {
  return image.stage == WriteStage::kWhole || image.body_pages >= pages;
}
bool Started(const BraceletImage& image, int /*unused*/) {
  return image.stage != WriteStage::kBlank;
}
bool Whole(const BraceletImage& image, int /*unused*/) { return image.stage == WriteStage::kWhole; }

class PowerLossTest : public PowerCutFixture {
 protected:
  struct Tally {
    std::map<std::string, int> cases;
    void Count(const std::string& what) { ++cases[what]; }
    void Print(const char* title) const {
      std::printf("%s:\n", title);
      for (const auto& [what, n] : cases) std::printf("  %3d  %s\n", n, what.c_str());
    }
  };

  /// One registration cut by power loss, the same steps for every moment of the cut: the form
  /// for `cut`'s person, `uid` placed, `reach_the_moment` (it asserts its own wait), the cut,
  /// the box back on, the outcome checked and counted in `tally`; `uid` appended to
  /// `registered` unless an assertion stopped it (the caller checks HasFatalFailure()).
  template <class Moment>
  void RegisterAndCut(int cut, const std::string& uid, bool reader_too, Moment&& reach_the_moment,
                      Tally& tally, std::vector<std::string>& registered) {
    ASSERT_TRUE(OpenRegistration(Name(cut))) << Diagnostics();
    const auto before = Outbox();
    ASSERT_TRUE(before);
    ASSERT_EQ(Control("place ntag213 " + uid).rfind("ok", 0), 0u);
    reach_the_moment();
    if (HasFatalFailure()) return;
    const auto taps = Cut(reader_too);
    Keep(taps, uid);
    const auto image = AfterCut(reader_too, uid);
    ASSERT_TRUE(PowerOn());
    CheckRegistrationCut(uid, before->highest_seq, taps, image, tally);
    if (HasFatalFailure()) return;
    registered.push_back(uid);
  }

  /// After a cut during a registration and the kiosk back: what survived must agree with
  /// what the page was told; then the agent taps the bracelet again if the registration is
  /// still open. Counts the case in `tally`.
  void CheckRegistrationCut(const std::string& uid, std::uint64_t before,
                            const std::vector<v1::TapOutcome>& taps,
                            const std::optional<BraceletImage>& image, Tally& tally) {
    ASSERT_TRUE(image) << "no image of the bracelet after the cut";
    const auto after = Outbox();
    ASSERT_TRUE(after);
    const bool committed = after->highest_seq > before;
    const v1::TapOutcome* told = nullptr;
    for (const v1::TapOutcome& tap : taps) {
      if (tap.result() == v1::TAP_RESULT_REGISTERED) told = &tap;
      // Anything else the page may be told (the reader gone before the kiosk: the write
      // timed out) records nothing.
      if (tap.result() != v1::TAP_RESULT_REGISTERED) {
        EXPECT_FALSE(tap.recorded()) << tap.DebugString();
      }
    }
    const std::string context = std::string("bracelet ") + StageName(image->stage) + " (" +
                                std::to_string(image->body_pages) + " body pages, " +
                                (image->verifies ? "verifies" : image->why_not) + "), " +
                                (committed ? "committed" : "not committed") + ", " +
                                (told ? "told REGISTERED" : "nothing told");
    SCOPED_TRACE(context);
    // The outbox: whole, numbered without gaps, each event once.
    EXPECT_EQ(after->highest_seq, after->rows);
    EXPECT_EQ(after->distinct_event_ids, after->rows);
    EXPECT_EQ(after->last_seq, after->highest_seq);
    EXPECT_TRUE(after->highest_seq == before || after->highest_seq == before + kRegistrationEvents);
    // No half-written bracelet verifies; a whole one carries this kiosk's valid credential.
    EXPECT_EQ(image->verifies, image->stage == WriteStage::kWhole);
    if (told) {
      EXPECT_TRUE(committed) << "the page was told REGISTERED and the events are gone";
      EXPECT_EQ(told->device_seq(), before + kRegistrationEvents);
    }
    if (committed) {
      EXPECT_TRUE(image->verifies) << "a registration recorded with a bracelet that fails";
    }
    tally.Count(std::string(committed ? "committed, " : "not committed, ") + "bracelet " +
                StageName(image->stage) +
                (told ? ", page told REGISTERED" : ", page told nothing"));
    // The draft waits for its bracelet exactly when nothing was committed.
    const bool waiting = page_->state().draft().step() == v1::REGISTRATION_STEP_BRACELET;
    EXPECT_EQ(waiting, !committed) << page_->state().DebugString();
    if (!waiting) return;
    // The agent taps the same bracelet again: written over or recognised, then recorded once.
    v1::UiRequest start;
    start.mutable_start_registration();
    ASSERT_TRUE(page_->Request(start)->ok());
    auto again = chain_->Tap(uid);
    ASSERT_TRUE(again) << Diagnostics();
    EXPECT_EQ(again->result(), v1::TAP_RESULT_REGISTERED) << again->DebugString();
    EXPECT_EQ(again->device_seq(), before + kRegistrationEvents);
    Keep({*again}, uid);
  }

  /// Everything synced; on the server every promised event, every registration once, each
  /// bracelet's credential the one its memory holds and verifies.
  void CheckServer(const std::vector<std::string>& registered) {
    // No draft open: a bracelet placed now is read by nobody.
    ASSERT_TRUE(chain_->SetMode(v1::KIOSK_MODE_REGISTRATION));
    std::map<std::string, std::string> on_tag;  // raw uid -> credential bytes
    for (const std::string& uid : registered) {
      ASSERT_EQ(Control("place ntag213 " + uid).rfind("ok", 0), 0u);
      auto image = Dump(uid);
      ASSERT_EQ(Control("remove").rfind("ok", 0), 0u);
      ASSERT_TRUE(image);
      EXPECT_TRUE(image->verifies) << uid << ": " << image->why_not;
      const auto raw = base::FromHex(uid).value();
      on_tag[std::string(raw.begin(), raw.end())] =
          std::string(image->credential.begin(), image->credential.end());
    }
    const auto outbox = Outbox();
    ASSERT_TRUE(outbox);
    const std::uint64_t total = outbox->highest_seq;
    ASSERT_TRUE(page_->WaitForState(KioskChain::SyncedAt(total), 60s)) << Diagnostics();
    const std::vector<v1::Event> events = chain_->ServerEvents();
    ASSERT_EQ(events.size(), total);
    std::map<std::string, int> issued;
    std::size_t persons = 0;
    for (std::size_t i = 0; i < events.size(); ++i) {
      EXPECT_EQ(events[i].device_seq(), i + 1);
      if (events[i].has_person_registered()) ++persons;
      if (!events[i].has_bracelet_issued()) continue;
      const auto& bracelet = events[i].bracelet_issued();
      ++issued[bracelet.tag_uid()];
      EXPECT_EQ(bracelet.credential(), on_tag[bracelet.tag_uid()])
          << "the bracelet does not carry the credential its registration recorded";
    }
    EXPECT_EQ(persons, registered.size());
    EXPECT_EQ(issued.size(), registered.size());
    for (const auto& [uid, n] : issued) EXPECT_EQ(n, 1) << "bracelet issued twice";
    for (const Promise& promise : promised_) {
      SCOPED_TRACE("promised seq " + std::to_string(promise.seq));
      ASSERT_GE(promise.seq, 1u);
      ASSERT_LE(promise.seq, events.size());
      const auto raw = base::FromHex(promise.uid).value();
      const v1::Event& event = events[promise.seq - 1];
      ASSERT_TRUE(event.has_gate_passed()) << event.DebugString();
      EXPECT_EQ(event.gate_passed().tag_uid(), std::string(raw.begin(), raw.end()));
      if (promise.result == v1::TAP_RESULT_REGISTERED) {
        EXPECT_TRUE(events[promise.seq - 2].has_bracelet_issued());
      }
    }
    std::printf(
        "%zu events on the kiosk and the server, %zu registrations, %zu outcomes "
        "shown as recorded\n",
        events.size(), registered.size(), promised_.size());
  }

  std::string Name(int n) const {
    return "Personne" + std::string(1, static_cast<char>('A' + n % 26));
  }
};

// Cuts at a seeded page of the write: before its first page (right after the tap), at the
// first page (the TLV's length zeroed), after k of its 30 body pages, or once the length page
// is written back. Two cuts in three take the whole box (bridge and reader too); in the
// third the kiosk alone dies and the bridge finishes the write it was given.
TEST_F(PowerLossTest, CutDuringBraceletWrite) {
  random_.seed(20261401);
  Tally tally;
  std::vector<std::string> registered;
  const auto begun = Clock::now();
  for (int cut = 0; cut < kWriteCuts; ++cut) {
    const std::string uid = UidOf(cut);
    const bool reader_too = cut % 3 != 2;
    const int page = std::uniform_int_distribution(-1, kBodyPages + 1)(random_);
    SCOPED_TRACE("cut " + std::to_string(cut) + " at write page " + std::to_string(page) +
                 (reader_too ? ", whole box" : ", kiosk only"));
    RegisterAndCut(
        cut, uid, reader_too,
        [&] {
          if (page == 0) {
            ASSERT_TRUE(WaitForImage(uid, Started, 0)) << Diagnostics();
          } else if (page > kBodyPages) {
            ASSERT_TRUE(WaitForImage(uid, Whole, 0)) << Diagnostics();
          } else if (page > 0) {
            ASSERT_TRUE(WaitForImage(uid, BodyPagesAtLeast, page)) << Diagnostics();
          }
        },
        tally, registered);
    if (HasFatalFailure()) return;
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - begun).count();
  tally.Print("power cuts during the bracelet write");
  std::printf("%d cuts in %.1f s\n", kWriteCuts, seconds);
  CheckServer(registered);
}

// Cuts around the commit: a registration at its write's last body page (before the kiosk can
// have the write's result) or once its bracelet is whole (read-back, commit, the page's answer
// all within a few ms of it), at a seeded delay of up to twice what that took uncut; and a gate
// tap at a seeded delay of up to 3 times what a tap took uncut, from placing the bracelet to
// the page's answer. Half of them take the whole box.
TEST_F(PowerLossTest, CutAroundCommit) {
  random_.seed(20261402);
  Tally tally;
  std::vector<std::string> registered;
  // One registration and one tap uncut, for the scale of the delays.
  const std::string first = UidOf(100);
  ASSERT_TRUE(OpenRegistration("Calibration")) << Diagnostics();
  ASSERT_EQ(Control("place ntag213 " + first).rfind("ok", 0), 0u);
  ASSERT_TRUE(WaitForImage(first, Whole, 0)) << Diagnostics();
  const auto whole_at = Clock::now();
  const auto registered_first = page_->NextTap();
  const auto commit_span = Clock::now() - whole_at;
  ASSERT_EQ(Control("remove").rfind("ok", 0), 0u);
  ASSERT_TRUE(registered_first) << Diagnostics();
  ASSERT_EQ(registered_first->result(), v1::TAP_RESULT_REGISTERED);
  Keep({*registered_first}, first);
  registered.push_back(first);
  ASSERT_TRUE(chain_->SetMode(v1::KIOSK_MODE_GATE));
  const auto tap_begun = Clock::now();
  ASSERT_EQ(Control("place ntag213 " + first).rfind("ok", 0), 0u);
  const auto first_tap = page_->NextTap();
  const auto tap_span = Clock::now() - tap_begun;
  ASSERT_EQ(Control("remove").rfind("ok", 0), 0u);
  ASSERT_TRUE(first_tap);
  ASSERT_EQ(first_tap->result(), v1::TAP_RESULT_ACCEPTED);
  Keep({*first_tap}, first);
  const auto commit_us = std::chrono::duration_cast<std::chrono::microseconds>(commit_span);
  const auto tap_us = std::chrono::duration_cast<std::chrono::microseconds>(tap_span);
  std::printf("uncut: bracelet whole -> page told REGISTERED %lld us; gate tap %lld us\n",
              static_cast<long long>(commit_us.count()), static_cast<long long>(tap_us.count()));

  const auto begun = Clock::now();
  for (int cut = 0; cut < kCommitCuts; ++cut) {
    const bool reader_too = cut % 4 < 2;
    const bool gate = cut % 2 == 1;
    if (gate) {
      const std::string uid =
          registered[std::uniform_int_distribution<std::size_t>(0, registered.size() - 1)(random_)];
      const auto delay = std::chrono::microseconds(
          std::uniform_int_distribution<long long>(0, tap_us.count() * 3)(random_));
      SCOPED_TRACE("cut " + std::to_string(cut) + ": gate tap, " + std::to_string(delay.count()) +
                   " us after it" + (reader_too ? ", whole box" : ", kiosk only"));
      ASSERT_TRUE(chain_->SetMode(v1::KIOSK_MODE_GATE));
      const auto before = Outbox();
      ASSERT_TRUE(before);
      ASSERT_EQ(Control("place ntag213 " + uid).rfind("ok", 0), 0u);
      std::this_thread::sleep_for(delay);  // the seeded moment of the cut
      const auto taps = Cut(reader_too);
      Keep(taps, uid);
      const auto image = AfterCut(reader_too, uid);
      ASSERT_TRUE(PowerOn());
      const auto after = Outbox();
      ASSERT_TRUE(after);
      ASSERT_TRUE(image);
      EXPECT_TRUE(image->verifies) << "a gate tap changed the bracelet: " << image->why_not;
      EXPECT_EQ(after->highest_seq, after->rows);
      EXPECT_EQ(after->distinct_event_ids, after->rows);
      EXPECT_TRUE(after->highest_seq == before->highest_seq ||
                  after->highest_seq == before->highest_seq + 1);
      bool told = false;
      for (const v1::TapOutcome& tap : taps) {
        EXPECT_EQ(tap.result(), v1::TAP_RESULT_ACCEPTED) << tap.DebugString();
        EXPECT_EQ(tap.device_seq(), before->highest_seq + 1);
        told = true;
      }
      if (told) {
        EXPECT_EQ(after->highest_seq, before->highest_seq + 1);
      }
      tally.Count(std::string("gate tap ") +
                  (after->highest_seq > before->highest_seq ? "committed" : "not committed") +
                  (told ? ", page told ACCEPTED" : ", page told nothing"));
      continue;
    }
    const std::string uid = UidOf(200 + cut);
    // One in three just before the write's last page (the length), i.e. before the kiosk
    // can have its result; the others at a delay after the bracelet is whole.
    const bool before_result = std::uniform_int_distribution(0, 2)(random_) == 0;
    const auto delay = std::chrono::microseconds(
        std::uniform_int_distribution<long long>(0, commit_us.count() * 2)(random_));
    SCOPED_TRACE("cut " + std::to_string(cut) + ": registration, " +
                 (before_result
                      ? std::string("at the write's last body page")
                      : std::to_string(delay.count()) + " us after the bracelet is whole") +
                 (reader_too ? ", whole box" : ", kiosk only"));
    RegisterAndCut(
        cut, uid, reader_too,
        [&] {
          if (before_result) {
            ASSERT_TRUE(WaitForImage(uid, BodyPagesAtLeast, kBodyPages)) << Diagnostics();
          } else {
            ASSERT_TRUE(WaitForImage(uid, Whole, 0)) << Diagnostics();
            std::this_thread::sleep_for(delay);  // the seeded moment of the cut
          }
        },
        tally, registered);
    if (HasFatalFailure()) return;
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - begun).count();
  tally.Print("power cuts around the commit");
  std::printf("%d cuts in %.1f s\n", kCommitCuts, seconds);
  CheckServer(registered);
}

}  // namespace
}  // namespace minegate::test
