// minegate-kiosk's command line: `run` (the daemon) and `enroll` (once per
// kiosk). Every setting is a flag, so a service unit states all of it.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace minegate::kiosk::app {

enum class Command { run, enroll, help };

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
  /// Overrides a gate the enrolment did not give.
  std::uint32_t gate_id = 0;

  // enroll
  std::string code;
  std::string enrolment_file;
  /// HOST:PORT of minegate-server.
  std::string server;
  /// SHA-256 of the server certificate (hex); from the enrolment file when it has one.
  std::string server_fingerprint;
};

/// Parses argv; on failure, nullopt and a bilingual explanation in `error`.
std::optional<Options> ParseOptions(int argc, char** argv, std::string& error);

/// --help text, French then English.
std::string Usage();

}  // namespace minegate::kiosk::app
