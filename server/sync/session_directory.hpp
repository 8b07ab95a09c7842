#pragma once
/// The live sync sessions, and a watcher thread that pushes list changes to
/// them: when an administrator revokes a device or a bracelet, or publishes an
/// alert, the list versions move; every connected kiosk then receives what
/// changed, and a revoked kiosk is disconnected. Thread-safe.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "server/sync/registry_reader.hpp"
#include "server/sync/sync_session.hpp"

namespace minegate::server {

class SessionDirectory {
 public:
  explicit SessionDirectory(RegistryReader& registry,
                            std::chrono::milliseconds period = std::chrono::seconds(1));
  ~SessionDirectory();
  SessionDirectory(const SessionDirectory&) = delete;
  SessionDirectory& operator=(const SessionDirectory&) = delete;

  void Add(const std::shared_ptr<SyncSession>& session);
  /// Sessions still open (closed ones are forgotten as they are found).
  std::size_t Count();
  /// The devices whose sessions are open and authenticated now, sorted, without repeats: what
  /// the administrators' device list shows as "connected".
  std::vector<std::string> ConnectedDevices();
  /// Starts the watcher thread; Stop() ends it (also in the destructor). Every change made
  /// after Start() returns is pushed.
  void Start();
  void Stop();

 private:
  /// Pushes to the sessions whenever the versions differ from `last`.
  void Watch(db::Result<ListVersions> last);

  RegistryReader& registry_;
  std::chrono::milliseconds period_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::vector<std::weak_ptr<SyncSession>> sessions_;
  std::size_t prune_at_ = 64;
  std::thread thread_;
};

}  // namespace minegate::server
