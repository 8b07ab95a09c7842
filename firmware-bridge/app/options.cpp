#include "firmware-bridge/app/options.hpp"

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string_view>

namespace minegate::bridge {
namespace {

std::string Trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r");
  return std::string(text.substr(first, last - first + 1));
}

std::optional<long> ParseNumber(const std::string& text) {
  long value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

/// "key = value" lines; '#' starts a comment.
std::optional<std::map<std::string, std::string>> ReadConfig(const std::string& path,
                                                             std::string& error) {
  std::ifstream in(path);
  if (!in) {
    error = "fichier de configuration illisible / unreadable config file: " + path;
    return std::nullopt;
  }
  std::map<std::string, std::string> values;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    const std::string content = Trim(line.substr(0, line.find('#')));
    if (content.empty()) continue;
    const auto eq = content.find('=');
    if (eq == std::string::npos) {
      error = path + ":" + std::to_string(number) + ": « clé = valeur » attendu / expected";
      return std::nullopt;
    }
    values[Trim(content.substr(0, eq))] = Trim(content.substr(eq + 1));
  }
  return values;
}

bool Apply(Options& options, const std::string& key, const std::string& value, std::string& error) {
  if (key == "device") {
    options.device = value;
  } else if (key == "socket") {
    options.socket = value;
  } else if (key == "poll-ms" || key == "poll_interval_ms") {
    auto n = ParseNumber(value);
    if (!n) {
      error = key + ": entier positif attendu / positive integer expected";
      return false;
    }
    options.poll_interval = std::chrono::milliseconds(*n);
  } else if (key == "wait-seconds") {
    auto n = ParseNumber(value);
    if (!n) {
      error = key + ": entier positif attendu / positive integer expected";
      return false;
    }
    options.probe_wait = std::chrono::seconds(*n);
  } else {
    error = "option inconnue / unknown option: " + key;
    return false;
  }
  return true;
}

}  // namespace

std::string Usage() {
  return "utilisation / usage:\n"
         "  minegate-bridge [run] [--device CONNSTRING] [--socket PATH] [--config FILE]\n"
         "                        [--poll-ms N]\n"
         "      démon du lecteur NFC / NFC reader daemon\n"
         "  minegate-bridge probe [--device CONNSTRING] [--config FILE] [--wait-seconds N]\n"
         "      contrôle du technicien : ouvre le lecteur, attend une puce, la décrit /\n"
         "      technician's check: opens the reader, waits for one tag, describes it\n"
         "\n"
         "  --device CONNSTRING  lecteur libnfc / libnfc reader, e.g. pn532_uart:/dev/ttyUSB0\n"
         "                       (défaut / default: $LIBNFC_DEVICE)\n"
         "  --socket PATH        socket Unix du kiosque / kiosk Unix socket\n"
         "                       (défaut / default: /run/minegate/bridge.sock)\n"
         "  --config FILE        lignes « clé = valeur » (device, socket, poll-ms) /\n"
         "                       \"key = value\" lines; flags override it\n"
         "  --poll-ms N          pause entre deux recherches de puce / pause between polls (40)\n"
         "  --wait-seconds N     probe : attente d'une puce / probe: wait for a tag (30)\n";
}

std::optional<Options> ParseOptions(int argc, char** argv, std::string& error) {
  Options options;
  if (const char* env = std::getenv("LIBNFC_DEVICE"); env != nullptr) options.device = env;

  int first = 1;
  if (argc > 1) {
    const std::string_view command(argv[1]);
    if (command == "probe") {
      options.command = Command::probe;
      first = 2;
    } else if (command == "run") {
      first = 2;
    } else if (command == "--help" || command == "-h" || command == "help") {
      options.command = Command::help;
      return options;
    }
  }

  std::map<std::string, std::string> flags;
  for (int i = first; i < argc; ++i) {
    const std::string_view arg(argv[i]);
    if (!arg.starts_with("--") || i + 1 >= argc) {
      error = "argument inattendu / unexpected argument: " + std::string(arg);
      return std::nullopt;
    }
    flags[std::string(arg.substr(2))] = argv[++i];
  }
  if (auto config = flags.find("config"); config != flags.end()) {
    auto values = ReadConfig(config->second, error);
    if (!values) return std::nullopt;
    for (const auto& [key, value] : *values) {
      if (!Apply(options, key, value, error)) return std::nullopt;
    }
    flags.erase(config);
  }
  for (const auto& [key, value] : flags) {
    if (!Apply(options, key, value, error)) return std::nullopt;
  }
  if (options.device.empty()) {
    error =
        "aucun lecteur : --device, device= ou LIBNFC_DEVICE / no reader: --device, "
        "device= or LIBNFC_DEVICE";
    return std::nullopt;
  }
  return options;
}

}  // namespace minegate::bridge
