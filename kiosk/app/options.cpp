#include "kiosk/app/options.hpp"

#include <limits>

#include "base/options/options.hpp"

namespace minegate::kiosk::app {
namespace {

namespace po = boost::program_options;

/// The settings, as flags and as keys of the --config file; the defaults are Options'.
const po::options_description& KioskSettings() {
  static const po::options_description settings = [] {
    const Options defaults;
    po::options_description d("options");
    d.add_options()("data-dir",
                    po::value<std::string>()->value_name("DIR")->default_value(defaults.data_dir),
                    "base de la borne et clé de l'appareil / kiosk database and device key")(
        "bridge-socket",
        po::value<std::string>()->value_name("PATH")->default_value(defaults.bridge_socket),
        "socket de minegate-bridge / minegate-bridge's socket")(
        "ui-address",
        po::value<std::string>()->value_name("IP")->default_value(defaults.ui_address),
        "adresse de bouclage de la page / the page's loopback address")(
        "ui-port", base::UnsignedIn(0, 65535)->value_name("N")->default_value(defaults.ui_port),
        "port de la page, 0 = libre / the page's port, 0 = any")(
        "idle-minutes",
        base::UnsignedIn(1, 240)->value_name("N")->default_value(
            static_cast<std::uint64_t>(defaults.idle_sign_out.count())),
        "déconnexion de l'agent inactif / idle sign-out")(
        "max-pin-failures",
        base::UnsignedIn(1, 20)->value_name("N")->default_value(defaults.max_pin_failures),
        "PIN erronés avant blocage / wrong PINs before lock-out")(
        "lock-minutes",
        base::UnsignedIn(1, 24 * 60)
            ->value_name("N")
            ->default_value(static_cast<std::uint64_t>(defaults.lock_duration.count())),
        "durée du blocage / lock-out duration")(
        "stale-days",
        base::UnsignedIn(1, 365)->value_name("N")->default_value(defaults.stale_after_days),
        "alerte sans synchronisation / warn after days unsynced")(
        "retention-hours",
        base::UnsignedIn(0, 24 * 365)
            ->value_name("N")
            ->default_value(static_cast<std::uint64_t>(defaults.retention.count())),
        "conservation après accusé / kept after acknowledgement")(
        "roster-days",
        base::UnsignedIn(1, 365)->value_name("N")->default_value(
            static_cast<std::uint64_t>(defaults.roster_ttl.count() / 24)),
        "durée du cache de noms / name cache lifetime")(
        "clock-skew-warning-s",
        base::UnsignedIn(1, 24 * 3600)
            ->value_name("N")
            ->default_value(static_cast<std::uint64_t>(defaults.clock_skew_warning.count())),
        "écart d'horloge avec le serveur signalé / clock skew from the server warned at")(
        "gate", base::UnsignedIn(1, std::numeric_limits<std::uint32_t>::max())->value_name("N"),
        "porte, si l'inscription n'en donne pas / gate, when the enrolment gives none")(
        "server", po::value<std::string>()->value_name("HOST:PORT"),
        "serveur minegate (inscription) / minegate server (enrol)")(
        "server-fingerprint", po::value<std::string>()->value_name("SHA256"),
        "empreinte SHA-256 du certificat du serveur / SHA-256 fingerprint of the server "
        "certificate")("file", po::value<std::string>()->value_name("FICHIER"),
                       "fichier d'inscription de minegatectl / minegatectl's enrolment file");
    base::AddLogLevelOption(d);
    return d;
  }();
  return settings;
}

base::OptionsSpec KioskSpec(Command command) {
  base::OptionsSpec spec;
  spec.settings = &KioskSettings();
  spec.max_positional = command == Command::enroll ? 1 : 0;  // enroll's CODE
  return spec;
}

}  // namespace

std::optional<Options> ParseOptions(const std::vector<std::string>& args, std::string& error) {
  Options options;
  auto first = args.begin();
  if (first != args.end()) {
    if (*first == "run") {
      ++first;
    } else if (*first == "enroll") {
      options.command = Command::enroll;
      ++first;
    } else if (*first == "help") {
      options.command = Command::help;
      return options;
    }
  }
  const auto parsed = base::ParseOptions(KioskSpec(options.command),
                                         std::vector<std::string>(first, args.end()), error);
  if (!parsed) return std::nullopt;
  if (parsed->action != base::OptionsAction::run) {
    options.command =
        parsed->action == base::OptionsAction::help ? Command::help : Command::version;
    return options;
  }
  const auto text = [&](std::string_view key, std::string& out) {
    if (parsed->Has(key)) out = parsed->Get<std::string>(key);
  };
  const auto number = [&](std::string_view key) { return parsed->Get<std::uint64_t>(key); };
  text("data-dir", options.data_dir);
  text("bridge-socket", options.bridge_socket);
  text("ui-address", options.ui_address);
  text("file", options.enrolment_file);
  text("server", options.server);
  text("server-fingerprint", options.server_fingerprint);
  options.ui_port = static_cast<std::uint16_t>(number("ui-port"));
  options.idle_sign_out = std::chrono::minutes(number("idle-minutes"));
  options.max_pin_failures = static_cast<std::uint32_t>(number("max-pin-failures"));
  options.lock_duration = std::chrono::minutes(number("lock-minutes"));
  options.stale_after_days = static_cast<std::uint32_t>(number("stale-days"));
  options.retention = std::chrono::hours(number("retention-hours"));
  options.roster_ttl = std::chrono::hours(24 * number("roster-days"));
  options.clock_skew_warning = std::chrono::seconds(number("clock-skew-warning-s"));
  if (parsed->Has("gate")) options.gate_id = static_cast<std::uint32_t>(number("gate"));
  if (!parsed->positional.empty()) options.code = parsed->positional.front();
  options.log_level = base::LogLevelOf(*parsed);

  // A Unix socket path longer than sun_path cannot be connected to at all.
  if (options.bridge_socket.size() >= 108) {
    error =
        "--bridge-socket : chemin trop long (107 octets au plus) / "
        "path too long (at most 107 bytes)";
    return std::nullopt;
  }
  if (options.command == Command::enroll) {
    if (options.code.empty() == options.enrolment_file.empty()) {
      error = "donnez soit le CODE soit --file FICHIER / give either the CODE or --file FILE";
      return std::nullopt;
    }
    if (options.server.empty()) {
      error = "option obligatoire / required option: --server HOST:PORT";
      return std::nullopt;
    }
  }
  return options;
}

std::string Usage() {
  return base::HelpText(
      KioskSpec(Command::run),
      "minegate-kiosk — borne de porte / gate kiosk\n"
      "\n"
      "  minegate-kiosk [run] --data-dir DIR --bridge-socket PATH [--ui-port N] ...\n"
      "  minegate-kiosk enroll (CODE | --file FICHIER) --server HOTE:PORT\n"
      "                 [--server-fingerprint SHA256] [--gate N] --data-dir DIR\n"
      "  minegate-kiosk [run | enroll] --config FICHIER [options]\n"
      "\n"
      "Au démarrage, la borne écrit l'adresse complète de la page, avec le jeton de ce\n"
      "démarrage, dans DIR/page-url (mode 0600) : c'est elle que le navigateur ouvre.\n"
      "Puis elle affiche « page-url-file: DIR/page-url » et\n"
      "« interface: http://ADRESSE:PORT/ ».\n"
      "On start the kiosk writes the page's full address, with this start's token, to\n"
      "DIR/page-url (mode 0600): that is what the browser opens. Then it prints\n"
      "\"page-url-file: DIR/page-url\" and \"interface: http://ADDRESS:PORT/\".\n");
}

}  // namespace minegate::kiosk::app
