#pragma once
/// One kiosk's sync connection, as a protocol state machine (docs/protocol.md):
/// challenge → signed hello → welcome and down-stream lists → batches, each
/// acknowledged only once the writer's commit has returned. No sockets here:
/// the network layer feeds OnOpen/OnBinary/OnText/OnClosed and gives a Peer.
///
/// Threading: the On* calls come from the connection's strand and
/// RefreshDownstream() from the app's list watcher; a mutex keeps them apart.
/// Writer callbacks come from the writer thread and touch only the peer (whose
/// methods are thread-safe) and atomics.

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "minegate/v1/sync.pb.h"
#include "server/ingest/event_validator.hpp"
#include "server/ingest/event_writer.hpp"
#include "server/sync/registry_reader.hpp"

namespace minegate::server {

/// The connection as the protocol sees it.
class SyncPeer {
 public:
  virtual ~SyncPeer() = default;
  virtual void Send(const v1::ServerFrame& frame) = 0;
  /// Sends what is queued, then closes.
  virtual void Close() = 0;
  virtual void ResumeReading() = 0;
};

/// Counters the session reports (wired to the metrics registry by the app).
struct SyncObserver {
  std::function<void(v1::ErrorCode)> on_refused;  ///< a frame or batch refused
  std::function<void(std::size_t events)> on_acknowledged;
  std::function<void(const std::string& device_id)> on_authenticated;
};

/// What every session shares.
struct SyncContext {
  RegistryReader* registry = nullptr;
  EventWriter* writer = nullptr;
  OpenSealed open_sealed;
  std::string sealing_public_key;
  std::string sealing_key_id;
  std::function<std::int64_t()> now_ms;
  SyncObserver observer;
};

class SyncSession : public std::enable_shared_from_this<SyncSession> {
 public:
  /// Batches a kiosk may have in flight before the session stops reading.
  static constexpr int kMaxInFlight = 4;
  /// How long a connection may stay upgraded without a valid Hello (docs/protocol.md §1): a
  /// kiosk sends it at once; a client that never does would otherwise hold its socket until
  /// the idle limit, or for ever if it answers pings.
  static constexpr std::int64_t kHelloTimeoutMs = 30'000;

  SyncSession(const SyncContext& context, std::shared_ptr<SyncPeer> peer);

  void OnOpen();
  /// False: stop reading until the peer's ResumeReading().
  bool OnBinary(std::string_view message);
  void OnText();
  void OnClosed();

  /// Sends list updates newer than what this kiosk holds (called by the app's
  /// watcher when versions change); closes the session if its device was revoked.
  void RefreshDownstream();
  /// Closes, with ERROR_CODE_TIMEOUT, a session still without a valid Hello kHelloTimeoutMs
  /// after it opened (called by the app's watcher about once a second).
  void CloseIfNoHelloInTime();

  std::string device_id() {
    std::lock_guard lock(mutex_);
    return device_.device_id;
  }
  bool authenticated() const { return state_ == State::kReady; }

 private:
  enum class State { kAwaitingHello, kReady, kClosed };
  /// When OnOpen ran (context_.now_ms), for the Hello deadline.
  std::int64_t opened_at_ms_ = 0;

  /// True when the hello was accepted; otherwise refuses the frame (named by `fr` / `en`) and
  /// closes.
  bool RequireReady(const std::string& fr, const std::string& en);
  void HandleHello(const v1::Hello& hello);
  bool HandleBatch(v1::EventBatch& batch);
  /// A kiosk's person-level request, answered on the writer thread with its audit entry:
  /// `answer_fill` there, or `busy_fill` at once when another is still in flight.
  void AnswerOnWriter(const std::function<void(v1::ServerFrame&)>& busy_fill,
                      std::function<void(db::Connection&, v1::ServerFrame&)> answer_fill);
  /// A border police officer's read (police_history.hpp), answered from the writer thread.
  void HandlePoliceHistory(const v1::PoliceHistoryRequest& request);
  /// An EMAPE official's question before a miner's card (miner_card_holder.hpp).
  void HandleMinerCardHolder(const v1::MinerCardHolderRequest& request);
  void SendDownstream();
  void Refuse(v1::ErrorCode code, const std::string& fr, const std::string& en,
              std::uint64_t device_seq, bool close);

  const SyncContext& context_;
  std::shared_ptr<SyncPeer> peer_;
  std::mutex mutex_;
  std::atomic<State> state_{State::kAwaitingHello};
  std::string nonce_;
  DeviceRecord device_;
  ListVersions known_;
  std::atomic<int> in_flight_{0};
  std::atomic<bool> closed_{false};
  /// A police or miner's-card-holder request is being answered (one at a time: they share it).
  std::atomic<bool> kiosk_request_in_flight_{false};
};

}  // namespace minegate::server
