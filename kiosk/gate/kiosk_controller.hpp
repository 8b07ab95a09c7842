// The kiosk's behaviour: what each page request and each tap means, given who
// is signed in and which mode the screen is in. It owns the screen state and
// records events; it does no I/O of its own — sockets, timers and the bridge
// are reached through the ports the application gives it, and everything runs
// on the application's one I/O thread.
//
// Every event is committed to the outbox (with whatever else the same tap
// changes) before the page is told "recorded". The registration's draft and
// events are RegistrationFlow's; the controller decides who may use it and when.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "db/connection.hpp"
#include "kiosk/gate/event_factory.hpp"
#include "kiosk/gate/registration_flow.hpp"
#include "kiosk/gate/sign_in_guard.hpp"
#include "kiosk/gate/tap_verifier.hpp"
#include "kiosk/store/census_tally.hpp"
#include "kiosk/store/identity_store.hpp"
#include "kiosk/store/list_store.hpp"
#include "kiosk/store/outbox.hpp"
#include "kiosk/store/roster_cache.hpp"
#include "kiosk/store/settings_store.hpp"
#include "kiosk/store/sign_in_failures.hpp"
#include "kiosk/sync/sync_status.hpp"
#include "minegate/v1/kiosk_ui.pb.h"
#include "minegate/v1/reader.pb.h"
#include "minegate/v1/sync.pb.h"
#include "proto/credential/signing_key.hpp"

namespace minegate::kiosk::gate {

using ClientId = std::uint64_t;

/// A bracelet write the bridge has not answered after this long is abandoned.
inline constexpr std::int64_t kWriteTimeoutMs = 15'000;
/// A staff-card tap preselects its agent for this long.
inline constexpr std::int64_t kStaffCardValidMs = 60'000;
/// Police mode: a history shown clears itself after this long.
inline constexpr std::int64_t kPoliceShownMs = 60'000;
/// Police mode and a miner's card's holder: the server's answer is awaited this long, then the
/// screen says it did not come.
inline constexpr std::int64_t kServerAnswerTimeoutMs = 15'000;

struct ControllerConfig {
  std::chrono::milliseconds idle_sign_out = std::chrono::minutes(5);
  SignInPolicy sign_in;
  /// How long the roster cache keeps a person's first name, sex and birth year.
  std::chrono::milliseconds roster_ttl = std::chrono::hours(24 * 30);
  /// A draft untouched for this long is deleted (it holds personal data in clear).
  std::chrono::milliseconds draft_ttl = std::chrono::hours(12);
  /// Acknowledged events are deleted after this delay.
  std::chrono::milliseconds retention = std::chrono::hours(24 * 7);
  /// The sync screen warns after this many days without an acknowledgement.
  std::uint32_t stale_after_days = 3;
};

/// The server's answer to a person search, as the page will be told it.
struct CandidatesAnswer {
  v1::SearchOutcome outcome = v1::SEARCH_OUTCOME_UNSPECIFIED;
  v1::PersonCandidates candidates;
};

struct ControllerPorts {
  std::function<void(const v1::UiUpdate&)> broadcast;
  std::function<void(ClientId, const v1::UiUpdate&)> send;
  /// Asks the bridge to write; false when the bridge is not connected.
  std::function<bool(const v1::KioskMessage&)> to_bridge;
  /// New events were committed: the sync client should send soon.
  std::function<void()> events_recorded;
  /// The sync client's status; nullptr while the kiosk is not enrolled (no client yet).
  std::function<const sync::SyncStatus*()> sync_status;
  /// Fetches the server's reconcile figures; calls back on the I/O thread.
  std::function<void(std::function<void(std::optional<v1::ReconcileReport>)>)> fetch_reconcile;
  /// Asks the server for the record of a person whose bracelet was lost (signed by the
  /// device, naming the agent); calls back on the I/O thread.
  std::function<void(const v1::PersonCandidatesQuery&, std::function<void(CandidatesAnswer)>)>
      find_candidates;
  /// Sends a question on the sync link — a border police officer's police_history_request, or
  /// an EMAPE official's miner_card_holder_request (may a card be issued to this holder) —
  /// online only; false when offline (nothing asked). One at a time: a new one replaces the one
  /// awaited. The answer comes to KioskController::OnServerAnswer on the I/O thread.
  std::function<bool(const v1::KioskFrame&)> ask;
  std::function<std::int64_t()> now_ms;
};

class KioskController {
 public:
  /// `device_key` is null before enrolment (the kiosk then only says so).
  KioskController(db::Connection& connection, const credential::SigningKey* device_key,
                  ControllerConfig config, ControllerPorts ports);

  /// Reads identity, settings and any draft left by a previous run.
  db::Result<void> Load();

  void OnUiOpen(ClientId client);
  void OnUiRequest(ClientId client, const v1::UiRequest& request);
  void OnBridgeMessage(const v1::BridgeMessage& message);
  void OnBridgeConnected(bool connected);
  /// The sync client's status or lists changed.
  void OnSyncChanged();
  /// About once a second: idle sign-out, expiries, outbox retention.
  void OnTick();
  /// The server's answer to a question (police_history or miner_card_holder; outcome
  /// UNSPECIFIED: the link was lost first).
  void OnServerAnswer(const v1::ServerFrame& frame);

  v1::KioskState State();
  bool signed_in() const { return agent_.has_value(); }

 private:
  // Page requests (kiosk_controller_requests.cpp).
  v1::UiReply HandleRequest(const v1::UiRequest& request);
  v1::UiReply SignIn(const v1::SignIn& request);
  v1::UiReply SetMode(v1::KioskMode mode);
  v1::UiReply StartRegistration();
  v1::UiReply SaveDraft(const v1::RegistrationDraft& draft);
  v1::UiReply SubmitRegistration();
  v1::UiReply CancelRegistration();
  v1::UiReply ChooseCampaign(const std::string& campaign_id);
  // Bracelet service (kiosk_controller_bracelets.cpp).
  /// The bracelet service is open and the signed-in agent may use it.
  bool InBraceletService() const;
  v1::UiReply ArmSeizure(const v1::ArmSeizure& request);
  v1::UiReply StartReplacement(const v1::StartReplacement& request);
  v1::UiReply SearchPerson(const v1::SearchPerson& request);
  v1::UiReply ChooseCandidate(const v1::ChooseCandidate& request);
  v1::UiReply CancelBraceletService();
  v1::TapOutcome SeizeTap(const v1::TagPresented& tag);
  v1::TapOutcome OldBraceletTap(const v1::TagPresented& tag);
  std::optional<v1::TapOutcome> ReplacementTap(const v1::TagPresented& tag);
  /// Commits the replacement once the new bracelet holds `credential`.
  v1::TapOutcome RecordReplacement(const v1::TagPresented& tag, const std::string& credential);
  void FillBraceletService(v1::BraceletServiceView& view) const;
  // Police mode (kiosk_controller_police.cpp).
  v1::UiReply ChoosePoliceReason(const v1::ChoosePoliceReason& request);
  v1::UiReply ClearPoliceHistory();
  v1::TapOutcome PoliceTap(const v1::TagPresented& tag);
  void OnPoliceAnswer(const v1::PoliceHistoryAnswer& answer);
  /// Shows `result` (and, for a person found, her history) until the next tap or kPoliceShownMs.
  void ShowPoliceResult(v1::PoliceResult result,
                        std::optional<v1::PoliceHistory> history = std::nullopt);
  /// Forgets the history shown; the reason stays for the officer's next read.
  void ClearPoliceScreen();
  /// Time-outs of the police screen; true when it changed.
  bool PolicePassTime(std::int64_t now);
  void FillPolice(v1::PoliceView& view) const;
  // Miners' cards issued by EMAPE officials (kiosk_controller_cards.cpp).
  std::optional<v1::TapOutcome> HolderTap(const v1::TagPresented& tag);
  void OnHolderAnswer(const v1::MinerCardHolderAnswer& answer);
  std::optional<v1::TapOutcome> BlankCardTap(const v1::TagPresented& tag);
  v1::TapOutcome RecordIssuedCard(const v1::TagPresented& tag, const std::string& credential);
  void CardIssuePassTime(std::int64_t now);
  void RefreshSync();
  void SignOut();

  // Taps (kiosk_controller_taps.cpp).
  void OnTag(const v1::TagPresented& tag);
  v1::TapOutcome StaffCardTap(const v1::TagPresented& tag);
  v1::TapOutcome GateTap(const v1::TagPresented& tag);
  v1::TapOutcome CompanionTap(const v1::TagPresented& tag);
  v1::TapOutcome MinerTap(const v1::TagPresented& tag);
  v1::TapOutcome CensusTap(const v1::TagPresented& tag);
  void OnWriteResult(const v1::WriteResult& result);
  enum class WritePurpose { kRegistration, kReplacement, kMinerCard };
  /// Writes a bracelet credential for `person_token` on a blank (or torn) tag, or
  /// records at once when the tag already holds exactly that person's credential.
  std::optional<v1::TapOutcome> WriteBraceletFor(const v1::TagPresented& tag,
                                                 const std::string& person_token,
                                                 WritePurpose purpose);
  /// Commits what a written bracelet completes: the registration or the replacement.
  v1::TapOutcome RecordWritten(WritePurpose purpose, const v1::TagPresented& tag,
                               const std::string& credential);
  /// Asks the bridge to write `credential` on the tag; the result arrives later.
  std::optional<v1::TapOutcome> SendWrite(const v1::TagPresented& tag, std::string credential,
                                          bool overwrite, WritePurpose purpose);
  /// Commits the registration's events once its bracelet holds `credential`.
  v1::TapOutcome RecordRegistration(const v1::TagPresented& tag, const std::string& credential);

  // Helpers (kiosk_controller.cpp).
  v1::TapPrompt Prompt() const;
  bool Allowed(v1::KioskMode mode) const;
  std::optional<EventFactory> Factory() const;
  /// The trust list, with what a revoked key needs to judge this one tag, plus
  /// this kiosk's own key until the list names it (so a bracelet issued here
  /// verifies here even before the first sync).
  db::Result<credential::KeySet> TrustedKeys(const v1::TagPresented& tag);
  /// What this kiosk concludes of the tag now: its trust list, its clock and,
  /// with `revocations`, its revoked-bracelet list. nullopt when its own
  /// storage cannot answer.
  std::optional<TapVerdict> Verified(const v1::TagPresented& tag, bool revocations = true,
                                     credential::Kind kind = credential::Kind::bracelet);
  void Broadcast();
  void Publish(v1::TapOutcome outcome, const v1::TagPresented& tag);
  void FillSync(v1::SyncView& view);
  /// Appends events in one transaction with `also` (more writes of the same
  /// tap); returns the last device_seq, or nothing when it all rolled back.
  /// What a tap refused for storage says: STORAGE_FULL when the last write found the storage
  /// full (Record), else STORAGE_FAILED.
  v1::TapProblem StorageProblem() const {
    return storage_full_ ? v1::TAP_PROBLEM_STORAGE_FULL : v1::TAP_PROBLEM_STORAGE_FAILED;
  }
  std::optional<std::uint64_t> Record(std::vector<v1::Event>& events,
                                      const std::function<db::Result<void>()>& also = {});
  void Touch();
  /// Forgets everything tied to the signed-in agent's work in progress.
  void ResetAgentWork();
  /// Ends a bracelet write that will not be answered, telling the page.
  void AbandonWrite(v1::TapProblem problem, v1::WriteOutcome outcome);
  /// The chosen campaign, if it is still listed and open now.
  bool CampaignOpen();
  /// The same, against a list already read.
  bool ChosenCampaignOpen(const std::vector<v1::CensusCampaign>& campaigns, std::int64_t now) const;
  /// False when the kiosk clock cannot be right: events would be refused by the server.
  bool ClockPlausible() const;
  db::Connection& connection_;
  const credential::SigningKey* device_key_;
  ControllerConfig config_;
  ControllerPorts ports_;

  store::IdentityStore identity_store_;
  store::Outbox outbox_;
  store::ListStore lists_;
  store::RosterCache roster_;
  store::SignInFailures failures_;
  store::CensusTally tally_;
  store::SettingsStore settings_;
  SignInGuard guard_;

  std::optional<store::Identity> identity_;
  std::optional<v1::Agent> agent_;
  std::int64_t idle_deadline_ms_ = 0;
  v1::Language language_ = v1::LANGUAGE_FRENCH;
  v1::KioskMode mode_ = v1::KIOSK_MODE_GATE;
  v1::Direction direction_ = v1::DIRECTION_IN;
  std::string campaign_id_;
  /// Whether campaign_id_ was open when the state was last built.
  bool campaign_open_ = false;
  RegistrationFlow registration_;
  /// Miner's card: the wearer's bracelet read at the first step.
  std::optional<std::string> miner_person_token_;
  std::optional<v1::Agent> staff_card_agent_;
  std::int64_t staff_card_at_ms_ = 0;
  v1::ReaderState reader_ = v1::READER_STATE_UNSPECIFIED;
  bool bridge_connected_ = false;
  /// The bracelet write in progress, for a registration or a replacement.
  struct PendingWrite {
    WritePurpose purpose = WritePurpose::kRegistration;
    std::uint64_t request_id = 0;
    /// Who tapped the bracelet: the registration is theirs, and only theirs to record.
    std::string agent_id;
    std::int64_t sent_at_ms = 0;
    v1::TagPresented tag;
    std::string credential;
  };
  std::optional<PendingWrite> pending_write_;
  /// KIOSK_MODE_BRACELETS: the seizure or replacement under way (memory only).
  struct BraceletService {
    v1::BraceletServiceStep step = v1::BRACELET_SERVICE_STEP_CHOOSE;
    v1::RevocationReason seizure_reason = v1::REVOCATION_REASON_UNSPECIFIED;
    std::string seizure_note;
    v1::SearchOutcome search_outcome = v1::SEARCH_OUTCOME_UNSPECIFIED;
    /// Answers of the last search, tokens included; cleared once one is chosen.
    std::vector<v1::PersonCandidate> candidates;
    std::uint64_t search_id = 0;
    /// Who the new bracelet is for, and the bracelets it replaces.
    std::string person_token;
    std::vector<std::string> old_uids;
    v1::RevocationReason old_reason = v1::REVOCATION_REASON_UNSPECIFIED;
    v1::CandidateView chosen;
  };
  std::optional<BraceletService> service_;
  /// KIOSK_MODE_POLICE: the officer's reason and the history shown, in memory only (never in
  /// the database, the logs or the draft store), cleared on the next tap, after a minute, on
  /// leaving the mode and at sign-out.
  struct PoliceDesk {
    v1::PoliceStep step = v1::POLICE_STEP_REASON;
    v1::PoliceReason reason = v1::POLICE_REASON_UNSPECIFIED;
    std::string case_reference;
    v1::PoliceResult result = v1::POLICE_RESULT_UNSPECIFIED;
    /// Only for POLICE_RESULT_FOUND.
    std::optional<v1::PoliceHistory> history;
    std::uint64_t request_id = 0;
    std::int64_t asked_at_ms = 0;
    std::int64_t clears_at_ms = 0;
  };
  std::optional<PoliceDesk> police_;
  /// KIOSK_MODE_MINER_CARD for an EMAPE official: the holder's token read from the bracelet
  /// while the server is asked about it, then the card number the server reserved for an adult
  /// (memory only). A card number means the holder is confirmed.
  struct CardIssue {
    std::uint64_t request_id = 0;
    std::int64_t asked_at_ms = 0;
    /// The holder's bracelet tap, which the answer's outcome is published against.
    std::uint64_t presentation_id = 0;
    std::string person_token;
    std::string card_number;
    std::string given_name;
  };
  std::optional<CardIssue> card_issue_;
  std::uint64_t next_request_id_ = 1;
  /// The last outbox write found the storage full (Record); cleared by the next that succeeds.
  bool storage_full_ = false;
  std::optional<v1::ReconcileReport> server_report_;
  std::int64_t server_report_at_ms_ = 0;
  bool server_report_failed_ = false;
  std::int64_t last_housekeeping_ms_ = 0;
};

}  // namespace minegate::kiosk::gate
