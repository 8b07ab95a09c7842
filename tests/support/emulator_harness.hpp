// Runs minegate-pn532-sim as a real process and libnfc's tools against it.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

namespace minegate::test {

/// Paths fixed at configure time (CMake compile definitions).
struct ToolPaths {
  static const char* Emulator();
  static const char* ScanDevice();
  static const char* List();
  static const char* Mfultralight();
  static const char* Poll();
};

/// One emulator in a private directory: its symlink ("pn532"), control socket ("control.sock")
/// and log ("emulator.log"). The destructor stops it (SIGTERM, then SIGKILL after 5 s).
class EmulatorHarness {
 public:
  static constexpr std::chrono::milliseconds kToolTimeout{20'000};

  /// Starts the emulator with `extra_args` (e.g. {"--tag", "ntag213"}) and waits, bounded,
  /// for its symlink and control socket. nullptr and `error` set on failure.
  static std::unique_ptr<EmulatorHarness> Start(const std::vector<std::string>& extra_args,
                                                std::string& error);
  ~EmulatorHarness();

  /// Sends one control line; the reply line, or "transport error: ..." (bounded by 5 s).
  std::string Control(std::string_view line) const;

  /// Runs a libnfc tool pointed at this emulator (LIBNFC_DEVICE, LIBNFC_AUTO_SCAN=false).
  RunResult RunTool(const std::vector<std::string>& argv,
                    std::chrono::milliseconds timeout = kToolTimeout,
                    const std::string& stdin_path = {}) const;
  /// Starts a libnfc tool in the background, stdout and stderr to files in the directory.
  std::optional<Process> SpawnTool(const std::vector<std::string>& argv,
                                   const std::string& output_name, std::string& error) const;

  /// The environment RunTool and SpawnTool give the tools.
  std::vector<std::pair<std::string, std::string>> LibnfcEnvironment() const;

  const TempDir& dir() const { return dir_; }
  std::string link_path() const { return dir_.File("pn532"); }
  std::string control_path() const { return dir_.File("control.sock"); }
  Process& process() { return *process_; }
  /// The emulator's stderr so far, for failure messages.
  std::string Log() const;

 private:
  EmulatorHarness() = default;

  TempDir dir_{"pn532sim"};
  std::optional<Process> process_;
};

/// Lower-case hex with two spaces after each byte, the way libnfc's tools print bytes.
std::string LibnfcHex(std::string_view compact_upper_hex);

}  // namespace minegate::test
