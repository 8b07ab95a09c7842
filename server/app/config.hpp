#pragma once
/// minegate-server's configuration: a `key = value` file (--config) overridden by flags.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

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
  std::vector<std::string> host_names;  ///< extra SAN entries of a generated certificate

  std::filesystem::path database_path() const { return data_dir / "minegate.db"; }
};

enum class Command { kRun, kHelp };

struct ParsedArgs {
  Command command = Command::kRun;
  Config config;
};

/// Parses the arguments after the program name. nullopt with a bilingual `error` on an
/// unknown option, a missing or bad value, an unreadable config file, or a configuration
/// ValidateConfig refuses.
std::optional<ParsedArgs> ParseArgs(const std::vector<std::string>& args, std::string& error);

/// Rules across options: a valid listen address; plain HTTP only on loopback; certificate and
/// key together; host names fit for a certificate; 1..64 threads. Empty if the config is
/// acceptable, otherwise a bilingual reason.
std::string ValidateConfig(const Config& config);

/// Every option, bilingual, for --help.
std::string Usage();

}  // namespace minegate::server
