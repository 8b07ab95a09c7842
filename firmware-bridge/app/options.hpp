#pragma once
/// minegate-bridge's settings: flags override the config file, which overrides
/// the environment (LIBNFC_DEVICE), which overrides the defaults.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "base/log.hpp"

namespace minegate::bridge {

enum class Command { run, probe, help, version };

struct Options {
  Command command = Command::run;
  /// libnfc connection string of the reader.
  std::string device;
  /// Unix socket the kiosk connects to.
  std::string socket = "/run/minegate/bridge.sock";
  std::chrono::milliseconds poll_interval{40};
  /// probe: how long to wait for a tag.
  std::chrono::seconds probe_wait{30};
  base::LogLevel log_level = base::LogLevel::info;
};

/// Parses the words after the program name: an optional command (run, probe, help), then
/// options, then the --config file they name (keys: the options without "--"; the old key
/// poll_interval_ms is still read). On failure, nullopt and a bilingual explanation naming the
/// option or key in `error`.
std::optional<Options> ParseOptions(const std::vector<std::string>& args, std::string& error);

/// --help text, French then English, generated from the options ParseOptions reads.
std::string Usage();

}  // namespace minegate::bridge
