#include "tools/pn532-sim/options.hpp"

#include "tools/pn532-sim/control_commands.hpp"

namespace minegate::pn532sim {
namespace {

Status ParseTag(std::string_view text, Options& options) {
  const std::size_t colon = text.find(':');
  const std::string_view name = text.substr(0, colon);
  options.tag_model = ParseTagModel(name);
  if (!options.tag_model) {
    return Status::Error("modèle inconnu / unknown model: " + std::string(name));
  }
  if (colon != std::string_view::npos) {
    options.tag_uid = ParseHex(text.substr(colon + 1));
    if (!options.tag_uid || options.tag_uid->size() != kUidLength) {
      return Status::Error("UID invalide (7 octets hexadécimaux) / invalid UID (7 hex bytes): " +
                           std::string(text.substr(colon + 1)));
    }
  }
  return Status::Ok();
}

}  // namespace

Options ParseOptions(int argc, const char* const* argv, Status& status) {
  Options options;
  status = Status::Ok();
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    auto value = [&](std::string_view name) -> std::optional<std::string_view> {
      if (i + 1 >= argc) {
        status = Status::Error("valeur manquante pour / missing value for " + std::string(name));
        return std::nullopt;
      }
      return std::string_view(argv[++i]);
    };
    if (arg == "--help" || arg == "-h") {
      options.help = true;
    } else if (arg == "--version") {
      options.version = true;
    } else if (arg == "--verbose" || arg == "-v") {
      options.verbose = true;
    } else if (arg == "--link") {
      const auto v = value(arg);
      if (!v) return options;
      options.link_path = *v;
    } else if (arg == "--control") {
      const auto v = value(arg);
      if (!v) return options;
      options.control_path = *v;
    } else if (arg == "--tag") {
      const auto v = value(arg);
      if (!v) return options;
      status = ParseTag(*v, options);
      if (!status.ok()) return options;
    } else {
      status = Status::Error("option inconnue / unknown option: " + std::string(arg));
      return options;
    }
  }
  if (!options.help && !options.version && options.link_path.empty()) {
    status = Status::Error("--link est obligatoire / --link is required");
  } else if (options.link_path.find(':') != std::string::npos) {
    // libnfc splits its connection string on ':'.
    status = Status::Error("--link ne doit pas contenir ':' / --link must not contain ':'");
  }
  return options;
}

std::string HelpText() {
  return R"(minegate-pn532-sim — émulateur de lecteur NFC PN532 / PN532 NFC reader emulator

Usage: minegate-pn532-sim --link PATH [--control SOCKET] [--tag MODEL[:UIDHEX]] [--verbose]

Parle le protocole série réel du PN532 sur un pseudo-terminal, pour que le pilote
pn532_uart de libnfc puisse être testé sans matériel.
Speaks the PN532's real serial protocol on a pseudo-terminal, so that libnfc's
pn532_uart driver can be tested without hardware.

  --link PATH        lien symbolique vers le pty (sans ':') / symlink to the pty (no ':')
                     LIBNFC_DEVICE=pn532_uart:PATH LIBNFC_AUTO_SCAN=false
  --control SOCKET   socket Unix de contrôle, une commande par ligne
                     / Unix control socket, one command per line
  --tag MODEL[:UID]  étiquette présente au démarrage / tag in the field at start
                     MODEL: ntag213 ntag215 ntag216 desfire; UID: 7 octets/bytes hex
  --verbose          journalise chaque trame / log every frame
  --help             cette aide / this help
  --version          affiche la version / prints the version

Commandes de contrôle / control commands (réponse/reply "ok ..." | "error ..."):
  )" + std::string(ControlHelp()) +
         R"(

SIGTERM/SIGINT: arrêt propre, lien et socket supprimés
              / clean exit, symlink and socket removed.
)";
}

}  // namespace minegate::pn532sim
