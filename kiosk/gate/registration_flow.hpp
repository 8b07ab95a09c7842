// The registration of a new arrival, from the first screen to the events her
// bracelet completes: the draft (kept in the database so a restart does not
// lose it, with the person token drawn when it starts), its validation step by
// step, the consent that decides which questions exist, the companion read from
// a bracelet, and the events recorded once her bracelet holds its credential.
//
// Who may register and whether the kiosk is enrolled is the controller's
// business, as are the bracelet write itself (shared with replacements) and the
// outbox transaction: the controller checks, then asks this class. Threading:
// the application's one I/O thread, like the controller.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/connection.hpp"
#include "kiosk/gate/event_factory.hpp"
#include "kiosk/gate/tap_verifier.hpp"
#include "kiosk/store/draft_store.hpp"
#include "kiosk/store/roster_cache.hpp"
#include "minegate/v1/events.pb.h"
#include "minegate/v1/kiosk_ui.pb.h"
#include "minegate/v1/reader.pb.h"

namespace minegate::kiosk::gate {

/// What a written bracelet completes: the events, in order, and the wearer as the gate
/// will show her.
struct RegistrationRecord {
  std::vector<v1::Event> events;
  store::RosterEntry wearer;
};

class RegistrationFlow {
 public:
  explicit RegistrationFlow(db::Connection& connection);

  /// Reads the draft a previous run left, if any.
  db::Result<void> Load();

  /// A registration is open (whoever started it).
  bool open() const { return draft_.has_value(); }
  /// The open draft; requires open().
  const v1::RegistrationDraft& draft() const { return draft_->draft; }
  /// The token the bracelet will carry; requires open().
  const std::string& person_token() const { return draft_->person_token; }
  /// Validated and frozen: only its bracelet is missing.
  bool waiting_for_bracelet() const {
    return draft_ && draft_->draft.step() == v1::REGISTRATION_STEP_BRACELET;
  }
  /// What a tap does on the registration screen: a blank bracelet, a companion's, or nothing.
  v1::TapPrompt Prompt() const;

  /// Opens a draft with a fresh random person token, or continues the one open.
  v1::UiReply Start(std::int64_t now_ms);
  /// The page's copy of the draft, before the bracelet step. A step past the information is
  /// kept only when the information step is complete; the companion read from a bracelet and
  /// the person token are the kiosk's, never the page's.
  v1::UiReply Save(const v1::RegistrationDraft& incoming, std::int64_t now_ms);
  /// Validates every field; when nothing is left to fix, freezes the draft for its bracelet.
  v1::UiReply Submit(std::int64_t now_ms);
  /// Deletes the draft, from the write-ahead log too.
  v1::UiReply Cancel();
  /// The next valid bracelet tapped names the companion.
  v1::UiReply ArmCompanion();
  /// The agent left the companion step or the screen.
  void DisarmCompanion() { companion_armed_ = false; }

  /// A companion's bracelet, already verified by the caller against the trust list.
  v1::TapOutcome CompanionTap(const TapVerdict& verdict, std::int64_t now_ms);

  /// The events her bracelet completes: PersonRegistered, BraceletIssued, CompanionRecorded
  /// when there is a companion, and her first entry. Personal bodies sealed already; nullopt
  /// when one cannot be sealed. Requires open().
  std::optional<RegistrationRecord> Events(const EventFactory& factory, const std::string& agent_id,
                                           const v1::TagPresented& tag,
                                           const std::string& credential,
                                           std::int64_t now_ms) const;
  /// Inside the transaction that appends the events: caches the wearer until `expires_at_ms`
  /// and deletes the draft.
  db::Result<void> Complete(const store::RosterEntry& wearer, std::int64_t expires_at_ms);
  /// After that transaction committed: the draft leaves memory and the write-ahead log.
  void Recorded();
  /// The page's answer to a recorded registration.
  static v1::TapOutcome Registered(const store::RosterEntry& wearer, std::uint64_t device_seq);

  /// Deletes a draft untouched for `ttl`, unless it waits for its bracelet (which may
  /// already hold it) or a write is under way. True when it was due (deleted, or kept only
  /// because the database failed): the page is told either way.
  bool ExpireAbandoned(std::int64_t now_ms, std::chrono::milliseconds ttl, bool write_pending);

 private:
  db::Connection& connection_;
  store::DraftStore drafts_;
  store::RosterCache roster_;
  std::optional<store::StoredDraft> draft_;
  bool companion_armed_ = false;
};

}  // namespace minegate::kiosk::gate
