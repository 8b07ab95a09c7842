// The control socket: a Unix stream socket speaking one-line commands and one-line replies.
#pragma once

#include <sys/poll.h>

#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tools/pn532-sim/status.hpp"
#include "tools/pn532-sim/unique_fd.hpp"

namespace minegate::pn532sim {

/// Accepts several clients; each line (LF-terminated, CR tolerated) gets exactly one reply
/// line from the handler. Bounded: at most kMaxClients connections, kMaxLineLength bytes per
/// command, kMaxPendingOutput bytes queued per client; a client over a bound is dropped.
/// Driven by the caller's poll(2) loop. Not thread-safe.
class ControlServer {
 public:
  using Handler = std::function<std::string(std::string_view line)>;
  static constexpr std::size_t kMaxClients = 16;
  /// Room for "place ntag216 UID IMAGE": a copied NTAG216's 924 bytes are 1,848 hex digits.
  static constexpr std::size_t kMaxLineLength = 4096;
  static constexpr std::size_t kMaxPendingOutput = 1 << 20;

  /// Binds `path`, replacing a stale socket file; refuses a live socket or another file.
  static std::unique_ptr<ControlServer> Open(const std::string& path, Status& status);

  ~ControlServer();
  ControlServer(const ControlServer&) = delete;
  ControlServer& operator=(const ControlServer&) = delete;

  /// Descriptors to poll, listener first; pass the same vector, with revents, to Service.
  std::vector<pollfd> PollFds() const;
  void Service(std::span<const pollfd> ready, const Handler& handler);

 private:
  struct Client {
    UniqueFd fd;
    std::string input;
    std::string output;
    bool closing = false;
  };

  ControlServer(std::string path, UniqueFd listener);
  void Accept();
  /// Reads what is available and answers complete lines; false when the client is gone.
  bool ReadFrom(Client& client, const Handler& handler);
  /// Writes what it can; false on a write error.
  static bool Flush(Client& client);

  std::string path_;
  UniqueFd listener_;
  std::vector<std::unique_ptr<Client>> clients_;
};

}  // namespace minegate::pn532sim
