// The emulated serial port: a pseudo-terminal reachable through a stable symlink.
#pragma once

#include <memory>
#include <string>

#include "tools/pn532-sim/status.hpp"
#include "tools/pn532-sim/unique_fd.hpp"

namespace minegate::pn532sim {

/// A raw pty whose slave side the emulator keeps open (so the master never reads EIO between
/// two libnfc sessions) and whose slave path is published as a symlink, the path given to
/// libnfc as pn532_uart:PATH. Unplugging closes both sides and removes the symlink, so opening
/// fails and a client still connected gets I/O errors. Not thread-safe.
class PtyLink {
 public:
  /// Creates the pty and the symlink (replacing a stale symlink, never another kind of file).
  static std::unique_ptr<PtyLink> Open(const std::string& link_path, Status& status);

  ~PtyLink();
  PtyLink(const PtyLink&) = delete;
  PtyLink& operator=(const PtyLink&) = delete;

  /// Non-blocking master side: read host bytes, write chip bytes.
  int master_fd() const { return master_.get(); }
  const std::string& slave_path() const { return slave_path_; }

 private:
  PtyLink(std::string link_path, std::string slave_path, UniqueFd master, UniqueFd slave);

  std::string link_path_;
  std::string slave_path_;
  UniqueFd master_;
  UniqueFd slave_;
};

}  // namespace minegate::pn532sim
