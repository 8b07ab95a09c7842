#include "server/app/config.hpp"

#include <boost/asio/ip/address.hpp>
#include <charconv>
#include <fstream>
#include <utility>

#include "server/tls/identity.hpp"

namespace minegate::server {
namespace {

std::string Trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r");
  return std::string(text.substr(first, last - first + 1));
}

std::optional<unsigned long> ParseUnsigned(const std::string& text, unsigned long max) {
  unsigned long value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value > max) return std::nullopt;
  return value;
}

std::optional<bool> ParseBool(const std::string& text) {
  if (text == "true" || text == "yes" || text == "1" || text == "on") return true;
  if (text == "false" || text == "no" || text == "0" || text == "off") return false;
  return std::nullopt;
}

using Settings = std::vector<std::pair<std::string, std::string>>;

/// "key = value" lines in file order (a key may repeat); '#' starts a comment.
std::optional<Settings> ReadConfigFile(const std::filesystem::path& path, std::string& error) {
  std::ifstream in(path);
  if (!in) {
    error = "fichier de configuration illisible / unreadable config file: " + path.string();
    return std::nullopt;
  }
  Settings settings;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    const std::string content = Trim(line.substr(0, line.find('#')));
    if (content.empty()) continue;
    const auto eq = content.find('=');
    if (eq == std::string::npos) {
      error = path.string() + ":" + std::to_string(number) +
              ": « clé = valeur » attendu / \"key = value\" expected";
      return std::nullopt;
    }
    settings.emplace_back(Trim(content.substr(0, eq)), Trim(content.substr(eq + 1)));
  }
  return settings;
}

/// Applies one setting. `base` resolves relative paths (the config file's directory, or
/// nothing for flags, which are relative to the working directory).
bool Apply(Config& config, const std::string& key, const std::string& value,
           const std::filesystem::path& base, std::string& error) {
  auto path = [&base](const std::string& text) {
    const std::filesystem::path given(text);
    return given.is_relative() && !base.empty() ? base / given : given;
  };
  auto bad = [&](std::string_view expected) {
    error = key + ": " + std::string(expected) + ": " + value;
    return false;
  };
  if (key == "listen") {
    config.listen_address = value;
  } else if (key == "port") {
    auto port = ParseUnsigned(value, 65535);
    if (!port) return bad("port 0..65535 attendu / port 0..65535 expected");
    config.port = static_cast<std::uint16_t>(*port);
  } else if (key == "data-dir") {
    if (value.empty()) return bad("répertoire attendu / directory expected");
    config.data_dir = path(value);
  } else if (key == "tls-cert") {
    config.tls_certificate = path(value);
  } else if (key == "tls-key") {
    config.tls_key = path(value);
  } else if (key == "plain-http") {
    auto flag = ParseBool(value);
    if (!flag) return bad("true ou false attendu / true or false expected");
    config.plain_http = *flag;
  } else if (key == "threads") {
    auto threads = ParseUnsigned(value, 64);
    if (!threads || *threads == 0) return bad("entier 1..64 attendu / integer 1..64 expected");
    config.threads = static_cast<unsigned>(*threads);
  } else if (key == "host-name") {
    config.host_names.push_back(value);
  } else {
    error = "option inconnue / unknown option: " + key;
    return false;
  }
  return true;
}

bool IsLoopback(const boost::asio::ip::address& address) {
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return address.to_v6().to_v4().is_loopback();
  }
  return address.is_loopback();
}

}  // namespace

std::string ValidateConfig(const Config& config) {
  boost::system::error_code ec;
  const auto address = boost::asio::ip::make_address(config.listen_address, ec);
  if (ec) {
    return "--listen : adresse IP attendue / IP address expected: " + config.listen_address;
  }
  if (config.plain_http && !IsLoopback(address)) {
    return "--plain-http n'est permis que sur une adresse de bouclage (127.0.0.1, ::1), pas " +
           config.listen_address +
           " / --plain-http is only allowed on a loopback address (127.0.0.1, ::1), not " +
           config.listen_address;
  }
  if (config.tls_certificate.empty() != config.tls_key.empty()) {
    return "--tls-cert et --tls-key vont ensemble / --tls-cert and --tls-key go together";
  }
  for (const auto& host : config.host_names) {
    if (!tls::IsValidCertificateHostName(host)) {
      return "--host-name : nom d'hôte ou adresse IP invalide / invalid host name or IP "
             "address: " +
             host;
    }
  }
  if (config.threads == 0 || config.threads > 64) {
    return "--threads : entier 1..64 attendu / integer 1..64 expected";
  }
  return {};
}

std::optional<ParsedArgs> ParseArgs(const std::vector<std::string>& args, std::string& error) {
  ParsedArgs parsed;
  Settings flags;
  std::optional<std::filesystem::path> config_file;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--help" || arg == "-h") {
      parsed.command = Command::kHelp;
      return parsed;
    }
    if (!arg.starts_with("--")) {
      error = "argument inattendu / unexpected argument: " + arg;
      return std::nullopt;
    }
    std::string key = arg.substr(2);
    std::string value;
    if (const auto eq = key.find('='); eq != std::string::npos) {
      value = key.substr(eq + 1);
      key.resize(eq);
    } else if (key == "plain-http") {
      value = "true";
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      error = "valeur manquante / missing value: " + arg;
      return std::nullopt;
    }
    if (key == "config") {
      config_file = value;
    } else {
      flags.emplace_back(std::move(key), std::move(value));
    }
  }

  Config& config = parsed.config;
  if (config_file) {
    auto settings = ReadConfigFile(*config_file, error);
    if (!settings) return std::nullopt;
    const auto base = config_file->parent_path();
    for (const auto& [key, value] : *settings) {
      if (!Apply(config, key, value, base, error)) {
        error = config_file->string() + ": " + error;
        return std::nullopt;
      }
    }
  }
  // Host names given as flags replace the file's list rather than add to it.
  bool flag_host_names = false;
  for (const auto& [key, value] : flags) {
    if (key == "host-name" && !flag_host_names) {
      config.host_names.clear();
      flag_host_names = true;
    }
    if (!Apply(config, key, value, {}, error)) return std::nullopt;
  }
  error = ValidateConfig(config);
  if (!error.empty()) return std::nullopt;
  return parsed;
}

std::string Usage() {
  return "utilisation / usage: minegate-server [--config FILE] [options]\n"
         "  serveur central minegate : HTTPS et WebSocket sur TLS pour les kiosques /\n"
         "  minegate central server: HTTPS and WebSocket over TLS for kiosks\n"
         "\n"
         "  --config FILE      lignes « clé = valeur » (clés : les options sans --) ; les\n"
         "                     options en ligne de commande l'emportent /\n"
         "                     \"key = value\" lines (keys: the options without --); flags\n"
         "                     override them\n"
         "  --listen ADDRESS   adresse IP d'écoute / IP address to listen on (0.0.0.0)\n"
         "  --port N           port HTTPS et WSS ; 0 : un port libre, affiché /\n"
         "                     HTTPS and WSS port; 0: any free port, printed (8443)\n"
         "  --data-dir DIR     base minegate.db, clés, certificat généré /\n"
         "                     database minegate.db, keys, generated certificate\n"
         "                     (/var/lib/minegate)\n"
         "  --tls-cert FILE    certificat PEM (avec sa chaîne) ; sans lui, un certificat\n"
         "                     auto-signé est généré au premier démarrage /\n"
         "                     PEM certificate (with its chain); without it, a self-signed\n"
         "                     certificate is generated on first start\n"
         "  --tls-key FILE     clé privée PEM du certificat / the certificate's PEM private key\n"
         "  --plain-http       accepte aussi HTTP sans TLS, seulement sur une adresse de\n"
         "                     bouclage / also accept HTTP without TLS, loopback address only\n"
         "  --threads N        fils d'entrée-sortie / I/O threads (2)\n"
         "  --host-name NAME   nom DNS ou adresse IP des kiosques pour joindre le serveur,\n"
         "                     ajouté au certificat généré (répétable) /\n"
         "                     DNS name or IP address kiosks use to reach the server, added\n"
         "                     to the generated certificate (repeatable)\n"
         "  --help             cette aide / this help\n";
}

}  // namespace minegate::server
