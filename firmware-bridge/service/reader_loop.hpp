#pragma once
/// The reader thread: owns the NfcReader, polls for tags, reads their
/// credentials, watches them leave, performs write requests, and reconnects
/// with backoff when the reader goes away. Everything it learns goes out
/// through the Publish callback, from the reader thread; that callback must
/// not block (the client hub only posts to its own thread).

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "base/backoff.hpp"
#include "firmware-bridge/reader/nfc_reader.hpp"
#include "firmware-bridge/reader/tag_model.hpp"
#include "minegate/v1/reader.pb.h"

namespace minegate::bridge {

struct ReaderLoopOptions {
  /// libnfc connection string, e.g. "pn532_uart:/dev/ttyUSB0".
  std::string connstring;
  /// Pause between selections while the field is empty.
  std::chrono::milliseconds poll_interval{40};
  /// Pause between presence checks while a tag stays in the field.
  std::chrono::milliseconds presence_interval{100};
  /// Reconnection backoff (base::Backoff): the ceiling doubles from min to max, full jitter.
  std::chrono::milliseconds backoff_min{250};
  std::chrono::milliseconds backoff_max{8000};
};

/// Identifies the client a message answers; 0 for a broadcast.
using ClientId = std::uint64_t;

class ReaderLoop {
 public:
  using Publish = std::function<void(const v1::BridgeMessage& message, ClientId to)>;

  ReaderLoop(ReaderLoopOptions options, Publish publish);
  ReaderLoop(const ReaderLoop&) = delete;
  ReaderLoop& operator=(const ReaderLoop&) = delete;
  ~ReaderLoop();

  /// Starts the reader thread and its watchdog.
  void Start();
  /// Stops both; aborts a libnfc call in progress. Idempotent.
  void Stop();

  /// Queues a write for the tag in the field; the result goes to `client`.
  /// Thread-safe.
  void SubmitWrite(ClientId client, v1::WriteCredential request);

 private:
  struct PendingWrite {
    ClientId client;
    v1::WriteCredential request;
  };
  struct PresentTag {
    reader::Target target;
    std::optional<reader::TagInfo> info;
    std::uint64_t presentation_id = 0;
  };

  void Run();
  void RunWatchdog();
  bool Connect();
  void Disconnect(const boost::system::error_code& why);
  void PublishStatus(v1::ReaderState state, const boost::system::error_code& why,
                     std::chrono::milliseconds retry_in);
  /// Identifies and reads the tag, then publishes it; false when the reader failed.
  bool OnTagSelected(reader::Target target, std::chrono::steady_clock::time_point selected_at,
                     std::chrono::nanoseconds libnfc_before);
  /// Watches the present tag until it leaves; false when the reader failed.
  bool WatchPresentTag();
  void HandleWrite(const PendingWrite& write);
  /// Tells clients the present tag left, and forgets it.
  void PublishRemoved();
  void AnswerWritesWithoutTag(v1::WriteOutcome outcome);
  /// Sleeps up to `duration`, waking early on Stop() or, if asked, a queued write.
  void Wait(std::chrono::milliseconds duration, bool wake_on_write = true);
  std::optional<PendingWrite> TakeWrite();

  ReaderLoopOptions options_;
  Publish publish_;

  std::mutex mutex_;  ///< guards stop_, writes_ and reader_ (the pointer, not the reader)
  std::condition_variable wake_;
  bool stop_ = false;
  std::deque<PendingWrite> writes_;
  std::shared_ptr<reader::NfcReader> reader_;

  // Reader-thread state.
  std::optional<PresentTag> present_;
  std::uint64_t next_presentation_id_ = 1;
  base::Backoff backoff_;

  std::thread thread_;
  std::thread watchdog_;
};

}  // namespace minegate::bridge
