// minegate-server as a real process on a data directory prepared with the real
// minegatectl: one site (1) with one gate (1) and one gate agent (kSimAgent, no
// PIN), enrolment codes on demand. Restartable (and killable)
// on the same data directory, for durability tests.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "tests/support/net/ws_test_client.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

namespace minegate::test {

/// The gate agent every ServerProcess has (the agent_id of SimulatedKiosk's events).
inline constexpr char kSimAgent[] = "agent.sim";

class ServerProcess {
 public:
  /// Initialises a data directory (minegatectl init, site add) and starts the server.
  static std::unique_ptr<ServerProcess> Create(std::string& error);
  ~ServerProcess();

  /// Starts (or restarts) the server; waits, bounded, for its listening line.
  bool Start(std::string& error);
  /// SIGKILL, as a power cut would: no clean shutdown.
  void Kill();
  /// SIGTERM and wait: the clean way.
  bool Stop();

  /// Runs minegatectl on this data directory.
  RunResult Ctl(const std::vector<std::string>& args) const;
  /// A one-time enrolment code for a new device at `site`, bound to `gate` when one is given;
  /// empty if minegatectl refused.
  std::string NewEnrolmentCode(const std::string& site = "1", const std::string& gate = "");

  ClientOptions client() const;
  std::string Log() const;
  std::string database() const { return dir_.File("data/minegate.db"); }
  Process& process() { return *process_; }

 private:
  ServerProcess() = default;
  TempDir dir_{"srv"};
  std::optional<Process> process_;
  std::uint16_t port_ = 0;
  int starts_ = 0;
  std::string last_log_;
};

}  // namespace minegate::test
