#pragma once
/// The kiosk's side of the sync protocol (docs/protocol.md §3-6) as a state machine without
/// sockets: it answers the server's challenge with a Hello signed by the device key, resumes
/// the outbox from where the Welcome says, keeps up to batches_in_flight batches unacknowledged,
/// applies the down-stream lists, sends Heartbeats when idle, and after any failure decides
/// when to try again (base::Backoff; a long delay when the device itself was refused). Events
/// are never dropped here: the store keeps them until an acknowledgement covers them.
///
/// It is told what happened (OnOpen, OnFrame, OnClosed, OnTimer) and acts through a SyncLink;
/// the time comes from a base::Clock. Threading: one thread, the link's; calls may re-enter
/// (a failed Send reports OnClosed from inside it).

#include <boost/system/error_code.hpp>
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <random>
#include <string>

#include "base/backoff.hpp"
#include "base/clock.hpp"
#include "kiosk/sync/sync_error.hpp"
#include "kiosk/sync/sync_link.hpp"
#include "kiosk/sync/sync_options.hpp"
#include "kiosk/sync/sync_status.hpp"
#include "kiosk/sync/sync_store.hpp"
#include "proto/credential/signing_key.hpp"

namespace minegate::kiosk::sync {

class SyncMachine {
 public:
  /// `seed` draws the reconnection jitter (random in production, fixed in tests).
  SyncMachine(SyncLink& link, SyncStore& store, const credential::SigningKey& key,
              SyncOptions options, base::Clock clock, std::uint64_t seed);
  SyncMachine(const SyncMachine&) = delete;
  SyncMachine& operator=(const SyncMachine&) = delete;

  /// Errc::bad_options without a device id, a batch size or a window.
  Result<void> CheckOptions() const;
  /// Opens the first connection. Errors: those of CheckOptions; nothing is attempted then.
  Result<void> Start();
  /// Closes the connection and cancels every timer; Start() may be called again.
  void Stop();
  /// New events were recorded: sent now if the session is ready (otherwise at the next one).
  void Pump();

  /// The connection is open: the server's Challenge is next.
  void OnOpen();
  void OnFrame(const v1::ServerFrame& frame);
  /// A message that is not a ServerFrame.
  void OnBadFrame();
  /// The connection failed or ended (a kiosk::net::LinkErrc, or any other code).
  void OnClosed(const boost::system::error_code& ec);
  void OnTimer(SyncTimer timer);

  /// The server's answer to a question: a ServerFrame holding police_history or
  /// miner_card_holder. One whose outcome is UNSPECIFIED means the session ended before the
  /// server answered (nothing more will come for it).
  using AnswerHandler = std::function<void(const v1::ServerFrame&)>;
  void set_on_answer(AnswerHandler handler) { on_answer_ = std::move(handler); }
  /// Sends a question — a KioskFrame holding a border police officer's police_history_request
  /// (docs/protocol.md §7.2) or an EMAPE official's miner_card_holder_request (§7.3) — on the
  /// ready session; false when there is none (offline: nothing is asked), the frame holds no
  /// question, or it could not be queued. One at a time, as the server answers them: a new
  /// question replaces the one awaited (its answer, if it comes, is dropped).
  bool Ask(const v1::KioskFrame& question);

  const SyncStatus& status() const { return status_; }
  bool ready() const { return state_ == State::kReady; }

 private:
  enum class State { kIdle, kConnecting, kAwaitChallenge, kAwaitWelcome, kReady };

  void Connect();
  void EndSession();
  void Drop(std::string code, std::string message, std::uint64_t seq, bool refused_device);
  void StoreFailed(const boost::system::error_code& ec);
  void Unexpected();
  bool Send(const v1::KioskFrame& frame);
  void SetError(std::string code, std::string message, std::uint64_t seq);
  void ClearError();

  void OnChallenge(const v1::Challenge& challenge);
  void OnWelcome(const v1::Welcome& welcome);
  void OnAck(const v1::Ack& ack);
  void OnError(const v1::Error& error);
  void OnAnswer(const v1::ServerFrame& frame);
  void OnList(const v1::ServerFrame& frame);
  void OnHeartbeatTimer();
  void MeasureClock(const v1::Welcome& welcome);

  SyncLink& link_;
  SyncStore& store_;
  const credential::SigningKey& key_;
  SyncOptions options_;
  base::Clock clock_;
  base::Backoff backoff_;
  std::mt19937_64 random_;
  SyncStatus status_;
  State state_ = State::kIdle;
  /// Changes with every connection and every end of one, so that a loop that a re-entrant
  /// OnClosed interrupted notices and stops.
  std::uint64_t session_ = 0;
  /// The last device_seq of each batch sent and not yet acknowledged, oldest first.
  std::deque<std::uint64_t> inflight_;
  std::uint64_t send_after_ = 0;
  std::int64_t last_sent_ms_ = 0;
  /// The server refused a batch and no Ack has shown progress since.
  bool batch_refused_ = false;
  AnswerHandler on_answer_;
  /// The question awaiting its answer on this session: the answer's frame case and request id.
  struct Question {
    v1::ServerFrame::FrameCase answer_case = v1::ServerFrame::FRAME_NOT_SET;
    std::uint64_t request_id = 0;
  };
  std::optional<Question> question_;
};

}  // namespace minegate::kiosk::sync
