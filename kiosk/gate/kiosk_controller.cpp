#include "kiosk/gate/kiosk_controller.hpp"

#include "db/transaction.hpp"
#include "kiosk/gate/tap_verifier.hpp"

namespace minegate::kiosk::gate {
namespace {

constexpr char kLanguageKey[] = "language";
constexpr char kDirectionKey[] = "direction";
constexpr char kCampaignKey[] = "campaign";
constexpr std::int64_t kDayMs = 24LL * 60 * 60 * 1000;
constexpr std::int64_t kHousekeepingEveryMs = 60 * 1000;
// 2020-01-01T00:00:00Z: the server refuses anything older, and so would block the outbox.
constexpr std::int64_t kEarliestPlausibleMs = 1'577'836'800'000;

}  // namespace

KioskController::KioskController(db::Connection& connection,
                                 const credential::SigningKey* device_key, ControllerConfig config,
                                 ControllerPorts ports)
    : connection_(connection),
      device_key_(device_key),
      config_(config),
      ports_(std::move(ports)),
      identity_store_(connection),
      outbox_(connection),
      lists_(connection),
      roster_(connection),
      failures_(connection),
      tally_(connection),
      settings_(connection),
      guard_(failures_, config.sign_in),
      registration_(connection) {}

db::Result<void> KioskController::Load() {
  auto identity = identity_store_.Load();
  if (!identity) return identity.error();
  identity_ = identity.value();
  if (auto language = settings_.Get(kLanguageKey); !language) {
    return language.error();
  } else if (language.value() == "en") {
    language_ = v1::LANGUAGE_ENGLISH;
  }
  if (auto direction = settings_.Get(kDirectionKey); !direction) {
    return direction.error();
  } else if (direction.value() == "out") {
    direction_ = v1::DIRECTION_OUT;
  }
  if (auto campaign = settings_.Get(kCampaignKey); !campaign) {
    return campaign.error();
  } else if (campaign.value()) {
    campaign_id_ = *campaign.value();
  }
  return registration_.Load();
}

bool KioskController::ClockPlausible() const { return ports_.now_ms() >= kEarliestPlausibleMs; }

namespace {

bool OpenAt(const v1::CensusCampaign& campaign, std::int64_t now) {
  return campaign.opens_at_ms() <= now && now < campaign.closes_at_ms();
}

}  // namespace

bool KioskController::CampaignOpen() {
  auto campaigns = lists_.Campaigns();
  return campaigns && ChosenCampaignOpen(campaigns.value(), ports_.now_ms());
}

bool KioskController::ChosenCampaignOpen(const std::vector<v1::CensusCampaign>& campaigns,
                                         std::int64_t now) const {
  if (campaign_id_.empty()) return false;
  for (const v1::CensusCampaign& campaign : campaigns) {
    if (campaign.campaign_id() == campaign_id_) return OpenAt(campaign, now);
  }
  return false;
}

bool KioskController::Allowed(v1::KioskMode mode) const {
  if (!agent_) return false;
  if (mode == v1::KIOSK_MODE_SYNC_STATUS) return true;
  // EMAPE officials count people for census campaigns and issue miners' cards to adults.
  if (agent_->role() == v1::AGENT_ROLE_EMAPE_OFFICIAL) {
    return mode == v1::KIOSK_MODE_CENSUS || mode == v1::KIOSK_MODE_MINER_CARD;
  }
  // Border police read histories and nothing else: they register no one, issue no bracelet.
  if (agent_->role() == v1::AGENT_ROLE_BORDER_POLICE) return mode == v1::KIOSK_MODE_POLICE;
  // Seizing and replacing bracelets is gate work, as is everything below; the police mode is
  // not (a gate agent reads no history).
  return agent_->role() == v1::AGENT_ROLE_GATE_AGENT && v1::KioskMode_IsValid(mode) &&
         mode != v1::KIOSK_MODE_UNSPECIFIED && mode != v1::KIOSK_MODE_POLICE;
}

v1::TapPrompt KioskController::Prompt() const {
  if (!identity_ || device_key_ == nullptr) return v1::TAP_PROMPT_NONE;
  if (!agent_) return v1::TAP_PROMPT_STAFF_CARD;
  // A role that may not use this screen records nothing from it.
  if (!Allowed(mode_)) return v1::TAP_PROMPT_NONE;
  switch (mode_) {
    case v1::KIOSK_MODE_GATE:
      return v1::TAP_PROMPT_GATE;
    case v1::KIOSK_MODE_REGISTRATION:
      return registration_.Prompt();
    case v1::KIOSK_MODE_MINER_CARD:
      if (agent_->role() == v1::AGENT_ROLE_EMAPE_OFFICIAL) {
        // While the server is asked about the holder a tap waits.
        if (card_issue_ && card_issue_->request_id != 0) return v1::TAP_PROMPT_NONE;
        return card_issue_ && !card_issue_->card_number.empty() ? v1::TAP_PROMPT_MINER_BLANK_CARD
                                                                : v1::TAP_PROMPT_MINER_BRACELET;
      }
      return miner_person_token_ ? v1::TAP_PROMPT_MINER_CARD : v1::TAP_PROMPT_MINER_BRACELET;
    case v1::KIOSK_MODE_CENSUS:
      return campaign_id_.empty() || !campaign_open_ ? v1::TAP_PROMPT_NONE : v1::TAP_PROMPT_CENSUS;
    case v1::KIOSK_MODE_BRACELETS:
      if (!service_) return v1::TAP_PROMPT_NONE;
      switch (service_->step) {
        case v1::BRACELET_SERVICE_STEP_SEIZE:
          return v1::TAP_PROMPT_SEIZE_BRACELET;
        case v1::BRACELET_SERVICE_STEP_OLD_BRACELET:
          return v1::TAP_PROMPT_OLD_BRACELET;
        case v1::BRACELET_SERVICE_STEP_NEW_BRACELET:
          return v1::TAP_PROMPT_REPLACEMENT_BRACELET;
        default:
          return v1::TAP_PROMPT_NONE;
      }
    case v1::KIOSK_MODE_POLICE:
      // While the server is asked a tap waits; once the answer shows, a tap asks again.
      return police_ && (police_->step == v1::POLICE_STEP_TAP ||
                         police_->step == v1::POLICE_STEP_RESULT)
                 ? v1::TAP_PROMPT_POLICE_BRACELET
                 : v1::TAP_PROMPT_NONE;
    default:
      return v1::TAP_PROMPT_NONE;
  }
}

std::optional<EventFactory> KioskController::Factory() const {
  if (!identity_) return std::nullopt;
  EventOrigin origin;
  origin.device_id = identity_->device_id;
  origin.site_id = identity_->site_id;
  origin.gate_id = identity_->gate_id;
  origin.sealing_public_key = identity_->sealing_public_key;
  origin.sealing_key_id = identity_->sealing_key_id;
  return EventFactory(std::move(origin));
}

std::optional<TapVerdict> KioskController::Verified(const v1::TagPresented& tag, bool revocations,
                                                    credential::Kind kind) {
  auto keys = TrustedKeys(tag);
  if (!keys) return std::nullopt;
  std::optional<std::int64_t> revoked_at;
  if (revocations) {
    auto revoked = lists_.BraceletRevokedAt(tag.uid());
    if (!revoked) return std::nullopt;
    revoked_at = revoked.value();
  }
  return VerifyTap(tag, keys.value(), revoked_at, ports_.now_ms(), kind);
}

db::Result<credential::KeySet> KioskController::TrustedKeys(const v1::TagPresented& tag) {
  auto keys = lists_.TrustedKeys(TappedDigest(tag));
  if (!keys) return keys.error();
  if (device_key_ != nullptr && keys.value().Find(device_key_->key_id()) == nullptr) {
    keys.value().Upsert({.public_key = device_key_->public_key()});
  }
  return keys;
}

std::optional<std::uint64_t> KioskController::Record(
    std::vector<v1::Event>& events, const std::function<db::Result<void>()>& also) {
  const std::int64_t now = ports_.now_ms();
  // Every body is sealed to the server before it is written (the outbox refuses one in clear).
  auto factory = Factory();
  if (!factory || !factory->SealAll(events)) return std::nullopt;
  // Whether a refusal is the storage being full: the agent is told so (StorageProblem()).
  const auto refused = [this](const boost::system::error_code& error) {
    storage_full_ = error == db::Errc::disk_full;
    return std::nullopt;
  };
  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
  if (!transaction) return refused(transaction.error());
  auto seq = outbox_.Append(events, now);
  if (!seq) return refused(seq.error());
  if (also) {
    if (auto done = also(); !done) return refused(done.error());
  }
  // The transaction rolls back on destruction unless this commit succeeds.
  if (auto committed = transaction.value().Commit(); !committed) {
    return refused(committed.error());
  }
  storage_full_ = false;
  if (ports_.events_recorded) ports_.events_recorded();
  return seq.value();
}

void KioskController::FillSync(v1::SyncView& view) {
  const std::int64_t now = ports_.now_ms();
  if (auto position = outbox_.Position()) {
    view.set_pending_events(position.value().pending_events);
    view.set_highest_recorded_seq(position.value().highest_recorded_seq);
    view.set_acked_seq(position.value().acked_seq);
    // Sequences start at 1 without gaps: every event ever recorded is one the
    // server should end up holding.
    view.set_own_event_count(position.value().highest_recorded_seq);
  }
  if (auto last_ack = outbox_.LastAckAtMs()) view.set_last_ack_at_ms(last_ack.value());
  if (ports_.sync_status) {
    if (const sync::SyncStatus* link = ports_.sync_status()) {
      view.set_connected(link->connected);
      view.set_last_error(link->last_error);
      view.set_last_attempt_at_ms(link->last_attempt_ms);
      view.set_clock_skew_known(link->clock_skew_known);
      view.set_clock_skew_ms(link->clock_skew_ms);
      view.set_clock_skew_warning(link->clock_skew_warning);
    } else {
      view.set_last_error("not_enrolled");
    }
  }
  view.set_stale_after_days(config_.stale_after_days);
  if (identity_) {
    const std::int64_t since = std::max(view.last_ack_at_ms(), identity_->enrolled_at_ms);
    view.set_stale(now - since > static_cast<std::int64_t>(config_.stale_after_days) * kDayMs);
  }
  if (server_report_) {
    *view.mutable_server_report() = *server_report_;
    view.set_server_report_at_ms(server_report_at_ms_);
  }
  view.set_server_report_failed(server_report_failed_);
}

v1::KioskState KioskController::State() {
  const std::int64_t now = ports_.now_ms();
  v1::KioskState state;
  state.set_language(language_);
  state.set_enrolled(identity_.has_value() && device_key_ != nullptr);
  if (identity_) {
    state.set_device_id(identity_->device_id);
    state.set_site_id(identity_->site_id);
    state.set_gate_id(identity_->gate_id);
  }
  if (agent_) {
    auto* agent = state.mutable_agent();
    agent->set_user_id(agent_->user_id());
    agent->set_display_name(agent_->display_name());
    agent->set_role(agent_->role());
    agent->set_idle_sign_out_at_ms(idle_deadline_ms_);
  } else if (auto agents = lists_.Agents()) {
    for (const v1::Agent& agent : agents.value()) {
      auto* entry = state.add_roster();
      entry->set_user_id(agent.user_id());
      entry->set_display_name(agent.display_name());
    }
  }
  if (staff_card_agent_ && !agent_ && now - staff_card_at_ms_ <= kStaffCardValidMs) {
    state.mutable_staff_card_agent()->set_user_id(staff_card_agent_->user_id());
    state.mutable_staff_card_agent()->set_display_name(staff_card_agent_->display_name());
  }
  state.set_mode(mode_);
  state.set_direction(direction_);
  // Read once for the prompt and the listing below.
  auto campaigns = lists_.Campaigns();
  // Before the prompt, which reads it: otherwise the state sent when a campaign is chosen
  // still says a tap does nothing (and one sent after it closes, that a tap counts).
  campaign_open_ = campaigns && ChosenCampaignOpen(campaigns.value(), now);
  state.set_prompt(Prompt());
  state.set_reader(reader_);
  state.set_bridge_connected(bridge_connected_);
  // The draft holds personal data: only an agent who may register sees it.
  if (registration_.open() && Allowed(v1::KIOSK_MODE_REGISTRATION)) {
    *state.mutable_draft() = registration_.draft();
  }
  if (mode_ == v1::KIOSK_MODE_BRACELETS && Allowed(v1::KIOSK_MODE_BRACELETS)) {
    FillBraceletService(*state.mutable_bracelet_service());
  }
  if (mode_ == v1::KIOSK_MODE_POLICE && Allowed(v1::KIOSK_MODE_POLICE)) {
    FillPolice(*state.mutable_police());
  }
  if (campaigns) {
    for (const v1::CensusCampaign& campaign : campaigns.value()) {
      auto* view = state.add_campaigns();
      view->set_campaign_id(campaign.campaign_id());
      *view->mutable_name() = campaign.name();
      view->set_opens_at_ms(campaign.opens_at_ms());
      view->set_closes_at_ms(campaign.closes_at_ms());
      view->set_open_now(OpenAt(campaign, now));
    }
  }
  state.set_campaign_id(campaign_id_);
  if (!campaign_id_.empty()) {
    if (auto count = tally_.Count(campaign_id_)) state.set_campaign_observed(count.value());
  }
  FillSync(*state.mutable_sync());
  if (auto alerts = lists_.ActiveAlerts(now)) {
    for (v1::Alert& alert : alerts.value()) *state.add_alerts() = std::move(alert);
  }
  return state;
}

void KioskController::Broadcast() {
  v1::UiUpdate update;
  *update.mutable_state() = State();
  ports_.broadcast(update);
}

void KioskController::Publish(v1::TapOutcome outcome, const v1::TagPresented& tag) {
  outcome.set_handled_at_ms(ports_.now_ms());
  outcome.set_presentation_id(tag.presentation_id());
  v1::UiUpdate update;
  *update.mutable_tap() = std::move(outcome);
  ports_.broadcast(update);
  Broadcast();
}

void KioskController::AbandonWrite(v1::TapProblem problem, v1::WriteOutcome outcome) {
  if (!pending_write_) return;
  const v1::TagPresented tag = pending_write_->tag;
  pending_write_.reset();
  v1::TapOutcome abandoned;
  abandoned.set_result(v1::TAP_RESULT_REJECTED);
  abandoned.set_problem(problem);
  abandoned.set_write_outcome(outcome);
  abandoned.set_handled_at_ms(ports_.now_ms());
  abandoned.set_presentation_id(tag.presentation_id());
  v1::UiUpdate update;
  *update.mutable_tap() = std::move(abandoned);
  ports_.broadcast(update);
}

void KioskController::ResetAgentWork() {
  registration_.DisarmCompanion();
  miner_person_token_.reset();
  // A write in flight belongs to the agent who tapped: its result is not recorded
  // for anyone else (the bracelet, if written, completes the draft when re-tapped).
  pending_write_.reset();
  // A replacement's person token is forgotten with the agent who chose it.
  if (service_) service_ = BraceletService{};
  // The officer's reason and any history shown go with the officer.
  police_.reset();
  card_issue_.reset();
}

void KioskController::Touch() {
  if (agent_) idle_deadline_ms_ = ports_.now_ms() + config_.idle_sign_out.count();
}

void KioskController::OnUiOpen(ClientId client) {
  v1::UiUpdate update;
  *update.mutable_state() = State();
  ports_.send(client, update);
}

void KioskController::OnBridgeConnected(bool connected) {
  bridge_connected_ = connected;
  if (!connected) {
    reader_ = v1::READER_STATE_UNSPECIFIED;
    // The bridge that took the write is gone: its result will never come.
    if (pending_write_) {
      AbandonWrite(v1::TAP_PROBLEM_WRITE_TIMED_OUT, v1::WRITE_OUTCOME_READER_UNAVAILABLE);
    }
  }
  Broadcast();
}

void KioskController::OnSyncChanged() {
  // Lists may have changed under us (a new sealing key, a disabled agent).
  if (auto identity = identity_store_.Load(); identity && identity.value()) {
    identity_ = identity.value();
  }
  if (agent_) {
    // Disabled, a new PIN or another role: the session ends with the roster that changed it.
    auto still = lists_.AgentById(agent_->user_id());
    if (still && (!still.value() || still.value()->pin_hash() != agent_->pin_hash() ||
                  still.value()->role() != agent_->role())) {
      SignOut();
      return;
    }
  }
  staff_card_agent_.reset();
  Broadcast();
}

void KioskController::OnServerAnswer(const v1::ServerFrame& frame) {
  switch (frame.frame_case()) {
    case v1::ServerFrame::kPoliceHistory:
      return OnPoliceAnswer(frame.police_history());
    case v1::ServerFrame::kMinerCardHolder:
      return OnHolderAnswer(frame.miner_card_holder());
    default:
      return;  // not an answer to a question
  }
}

void KioskController::OnTick() {
  const std::int64_t now = ports_.now_ms();
  if (agent_ && now >= idle_deadline_ms_) {
    SignOut();
  }
  if (PolicePassTime(now)) Broadcast();
  CardIssuePassTime(now);
  if (pending_write_ && now - pending_write_->sent_at_ms > kWriteTimeoutMs) {
    AbandonWrite(v1::TAP_PROBLEM_WRITE_TIMED_OUT, v1::WRITE_OUTCOME_UNSPECIFIED);
    Broadcast();
  }
  if (now - last_housekeeping_ms_ >= kHousekeepingEveryMs) {
    last_housekeeping_ms_ = now;
    (void)outbox_.Purge(config_.retention, now);
    (void)roster_.Expire(now);
    if (registration_.ExpireAbandoned(now, config_.draft_ttl, pending_write_.has_value())) {
      Broadcast();
    }
  }
}

}  // namespace minegate::kiosk::gate
