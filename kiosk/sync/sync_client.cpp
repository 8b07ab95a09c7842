#include "kiosk/sync/sync_client.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <deque>
#include <random>

#include "base/backoff.hpp"
#include "base/clock.hpp"
#include "kiosk/server_link/sync_socket.hpp"
#include "proto/auth/device_auth.hpp"

namespace minegate::kiosk::sync {
namespace {

namespace asio = boost::asio;
using boost::system::error_code;
using Clock = std::chrono::steady_clock;

/// "DEVICE_REVOKED" for ERROR_CODE_DEVICE_REVOKED.
std::string ShortName(v1::ErrorCode code) {
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

std::string LinkCode(const error_code& ec) {
  if (ec.category() == net::LinkErrorCategory()) {
    return net::LinkErrorName(static_cast<net::LinkErrc>(ec.value()));
  }
  return "connection_lost";
}

}  // namespace

class SyncClient::Impl : public std::enable_shared_from_this<Impl> {
 public:
  Impl(asio::io_context& io, SyncStore& store, const credential::SigningKey& key,
       SyncOptions options)
      : io_(io),
        store_(store),
        key_(key),
        options_(std::move(options)),
        backoff_(options_.backoff_initial, options_.backoff_max, std::random_device{}()),
        retry_timer_(io),
        session_timer_(io),
        heartbeat_timer_(io) {}

  OnChange on_change;
  SyncStatus status;

  Result<void> Start() {
    if (status.running) return boost::outcome_v2::success();
    if (options_.device_id.empty() || options_.max_events_per_batch == 0 ||
        options_.batches_in_flight == 0) {
      return make_error_code(Errc::bad_options);
    }
    auto endpoint = ToEndpoint(options_.server);
    if (!endpoint) {
      SetError(LinkCode(endpoint.error()), endpoint.error().message(), 0);
      Changed(SyncChange::kStatus);
      return endpoint.error();
    }
    endpoint_ = endpoint.value();
    if (auto position = store_.Position()) status.acked_seq = position.value().acked_seq;
    status.running = true;
    Connect();
    return boost::outcome_v2::success();
  }

  void Stop() {
    if (!status.running) return;
    status.running = false;
    EndSession();
    retry_timer_.cancel();
    status.next_attempt_ms = 0;
    Changed(SyncChange::kStatus);
  }

  void Notify() {
    if (state_ != State::kReady || pump_posted_) return;
    // Posted: the caller may be in the middle of recording more events.
    pump_posted_ = true;
    asio::post(io_, [self = shared_from_this(), session = session_] {
      self->pump_posted_ = false;
      if (self->session_ == session) self->Pump();
    });
  }

 private:
  enum class State { kIdle, kConnecting, kAwaitChallenge, kAwaitWelcome, kReady };

  void Changed(SyncChange change) {
    if (on_change) on_change(change);
  }

  void SetError(std::string code, std::string message, std::uint64_t seq) {
    status.last_error = std::move(code);
    status.last_error_message = std::move(message);
    status.last_error_seq = seq;
  }

  void ClearError() {
    status.last_error.clear();
    status.last_error_message.clear();
    status.last_error_seq = 0;
  }

  // ------------------------------------------------------------------ connection

  void Connect() {
    ++session_;
    state_ = State::kConnecting;
    inflight_.clear();
    status.last_attempt_ms = base::NowMs();
    status.next_attempt_ms = 0;
    net::SyncSocketOptions socket_options;
    socket_options.endpoint = endpoint_;
    socket_options.idle_timeout = options_.idle_timeout;
    std::weak_ptr<Impl> weak = shared_from_this();
    const std::uint64_t session = session_;
    net::SyncSocket::Handlers handlers;
    handlers.on_open = [weak, session] {
      if (auto self = weak.lock(); self && self->session_ == session) {
        self->state_ = State::kAwaitChallenge;
      }
    };
    handlers.on_message = [weak, session](std::string message) {
      if (auto self = weak.lock(); self && self->session_ == session) self->OnMessage(message);
    };
    handlers.on_closed = [weak, session](error_code ec) {
      if (auto self = weak.lock(); self && self->session_ == session) {
        self->socket_.reset();
        self->Drop(LinkCode(ec), ec.message(), 0, false);
      }
    };
    socket_ = net::SyncSocket::Connect(io_, std::move(socket_options), std::move(handlers));
    // Connecting, TLS, the upgrade, Challenge and Welcome: all within this bound.
    session_timer_.expires_after(options_.server.connect_timeout +
                                 2 * options_.server.handshake_timeout);
    session_timer_.async_wait([self = shared_from_this(), session](error_code ec) {
      if (ec || self->session_ != session || self->state_ == State::kReady) return;
      self->Drop("timed_out", make_error_code(net::LinkErrc::timed_out).message(), 0, false);
    });
    Changed(SyncChange::kStatus);
  }

  /// Closes the current connection, if any, and forgets its state.
  void EndSession() {
    ++session_;
    if (socket_) socket_->Close();
    socket_.reset();
    session_timer_.cancel();
    heartbeat_timer_.cancel();
    inflight_.clear();
    state_ = State::kIdle;
    status.connected = false;
  }

  /// Ends the session after a failure, records why, and plans the next attempt.
  void Drop(std::string code, std::string message, std::uint64_t seq, bool refused_device) {
    EndSession();
    SetError(std::move(code), std::move(message), seq);
    if (!status.running) return;
    std::chrono::milliseconds delay = backoff_.Next();
    if (refused_device) {
      // Between half and all of the long delay: jittered as well.
      std::uniform_int_distribution<std::int64_t> draw(options_.auth_backoff.count() / 2,
                                                       options_.auth_backoff.count());
      delay = std::chrono::milliseconds(draw(random_));
    }
    status.next_attempt_ms = base::NowMs() + delay.count();
    retry_timer_.expires_after(delay);
    retry_timer_.async_wait([self = shared_from_this(), session = session_](error_code ec) {
      if (ec || !self->status.running || self->session_ != session) return;
      self->Connect();
    });
    Changed(SyncChange::kStatus);
  }

  void StoreFailed(const error_code& ec) { Drop("store_failed", ec.message(), 0, false); }

  bool Send(const v1::KioskFrame& frame) {
    if (!socket_ || !socket_->Send(frame.SerializeAsString())) return false;
    last_sent_ = Clock::now();
    return true;
  }

  // ------------------------------------------------------------------ frames

  void OnMessage(const std::string& message) {
    v1::ServerFrame frame;
    if (!frame.ParseFromString(message)) {
      return Drop("bad_frame", make_error_code(Errc::bad_frame).message(), 0, false);
    }
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
      case v1::ServerFrame::FRAME_NOT_SET:
        break;
    }
    // A frame kind this client does not know (a newer server): ignored, as protobuf's
    // forward compatibility intends.
  }

  void Unexpected() {
    Drop("unexpected_frame", make_error_code(Errc::unexpected_frame).message(), 0, false);
  }

  void OnChallenge(const v1::Challenge& challenge) {
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

  void OnWelcome(const v1::Welcome& welcome) {
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
    if (auto recorded = store_.RecordAck(resume, base::NowMs()); !recorded) {
      return StoreFailed(recorded.error());
    }
    if (auto applied =
            store_.ApplySealingKey(welcome.sealing_public_key(), welcome.sealing_key_id());
        !applied) {
      return StoreFailed(applied.error());
    }
    session_timer_.cancel();
    state_ = State::kReady;
    send_after_ = resume;
    status.connected = true;
    status.last_connected_ms = base::NowMs();
    status.acked_seq = std::max(position.value().acked_seq, resume);
    // A refused batch keeps its error visible until an Ack shows progress; a link failure
    // is over once connected again.
    if (!batch_refused_) {
      backoff_.Reset();
      ClearError();
    }
    Changed(SyncChange::kStatus);
    if (state_ != State::kReady) return;  // on_change stopped us
    ArmHeartbeat();
    Pump();
  }

  void OnAck(const v1::Ack& ack) {
    if (state_ != State::kReady || inflight_.empty()) return Unexpected();
    inflight_.pop_front();
    if (auto recorded = store_.RecordAck(ack.acked_seq(), base::NowMs()); !recorded) {
      return StoreFailed(recorded.error());
    }
    status.acked_seq = std::max(status.acked_seq, ack.acked_seq());
    status.last_ack_ms = base::NowMs();
    if (batch_refused_ || !status.last_error.empty()) {
      batch_refused_ = false;
      backoff_.Reset();
      ClearError();
    }
    Changed(SyncChange::kAck);
    Pump();
  }

  void OnError(const v1::Error& error) {
    std::string message = error.message().fr() + " / " + error.message().en();
    if (IsBatchRefusal(error.code())) {
      // Nothing of the refused batch was stored, and batches sent after it may have been
      // stored beyond a gap: end the session and let the next Welcome say where to resume.
      batch_refused_ = error.code() != v1::ERROR_CODE_SERVER_BUSY;
    }
    Drop(ShortName(error.code()), std::move(message), error.device_seq(),
         IsAuthRefusal(error.code()));
  }

  void OnList(const v1::ServerFrame& frame) {
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
    Changed(change);
  }

  // ------------------------------------------------------------------ sending

  /// Sends batches from the outbox while fewer than batches_in_flight await their Ack.
  void Pump() {
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
      if (!Send(frame)) return;  // the socket reports the failure through on_closed
    }
  }

  void ArmHeartbeat() {
    heartbeat_timer_.expires_after(options_.heartbeat);
    heartbeat_timer_.async_wait([self = shared_from_this(), session = session_](error_code ec) {
      if (ec || self->session_ != session || self->state_ != State::kReady) return;
      self->OnHeartbeatTimer();
    });
  }

  void OnHeartbeatTimer() {
    if (Clock::now() - last_sent_ >= options_.heartbeat) {
      auto position = store_.Position();
      if (!position) return StoreFailed(position.error());
      v1::KioskFrame frame;
      frame.mutable_heartbeat()->set_sent_at_ms(base::NowMs());
      frame.mutable_heartbeat()->set_highest_recorded_seq(position.value().highest_recorded_seq);
      frame.mutable_heartbeat()->set_pending_events(position.value().pending_events);
      if (Send(frame)) status.last_heartbeat_ms = base::NowMs();
    }
    if (state_ == State::kReady) ArmHeartbeat();
  }

  asio::io_context& io_;
  SyncStore& store_;
  const credential::SigningKey& key_;
  SyncOptions options_;
  net::TlsEndpoint endpoint_;
  base::Backoff backoff_;
  std::mt19937_64 random_{std::random_device{}()};
  asio::steady_timer retry_timer_;
  asio::steady_timer session_timer_;
  asio::steady_timer heartbeat_timer_;
  std::shared_ptr<net::SyncSocket> socket_;
  State state_ = State::kIdle;
  /// Changes with every connection attempt, so that a late handler of an earlier one is
  /// recognised and ignored.
  std::uint64_t session_ = 0;
  /// The last device_seq of each batch sent and not yet acknowledged, oldest first.
  std::deque<std::uint64_t> inflight_;
  std::uint64_t send_after_ = 0;
  Clock::time_point last_sent_{};
  bool pump_posted_ = false;
  /// The server refused a batch and no Ack has shown progress since.
  bool batch_refused_ = false;
};

SyncClient::SyncClient(asio::io_context& io, SyncStore& store, const credential::SigningKey& key,
                       SyncOptions options)
    : impl_(std::make_shared<Impl>(io, store, key, std::move(options))) {}

SyncClient::~SyncClient() {
  impl_->on_change = nullptr;
  impl_->Stop();
}

void SyncClient::set_on_change(OnChange on_change) { impl_->on_change = std::move(on_change); }

Result<void> SyncClient::Start() { return impl_->Start(); }

void SyncClient::Stop() { impl_->Stop(); }

void SyncClient::Notify() { impl_->Notify(); }

const SyncStatus& SyncClient::status() const { return impl_->status; }

}  // namespace minegate::kiosk::sync
