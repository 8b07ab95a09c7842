#include "server/sync/session_directory.hpp"

#include <algorithm>

namespace minegate::server {

SessionDirectory::SessionDirectory(RegistryReader& registry, std::chrono::milliseconds period)
    : registry_(registry), period_(period) {}

SessionDirectory::~SessionDirectory() { Stop(); }

void SessionDirectory::Add(const std::shared_ptr<SyncSession>& session) {
  std::lock_guard lock(mutex_);
  // Forget closed sessions as the list doubles, so it stays proportional to the live ones.
  if (sessions_.size() >= prune_at_) {
    std::erase_if(sessions_, [](const std::weak_ptr<SyncSession>& s) { return s.expired(); });
    prune_at_ = std::max<std::size_t>(64, 2 * sessions_.size());
  }
  sessions_.push_back(session);
}

std::size_t SessionDirectory::Count() {
  std::lock_guard lock(mutex_);
  std::erase_if(sessions_, [](const std::weak_ptr<SyncSession>& s) { return s.expired(); });
  return sessions_.size();
}

std::vector<std::string> SessionDirectory::ConnectedDevices() {
  std::vector<std::shared_ptr<SyncSession>> open;
  {
    std::lock_guard lock(mutex_);
    for (const auto& weak : sessions_) {
      if (auto session = weak.lock()) open.push_back(std::move(session));
    }
  }
  // Each session's own lock is taken outside the directory's.
  std::vector<std::string> devices;
  for (const auto& session : open) {
    if (session->authenticated()) devices.push_back(session->device_id());
  }
  std::sort(devices.begin(), devices.end());
  devices.erase(std::unique(devices.begin(), devices.end()), devices.end());
  return devices;
}

void SessionDirectory::Start() {
  // The versions to compare with are read here, not in the thread: a change made right after
  // Start() returns must be pushed even if the thread starts late (a loaded machine).
  thread_ = std::thread([this, last = registry_.Versions()]() mutable { Watch(std::move(last)); });
}

void SessionDirectory::Stop() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void SessionDirectory::Watch(db::Result<ListVersions> last) {
  std::unique_lock lock(mutex_);
  while (!stop_) {
    wake_.wait_for(lock, period_);
    if (stop_) break;
    lock.unlock();
    std::vector<std::shared_ptr<SyncSession>> live;
    {
      std::lock_guard copy(mutex_);
      std::erase_if(sessions_, [](const std::weak_ptr<SyncSession>& s) { return s.expired(); });
      for (const auto& weak : sessions_) {
        if (auto session = weak.lock()) live.push_back(std::move(session));
      }
    }
    // Connections that upgraded and never said a valid Hello are closed at their deadline.
    for (const auto& session : live) session->CloseIfNoHelloInTime();
    auto now = registry_.Versions();
    if (now && (!last || !(now.value() == last.value()))) {
      for (const auto& session : live) session->RefreshDownstream();
      last = now;
    }
    lock.lock();
  }
}

}  // namespace minegate::server
