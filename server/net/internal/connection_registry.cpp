#include "server/net/internal/connection_registry.hpp"

#include <vector>

namespace minegate::server::net::internal {

std::uint64_t ConnectionRegistry::Add(std::weak_ptr<Connection> connection) {
  std::lock_guard lock(mutex_);
  if (stopping_) return 0;
  const std::uint64_t id = next_id_++;
  connections_.emplace(id, std::move(connection));
  return id;
}

void ConnectionRegistry::Remove(std::uint64_t id) {
  if (id == 0) return;
  std::lock_guard lock(mutex_);
  connections_.erase(id);
}

void ConnectionRegistry::ShutdownAll() {
  std::vector<std::shared_ptr<Connection>> live;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    live.reserve(connections_.size());
    for (const auto& [id, weak] : connections_) {
      if (auto connection = weak.lock()) live.push_back(std::move(connection));
    }
  }
  // Outside the lock: a connection released here may unregister from its destructor.
  for (const auto& connection : live) connection->Shutdown();
}

std::size_t ConnectionRegistry::size() const {
  std::lock_guard lock(mutex_);
  return connections_.size();
}

}  // namespace minegate::server::net::internal
