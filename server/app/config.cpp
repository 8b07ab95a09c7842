#include "server/app/config.hpp"

#include <boost/asio/ip/address.hpp>
#include <utility>

#include "base/options/options.hpp"
#include "server/tls/identity.hpp"

namespace minegate::server {
namespace {

namespace po = boost::program_options;

/// The settings, as flags and as keys of the --config file; the defaults are Config's.
const po::options_description& ServerSettings() {
  static const po::options_description settings = [] {
    const Config defaults;
    po::options_description d("options");
    d.add_options()(
        "listen",
        po::value<std::string>()->value_name("ADDRESS")->default_value(defaults.listen_address),
        "adresse IP d'écoute / IP address to listen on")(
        "port", base::UnsignedIn(0, 65535)->value_name("N")->default_value(defaults.port),
        "port HTTPS et WSS ; 0 : un port libre, affiché / HTTPS and WSS port; 0: any free "
        "port, printed")(
        "data-dir",
        po::value<std::string>()->value_name("DIR")->default_value(defaults.data_dir.string()),
        "base minegate.db, clés, certificat généré / database minegate.db, keys, generated "
        "certificate")(
        "tls-cert", po::value<std::string>()->value_name("FILE"),
        "certificat PEM (avec sa chaîne) ; sans lui, un certificat auto-signé est généré au "
        "premier démarrage / PEM certificate (with its chain); without it, a self-signed "
        "certificate is generated on first start")(
        "tls-key", po::value<std::string>()->value_name("FILE"),
        "clé privée PEM du certificat / the certificate's PEM private key")(
        "plain-http", po::value<bool>()->value_name("BOOL")->implicit_value(true, "true"),
        "accepte aussi HTTP sans TLS, seulement sur une adresse de bouclage / also accept "
        "HTTP without TLS, loopback address only")(
        "threads", base::UnsignedIn(1, 64)->value_name("N")->default_value(defaults.threads),
        "fils d'entrée-sortie / I/O threads")(
        "api-threads",
        base::UnsignedIn(1, 64)->value_name("N")->default_value(defaults.api_threads),
        "fils de l'API des agents (base de données, mots de passe) / officials' API threads "
        "(database, passwords)")(
        "session-idle-minutes",
        base::UnsignedIn(1, 24 * 60)->value_name("N")->default_value(defaults.session_idle_minutes),
        "fin d'une session inutilisée / an unused session ends after")(
        "session-hours",
        base::UnsignedIn(1, 7 * 24)->value_name("N")->default_value(defaults.session_hours),
        "fin d'une session quoi qu'il arrive / a session ends regardless after")(
        "host-name", po::value<std::vector<std::string>>()->value_name("NAME"),
        "nom DNS ou adresse IP des kiosques pour joindre le serveur, ajouté au certificat "
        "généré (répétable) / DNS name or IP address kiosks use to reach the server, added to "
        "the generated certificate (repeatable)");
    base::AddLogLevelOption(d);
    return d;
  }();
  return settings;
}

base::OptionsSpec ServerSpec() {
  base::OptionsSpec spec;
  spec.settings = &ServerSettings();
  return spec;
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
  const base::OptionsSpec spec = ServerSpec();
  auto options = base::ParseOptions(spec, args, error);
  if (!options) return std::nullopt;
  ParsedArgs parsed;
  if (options->action == base::OptionsAction::help) {
    parsed.command = Command::kHelp;
    return parsed;
  }
  if (options->action == base::OptionsAction::version) {
    parsed.command = Command::kVersion;
    return parsed;
  }
  // A path written in the config file is relative to that file; a flag's, to the working
  // directory.
  const auto path = [&](std::string_view key) -> std::filesystem::path {
    const std::filesystem::path given(options->Get<std::string>(key));
    const bool relative_to_file = options->from_file.contains(key) && given.is_relative();
    return relative_to_file ? options->config_file.parent_path() / given : given;
  };
  Config& config = parsed.config;
  config.listen_address = options->Get<std::string>("listen");
  config.port = static_cast<std::uint16_t>(options->Get<std::uint64_t>("port"));
  if (options->Get<std::string>("data-dir").empty()) {
    error = "data-dir : répertoire attendu / directory expected";
    return std::nullopt;
  }
  config.data_dir = path("data-dir");
  if (options->Has("tls-cert")) config.tls_certificate = path("tls-cert");
  if (options->Has("tls-key")) config.tls_key = path("tls-key");
  if (options->Has("plain-http")) config.plain_http = options->Get<bool>("plain-http");
  config.threads = static_cast<unsigned>(options->Get<std::uint64_t>("threads"));
  config.api_threads = static_cast<unsigned>(options->Get<std::uint64_t>("api-threads"));
  config.session_idle_minutes =
      static_cast<unsigned>(options->Get<std::uint64_t>("session-idle-minutes"));
  config.session_hours = static_cast<unsigned>(options->Get<std::uint64_t>("session-hours"));
  if (options->Has("host-name")) {
    config.host_names = options->Get<std::vector<std::string>>("host-name");
  }
  parsed.log_level = base::LogLevelOf(*options);
  error = ValidateConfig(config);
  if (!error.empty()) return std::nullopt;
  return parsed;
}

std::string Usage() {
  return base::HelpText(ServerSpec(),
                        "utilisation / usage: minegate-server [--config FILE] [options]\n"
                        "  serveur central minegate : HTTPS et WebSocket sur TLS pour les "
                        "kiosques /\n"
                        "  minegate central server: HTTPS and WebSocket over TLS for kiosks\n");
}

}  // namespace minegate::server
