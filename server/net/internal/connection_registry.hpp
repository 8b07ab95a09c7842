#pragma once
/// Every live connection, so that stopping the server can close them all and the listener
/// can refuse connections beyond the limit. Thread-safe.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace minegate::server::net::internal {

/// A session of any kind (detecting, HTTP, WebSocket), as the registry sees it.
class Connection {
 public:
  virtual ~Connection() = default;
  /// Asks the connection to close soon: posts to its strand, so callable from any thread.
  virtual void Shutdown() = 0;
};

class ConnectionRegistry {
 public:
  /// An id for Remove(), or 0 when the server is stopping: the caller then closes at once.
  std::uint64_t Add(std::weak_ptr<Connection> connection);
  /// Forgets `id` (0 is ignored). Called when the connection ends: from the destructor of a
  /// detect or HTTP session, from ServerStream::OnClosed for a WebSocket.
  void Remove(std::uint64_t id);
  /// Refuses further Add()s and calls Shutdown() on every live connection.
  void ShutdownAll();
  std::size_t size() const;

 private:
  mutable std::mutex mutex_;
  std::unordered_map<std::uint64_t, std::weak_ptr<Connection>> connections_;
  std::uint64_t next_id_ = 1;
  bool stopping_ = false;
};

}  // namespace minegate::server::net::internal
