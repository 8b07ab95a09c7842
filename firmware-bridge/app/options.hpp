#pragma once
/// minegate-bridge's settings: flags override the config file, which overrides
/// the environment (LIBNFC_DEVICE), which overrides the defaults.

#include <chrono>
#include <optional>
#include <string>

namespace minegate::bridge {

enum class Command { run, probe, help };

struct Options {
  Command command = Command::run;
  /// libnfc connection string of the reader.
  std::string device;
  /// Unix socket the kiosk connects to.
  std::string socket = "/run/minegate/bridge.sock";
  std::chrono::milliseconds poll_interval{40};
  /// probe: how long to wait for a tag.
  std::chrono::seconds probe_wait{30};
};

/// Parses argv (and the config file it names); on failure, nullopt and a
/// bilingual explanation in `error`.
std::optional<Options> ParseOptions(int argc, char** argv, std::string& error);

/// --help text, French then English.
std::string Usage();

}  // namespace minegate::bridge
