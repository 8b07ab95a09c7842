#include "kiosk/app/options.hpp"

#include <charconv>
#include <limits>
#include <string_view>

namespace minegate::kiosk::app {
namespace {

bool ParseNumber(std::string_view text, std::uint64_t min, std::uint64_t max, std::uint64_t& out) {
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    return false;
  }
  out = value;
  return true;
}

std::string BadValue(std::string_view flag, std::string_view range) {
  return "valeur invalide pour " + std::string(flag) + " (" + std::string(range) +
         ") / invalid value for " + std::string(flag) + " (" + std::string(range) + ")";
}

}  // namespace

std::optional<Options> ParseOptions(int argc, char** argv, std::string& error) {
  Options options;
  int i = 1;
  if (i < argc) {
    const std::string_view first = argv[i];
    if (first == "run") {
      ++i;
    } else if (first == "enroll") {
      options.command = Command::enroll;
      ++i;
    } else if (first == "help" || first == "--help" || first == "-h") {
      options.command = Command::help;
      return options;
    }
  }
  for (; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      options.command = Command::help;
      return options;
    }
    if (arg.rfind("--", 0) != 0) {
      if (options.command == Command::enroll && options.code.empty()) {
        options.code = std::string(arg);
        continue;
      }
      error = "argument inattendu / unexpected argument: " + std::string(arg);
      return std::nullopt;
    }
    if (i + 1 >= argc) {
      error = "valeur manquante après / missing value after " + std::string(arg);
      return std::nullopt;
    }
    const std::string_view value = argv[++i];
    std::uint64_t number = 0;
    const auto number_in = [&](std::uint64_t min, std::uint64_t max, std::string_view range) {
      if (ParseNumber(value, min, max, number)) return true;
      error = BadValue(arg, range);
      return false;
    };
    if (arg == "--data-dir") {
      options.data_dir = value;
    } else if (arg == "--bridge-socket") {
      options.bridge_socket = value;
    } else if (arg == "--ui-address") {
      options.ui_address = value;
    } else if (arg == "--ui-port") {
      if (!number_in(0, 65535, "0..65535")) return std::nullopt;
      options.ui_port = static_cast<std::uint16_t>(number);
    } else if (arg == "--idle-minutes") {
      if (!number_in(1, 240, "1..240")) return std::nullopt;
      options.idle_sign_out = std::chrono::minutes(number);
    } else if (arg == "--max-pin-failures") {
      if (!number_in(1, 20, "1..20")) return std::nullopt;
      options.max_pin_failures = static_cast<std::uint32_t>(number);
    } else if (arg == "--lock-minutes") {
      if (!number_in(1, 24 * 60, "1..1440")) return std::nullopt;
      options.lock_duration = std::chrono::minutes(number);
    } else if (arg == "--stale-days") {
      if (!number_in(1, 365, "1..365")) return std::nullopt;
      options.stale_after_days = static_cast<std::uint32_t>(number);
    } else if (arg == "--retention-hours") {
      if (!number_in(0, 24 * 365, "0..8760")) return std::nullopt;
      options.retention = std::chrono::hours(number);
    } else if (arg == "--roster-days") {
      if (!number_in(1, 365, "1..365")) return std::nullopt;
      options.roster_ttl = std::chrono::hours(24 * number);
    } else if (arg == "--gate") {
      if (!number_in(1, std::numeric_limits<std::uint32_t>::max(), "1..4294967295")) {
        return std::nullopt;
      }
      options.gate_id = static_cast<std::uint32_t>(number);
    } else if (arg == "--file") {
      options.enrolment_file = value;
    } else if (arg == "--server") {
      options.server = value;
    } else if (arg == "--server-fingerprint") {
      options.server_fingerprint = value;
    } else {
      error = "option inconnue / unknown option: " + std::string(arg);
      return std::nullopt;
    }
  }
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
  return "minegate-kiosk — borne de porte / gate kiosk\n"
         "\n"
         "  minegate-kiosk [run] --data-dir DIR --bridge-socket PATH [--ui-port N] ...\n"
         "  minegate-kiosk enroll (CODE | --file FICHIER) --server HOTE:PORT\n"
         "                 [--server-fingerprint SHA256] [--gate N] --data-dir DIR\n"
         "\n"
         "  --data-dir DIR          base de la borne et clé de l'appareil /\n"
         "                          kiosk database and device key (/var/lib/minegate-kiosk)\n"
         "  --bridge-socket PATH    socket de minegate-bridge / minegate-bridge's socket\n"
         "                          (/run/minegate/bridge.sock)\n"
         "  --ui-address IP         adresse de bouclage de la page / the page's loopback\n"
         "                          address (127.0.0.1)\n"
         "  --ui-port N             port de la page, 0 = libre / the page's port, 0 = any (8080)\n"
         "  --idle-minutes N        déconnexion de l'agent inactif / idle sign-out (5)\n"
         "  --max-pin-failures N    PIN erronés avant blocage / wrong PINs before lock-out (5)\n"
         "  --lock-minutes N        durée du blocage / lock-out duration (15)\n"
         "  --stale-days N          alerte sans synchronisation / warn after days unsynced (3)\n"
         "  --retention-hours N     conservation après accusé / kept after acknowledgement "
         "(168)\n"
         "  --roster-days N         durée du cache de noms / name cache lifetime (30)\n"
         "  --gate N                porte, si l'inscription n'en donne pas /\n"
         "                          gate, when the enrolment gives none\n"
         "  --server HOST:PORT      serveur minegate (inscription) / minegate server (enrol)\n"
         "  --server-fingerprint H  empreinte SHA-256 du certificat du serveur /\n"
         "                          SHA-256 fingerprint of the server certificate\n"
         "  --file FICHIER          fichier d'inscription de minegatectl / minegatectl's\n"
         "                          enrolment file\n"
         "\n"
         "Au démarrage, la borne écrit l'adresse complète de la page, avec le jeton de ce\n"
         "démarrage, dans DIR/page-url (mode 0600) : c'est elle que le navigateur ouvre.\n"
         "Puis elle affiche « page-url-file: DIR/page-url » et\n"
         "« interface: http://ADRESSE:PORT/ ».\n"
         "On start the kiosk writes the page's full address, with this start's token, to\n"
         "DIR/page-url (mode 0600): that is what the browser opens. Then it prints\n"
         "\"page-url-file: DIR/page-url\" and \"interface: http://ADDRESS:PORT/\".\n";
}

}  // namespace minegate::kiosk::app
