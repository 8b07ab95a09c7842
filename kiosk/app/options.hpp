// minegate-kiosk's command line: `run` (the daemon) and `enroll` (once per
// kiosk). Every setting is a flag, and also a key of the --config file.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/log.hpp"

namespace minegate::kiosk::app {

enum class Command { run, enroll, help, version };

struct Options {
  Command command = Command::run;
  /// The kiosk database and keys/device.key live here (mode 0700).
  std::string data_dir = "/var/lib/minegate-kiosk";

  // run
  std::string bridge_socket = "/run/minegate/bridge.sock";
  std::string ui_address = "127.0.0.1";
  std::uint16_t ui_port = 8080;
  std::chrono::minutes idle_sign_out{5};
  std::uint32_t max_pin_failures = 5;
  std::chrono::minutes lock_duration{15};
  std::uint32_t stale_after_days = 3;
  std::chrono::hours retention{24 * 7};
  std::chrono::hours roster_ttl{24 * 30};
  /// The page warns when the kiosk's clock is this far from the server's (at each connection).
  std::chrono::seconds clock_skew_warning{120};
  /// Overrides a gate the enrolment did not give.
  std::uint32_t gate_id = 0;

  // enroll
  std::string code;
  std::string enrolment_file;
  /// HOST:PORT of minegate-server.
  std::string server;
  /// SHA-256 of the server certificate (hex); from the enrolment file when it has one.
  std::string server_fingerprint;

  base::LogLevel log_level = base::LogLevel::info;
};

/// Parses the words after the program name: an optional command (run, enroll, help), the
/// options, enroll's CODE, then the --config file (keys: the options without "--"; flags win).
/// On failure, nullopt and a bilingual explanation naming the option or key in `error`.
std::optional<Options> ParseOptions(const std::vector<std::string>& args, std::string& error);

/// --help text, French then English, generated from the options ParseOptions reads.
std::string Usage();

}  // namespace minegate::kiosk::app
