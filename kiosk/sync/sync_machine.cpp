#include "kiosk/sync/sync_machine.hpp"

#include <algorithm>
#include <string_view>

#include "base/log.hpp"
#include "kiosk/server_link/tls_error.hpp"
#include "kiosk/sync/clock_skew.hpp"
#include "proto/auth/device_auth.hpp"

namespace minegate::kiosk::sync {
namespace {

/// "DEVICE_REVOKED" for ERROR_CODE_DEVICE_REVOKED.
std::string ShortErrorName(v1::ErrorCode code) {
  std::string name = v1::ErrorCode_Name(code);
  constexpr std::string_view kPrefix = "ERROR_CODE_";
  if (name.starts_with(kPrefix)) name.erase(0, kPrefix.size());
  return name.empty() ? std::to_string(static_cast<int>(code)) : name;
}

/// The server refused the device itself: retrying soon cannot help.
bool IsAuthRefusal(v1::ErrorCode code) {
  return code == v1::ERROR_CODE_UNKNOWN_DEVICE || code == v1::ERROR_CODE_DEVICE_REVOKED ||
         code == v1::ERROR_CODE_BAD_SIGNATURE;
}

/// The server refused a batch; the events stay in the outbox and are sent again.
bool IsBatchRefusal(v1::ErrorCode code) {
  return code == v1::ERROR_CODE_INVALID_EVENT || code == v1::ERROR_CODE_SEQUENCE_NOT_CONSECUTIVE ||
         code == v1::ERROR_CODE_SEQUENCE_CONFLICT || code == v1::ERROR_CODE_SEALED_BODY_INVALID ||
         code == v1::ERROR_CODE_SERVER_BUSY;
}

std::string LinkFailureName(const boost::system::error_code& ec) {
  if (ec.category() == net::LinkErrorCategory()) {
    return net::LinkErrorName(static_cast<net::LinkErrc>(ec.value()));
  }
  return "connection_lost";
}

}  // namespace

SyncMachine::SyncMachine(SyncLink& link, SyncStore& store, const credential::SigningKey& key,
                         SyncOptions options, base::Clock clock, std::uint64_t seed)
    : link_(link),
      store_(store),
      key_(key),
      options_(std::move(options)),
      clock_(std::move(clock)),
      backoff_(options_.backoff_initial, options_.backoff_max, seed),
      random_(seed ^ 0x9e3779b97f4a7c15ULL) {}

Result<void> SyncMachine::CheckOptions() const {
  if (options_.device_id.empty() || options_.max_events_per_batch == 0 ||
      options_.batches_in_flight == 0) {
    return make_error_code(Errc::bad_options);
  }
  return boost::outcome_v2::success();
}

Result<void> SyncMachine::Start() {
  if (status_.running) return boost::outcome_v2::success();
  if (auto checked = CheckOptions(); !checked) return checked;
  if (auto position = store_.Position()) status_.acked_seq = position.value().acked_seq;
  status_.running = true;
  Connect();
  return boost::outcome_v2::success();
}

void SyncMachine::Stop() {
  if (!status_.running) return;
  status_.running = false;
  EndSession();
  link_.CancelTimer(SyncTimer::kRetry);
  status_.next_attempt_ms = 0;
  link_.Changed(SyncChange::kStatus);
}

void SyncMachine::SetError(std::string code, std::string message, std::uint64_t seq) {
  status_.last_error = std::move(code);
  status_.last_error_message = std::move(message);
  status_.last_error_seq = seq;
}

void SyncMachine::ClearError() {
  status_.last_error.clear();
  status_.last_error_message.clear();
  status_.last_error_seq = 0;
}

// ------------------------------------------------------------------ connection

void SyncMachine::Connect() {
  ++session_;
  state_ = State::kConnecting;
  inflight_.clear();
  status_.last_attempt_ms = clock_();
  status_.next_attempt_ms = 0;
  // Connecting, TLS, the upgrade, Challenge and Welcome: all within this bound.
  link_.StartTimer(SyncTimer::kHandshake,
                   options_.server.connect_timeout + 2 * options_.server.handshake_timeout);
  link_.Open();
  link_.Changed(SyncChange::kStatus);
}

void SyncMachine::EndSession() {
  ++session_;
  link_.Close();
  link_.CancelTimer(SyncTimer::kHandshake);
  link_.CancelTimer(SyncTimer::kHeartbeat);
  inflight_.clear();
  state_ = State::kIdle;
  status_.connected = false;
  if (question_) {
    // The answer can no longer come: the kiosk says so now rather than at its timeout.
    v1::ServerFrame lost;
    if (question_->answer_case == v1::ServerFrame::kPoliceHistory) {
      lost.mutable_police_history()->set_request_id(question_->request_id);
    } else {
      lost.mutable_miner_card_holder()->set_request_id(question_->request_id);
    }
    question_.reset();
    if (on_answer_) on_answer_(lost);
  }
}

bool SyncMachine::Ask(const v1::KioskFrame& question) {
  if (state_ != State::kReady) return false;
  Question awaited;
  switch (question.frame_case()) {
    case v1::KioskFrame::kPoliceHistoryRequest:
      awaited = {v1::ServerFrame::kPoliceHistory, question.police_history_request().request_id()};
      break;
    case v1::KioskFrame::kMinerCardHolderRequest:
      awaited = {v1::ServerFrame::kMinerCardHolder,
                 question.miner_card_holder_request().request_id()};
      break;
    default:
      return false;
  }
  // Awaited only once queued: a failed Send may end the session from inside it, and the
  // caller then hears "false" alone, not also a lost answer.
  question_.reset();
  if (!Send(question)) return false;
  question_ = awaited;
  return true;
}

void SyncMachine::OnAnswer(const v1::ServerFrame& frame) {
  // Only the answer awaited; what it holds is handed on and never kept here.
  const std::uint64_t request_id = frame.frame_case() == v1::ServerFrame::kPoliceHistory
                                       ? frame.police_history().request_id()
                                       : frame.miner_card_holder().request_id();
  if (!question_ || question_->answer_case != frame.frame_case() ||
      question_->request_id != request_id) {
    return;
  }
  question_.reset();
  if (on_answer_) on_answer_(frame);
}

void SyncMachine::Drop(std::string code, std::string message, std::uint64_t seq,
                       bool refused_device) {
  EndSession();
  SetError(std::move(code), std::move(message), seq);
  if (!status_.running) return;
  std::chrono::milliseconds delay = backoff_.Next();
  if (refused_device) {
    // Between half and all of the long delay: jittered as well.
    std::uniform_int_distribution<std::int64_t> draw(options_.auth_backoff.count() / 2,
                                                     options_.auth_backoff.count());
    delay = std::chrono::milliseconds(draw(random_));
  }
  status_.next_attempt_ms = clock_() + delay.count();
  link_.StartTimer(SyncTimer::kRetry, delay);
  link_.Changed(SyncChange::kStatus);
}

void SyncMachine::StoreFailed(const boost::system::error_code& ec) {
  Drop("store_failed", ec.message(), 0, false);
}

void SyncMachine::Unexpected() {
  Drop("unexpected_frame", make_error_code(Errc::unexpected_frame).message(), 0, false);
}

bool SyncMachine::Send(const v1::KioskFrame& frame) {
  if (!link_.Send(frame)) return false;
  last_sent_ms_ = clock_();
  return true;
}

void SyncMachine::OnOpen() {
  if (state_ == State::kConnecting) state_ = State::kAwaitChallenge;
}

void SyncMachine::OnClosed(const boost::system::error_code& ec) {
  if (state_ == State::kIdle) return;
  Drop(LinkFailureName(ec), ec.message(), 0, false);
}

void SyncMachine::OnTimer(SyncTimer timer) {
  switch (timer) {
    case SyncTimer::kRetry:
      if (status_.running && state_ == State::kIdle) Connect();
      return;
    case SyncTimer::kHandshake:
      if (state_ == State::kIdle || state_ == State::kReady) return;
      Drop("timed_out", make_error_code(net::LinkErrc::timed_out).message(), 0, false);
      return;
    case SyncTimer::kHeartbeat:
      if (state_ == State::kReady) OnHeartbeatTimer();
      return;
  }
}

// ------------------------------------------------------------------ frames

void SyncMachine::OnBadFrame() {
  if (state_ == State::kIdle) return;
  Drop("bad_frame", make_error_code(Errc::bad_frame).message(), 0, false);
}

void SyncMachine::OnFrame(const v1::ServerFrame& frame) {
  if (state_ == State::kIdle) return;
  switch (frame.frame_case()) {
    case v1::ServerFrame::kChallenge:
      return OnChallenge(frame.challenge());
    case v1::ServerFrame::kWelcome:
      return OnWelcome(frame.welcome());
    case v1::ServerFrame::kAck:
      return OnAck(frame.ack());
    case v1::ServerFrame::kError:
      return OnError(frame.error());
    case v1::ServerFrame::kTrustList:
    case v1::ServerFrame::kRevokedBracelets:
    case v1::ServerFrame::kAlerts:
    case v1::ServerFrame::kCensusCampaigns:
    case v1::ServerFrame::kAgentRoster:
      return OnList(frame);
    case v1::ServerFrame::kPoliceHistory:
    case v1::ServerFrame::kMinerCardHolder:
      return OnAnswer(frame);
    case v1::ServerFrame::FRAME_NOT_SET:
      break;
  }
  // A frame kind this client does not know (a newer server): ignored, as protobuf's
  // forward compatibility intends.
}

void SyncMachine::OnChallenge(const v1::Challenge& challenge) {
  if (state_ != State::kAwaitChallenge) return Unexpected();
  auto position = store_.Position();
  if (!position) return StoreFailed(position.error());
  auto versions = store_.Versions();
  if (!versions) return StoreFailed(versions.error());
  v1::KioskFrame frame;
  auto* hello = frame.mutable_hello();
  hello->set_device_id(options_.device_id);
  hello->set_software_version(options_.software_version);
  hello->set_last_acked_seq(position.value().acked_seq);
  const auto signature = key_.Sign(auth::HelloSignedBytes(challenge.nonce(), options_.device_id));
  hello->set_signature(std::string(signature.begin(), signature.end()));
  hello->set_trust_list_version(versions.value().trust_list);
  hello->set_revoked_bracelets_version(versions.value().revoked_bracelets);
  hello->set_alerts_version(versions.value().alerts);
  hello->set_census_campaigns_version(versions.value().census_campaigns);
  hello->set_agent_roster_version(versions.value().agent_roster);
  state_ = State::kAwaitWelcome;
  Send(frame);
}

void SyncMachine::OnWelcome(const v1::Welcome& welcome) {
  if (state_ != State::kAwaitWelcome) return Unexpected();
  auto position = store_.Position();
  if (!position) return StoreFailed(position.error());
  // Resume after the server's highest stored sequence. When the server records a gap below
  // it (a batch refused while later ones were stored), resend from the gap: what it already
  // holds comes back as duplicates, what it lacks fills the gap. Events this kiosk saw
  // acknowledged are not resent, so a gap it cannot fill costs nothing at each reconnection.
  std::uint64_t resume = welcome.acked_seq();
  if (welcome.contiguous_seq() < welcome.acked_seq()) {
    resume = std::max(welcome.contiguous_seq(),
                      std::min(position.value().acked_seq, welcome.acked_seq()));
  }
  if (auto recorded = store_.RecordAck(resume, clock_()); !recorded) {
    return StoreFailed(recorded.error());
  }
  if (auto applied = store_.ApplySealingKey(welcome.sealing_public_key(), welcome.sealing_key_id());
      !applied) {
    return StoreFailed(applied.error());
  }
  link_.CancelTimer(SyncTimer::kHandshake);
  state_ = State::kReady;
  send_after_ = resume;
  status_.connected = true;
  status_.last_connected_ms = clock_();
  status_.acked_seq = std::max(position.value().acked_seq, resume);
  MeasureClock(welcome);
  // A refused batch keeps its error visible until an Ack shows progress; a link failure
  // is over once connected again.
  if (!batch_refused_) {
    backoff_.Reset();
    ClearError();
  }
  const std::uint64_t session = session_;
  link_.Changed(SyncChange::kStatus);
  if (state_ != State::kReady || session_ != session) return;  // the change handler stopped us
  link_.StartTimer(SyncTimer::kHeartbeat, options_.heartbeat);
  Pump();
}

void SyncMachine::MeasureClock(const v1::Welcome& welcome) {
  const auto skew = MeasureClockSkew(welcome.server_time_ms(), clock_());
  if (!skew) return;  // the previous measure stays: this server does not say its time
  status_.clock_skew_known = true;
  status_.clock_skew_ms = *skew;
  status_.clock_skew_warning = ClockSkewTooLarge(*skew, options_.clock_skew_warning);
  if (status_.clock_skew_warning) {
    base::LogWarning("sync_clock_skew",
                     {{"skew_ms", *skew}, {"threshold_ms", options_.clock_skew_warning.count()}});
  }
}

void SyncMachine::OnAck(const v1::Ack& ack) {
  if (state_ != State::kReady || inflight_.empty()) return Unexpected();
  inflight_.pop_front();
  if (auto recorded = store_.RecordAck(ack.acked_seq(), clock_()); !recorded) {
    return StoreFailed(recorded.error());
  }
  status_.acked_seq = std::max(status_.acked_seq, ack.acked_seq());
  status_.last_ack_ms = clock_();
  if (batch_refused_ || !status_.last_error.empty()) {
    batch_refused_ = false;
    backoff_.Reset();
    ClearError();
  }
  const std::uint64_t session = session_;
  link_.Changed(SyncChange::kAck);
  if (session_ == session) Pump();
}

void SyncMachine::OnError(const v1::Error& error) {
  std::string message = error.message().fr() + " / " + error.message().en();
  if (IsBatchRefusal(error.code())) {
    // Nothing of the refused batch was stored, and batches sent after it may have been
    // stored beyond a gap: end the session and let the next Welcome say where to resume.
    batch_refused_ = error.code() != v1::ERROR_CODE_SERVER_BUSY;
  }
  Drop(ShortErrorName(error.code()), std::move(message), error.device_seq(),
       IsAuthRefusal(error.code()));
}

void SyncMachine::OnList(const v1::ServerFrame& frame) {
  if (state_ != State::kReady) return Unexpected();
  Result<void> applied = boost::outcome_v2::success();
  SyncChange change = SyncChange::kStatus;
  switch (frame.frame_case()) {
    case v1::ServerFrame::kTrustList:
      applied = store_.ApplyTrustList(frame.trust_list());
      change = SyncChange::kTrustList;
      break;
    case v1::ServerFrame::kRevokedBracelets:
      applied = store_.ApplyRevokedBracelets(frame.revoked_bracelets());
      change = SyncChange::kRevokedBracelets;
      break;
    case v1::ServerFrame::kAlerts:
      applied = store_.ApplyAlerts(frame.alerts());
      change = SyncChange::kAlerts;
      break;
    case v1::ServerFrame::kCensusCampaigns:
      applied = store_.ApplyCensusCampaigns(frame.census_campaigns());
      change = SyncChange::kCensusCampaigns;
      break;
    case v1::ServerFrame::kAgentRoster:
      applied = store_.ApplyAgentRoster(frame.agent_roster());
      change = SyncChange::kAgentRoster;
      break;
    default:
      return;
  }
  // A list not applied is asked for again: the next Hello names the version still held.
  if (!applied) return StoreFailed(applied.error());
  link_.Changed(change);
}

// ------------------------------------------------------------------ sending

void SyncMachine::Pump() {
  const std::uint64_t session = session_;
  while (state_ == State::kReady && session_ == session &&
         inflight_.size() < options_.batches_in_flight) {
    auto events =
        store_.EventsAfter(send_after_, options_.max_events_per_batch, options_.max_batch_bytes);
    if (!events) return StoreFailed(events.error());
    if (events.value().empty()) return;
    const std::uint64_t last = events.value().back().device_seq();
    v1::KioskFrame frame;
    auto* batch = frame.mutable_batch();
    for (auto& event : events.value()) *batch->add_events() = std::move(event);
    inflight_.push_back(last);
    send_after_ = last;
    if (!Send(frame)) return;  // the link reports the failure through OnClosed
  }
}

void SyncMachine::OnHeartbeatTimer() {
  const std::int64_t now = clock_();
  // The wall clock may have been set back since the last send (an agent correcting it after
  // the skew warning): a negative idle time counts as due rather than silencing heartbeats
  // until the clock catches up.
  const std::int64_t idle_ms = now - last_sent_ms_;
  if (idle_ms >= options_.heartbeat.count() || idle_ms < 0) {
    auto position = store_.Position();
    if (!position) return StoreFailed(position.error());
    v1::KioskFrame frame;
    frame.mutable_heartbeat()->set_sent_at_ms(now);
    frame.mutable_heartbeat()->set_highest_recorded_seq(position.value().highest_recorded_seq);
    frame.mutable_heartbeat()->set_pending_events(position.value().pending_events);
    if (Send(frame)) status_.last_heartbeat_ms = now;
  }
  if (state_ == State::kReady) link_.StartTimer(SyncTimer::kHeartbeat, options_.heartbeat);
}

}  // namespace minegate::kiosk::sync
