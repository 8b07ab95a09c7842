#pragma once
/// minegate-server's configuration: a `key = value` file (--config) overridden by flags.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/log.hpp"

namespace minegate::server {

struct Config {
  std::string listen_address = "0.0.0.0";
  std::uint16_t port = 8443;  ///< 0: any free port (printed at start-up)
  /// The database (minegate.db), keys and a generated certificate live here.
  std::filesystem::path data_dir = "/var/lib/minegate";
  std::filesystem::path tls_certificate;  ///< with tls_key; both empty: self-signed
  std::filesystem::path tls_key;
  bool plain_http = false;              ///< only with a loopback listen address
  unsigned threads = 2;                 ///< I/O threads
  unsigned api_threads = 4;             ///< officials' API workers (database, Argon2id)
  unsigned session_idle_minutes = 30;   ///< an official's unused session ends
  unsigned session_hours = 12;          ///< an official's session ends regardless
  std::vector<std::string> host_names;  ///< extra SAN entries of a generated certificate

  std::filesystem::path database_path() const { return data_dir / "minegate.db"; }
};

enum class Command { kRun, kHelp, kVersion };

struct ParsedArgs {
  Command command = Command::kRun;
  Config config;
  base::LogLevel log_level = base::LogLevel::info;
};

/// Parses the arguments after the program name, then the --config file (same keys as the
/// options, without "--"; relative paths there are relative to the file; flags win, and
/// --host-name flags replace the file's list). nullopt with a bilingual `error` naming the
/// option or key on an unknown one, a missing or bad value, an unreadable config file, or a
/// configuration ValidateConfig refuses.
std::optional<ParsedArgs> ParseArgs(const std::vector<std::string>& args, std::string& error);

/// Rules across options: a valid listen address; plain HTTP only on loopback; certificate and
/// key together; host names fit for a certificate; 1..64 threads. Empty if the config is
/// acceptable, otherwise a bilingual reason.
std::string ValidateConfig(const Config& config);

/// Every option, bilingual, for --help: generated from the options ParseArgs reads.
std::string Usage();

}  // namespace minegate::server
