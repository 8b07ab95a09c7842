#pragma once
/// What the sync state machine asks of the world around it: a connection to open, frames to
/// send, timers to set and a change to announce. The socket driver (SyncClient) implements it
/// on a TLS WebSocket and Asio timers; unit tests implement it with a list of what was asked.

#include <chrono>

#include "kiosk/sync/sync_status.hpp"
#include "minegate/v1/sync.pb.h"

namespace minegate::kiosk::sync {

/// The machine's timers; setting one again replaces its previous deadline.
enum class SyncTimer {
  kRetry,      ///< the next connection attempt
  kHandshake,  ///< connect, TLS, upgrade, Challenge and Welcome must end before it
  kHeartbeat,  ///< time to check whether a Heartbeat is due
};

class SyncLink {
 public:
  virtual ~SyncLink() = default;
  /// Opens a new connection (closing any previous one); its outcome arrives through the
  /// machine's OnOpen, OnFrame/OnBadFrame and OnClosed.
  virtual void Open() = 0;
  /// False when the frame could not be queued; the link then reports OnClosed, possibly
  /// from inside this call.
  virtual bool Send(const v1::KioskFrame& frame) = 0;
  /// Closes the current connection; OnClosed is not reported for it.
  virtual void Close() = 0;
  /// OnTimer(timer) after delay, unless cancelled or set again first.
  virtual void StartTimer(SyncTimer timer, std::chrono::milliseconds delay) = 0;
  virtual void CancelTimer(SyncTimer timer) = 0;
  /// The status changed, events were acknowledged or a list applied.
  virtual void Changed(SyncChange change) = 0;
};

}  // namespace minegate::kiosk::sync
