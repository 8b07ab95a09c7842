#include "tools/pn532-sim/command_line.hpp"

#include <string_view>

#include "base/options/options.hpp"
#include "tools/pn532-sim/control_commands.hpp"

namespace minegate::pn532sim {
namespace {

namespace po = boost::program_options;

const po::options_description& SimSettings() {
  static const po::options_description settings = [] {
    po::options_description d("options");
    d.add_options()("link", po::value<std::string>()->value_name("PATH"),
                    "lien symbolique vers le pty, sans ':' (obligatoire) / symlink to the pty, "
                    "no ':' (required); LIBNFC_DEVICE=pn532_uart:PATH LIBNFC_AUTO_SCAN=false")(
        "control", po::value<std::string>()->value_name("SOCKET"),
        "socket Unix de contrôle, une commande par ligne / Unix control socket, one command "
        "per line")("tag", po::value<std::string>()->value_name("MODEL[:UID]"),
                    "étiquette présente au démarrage / tag in the field at start; MODEL : "
                    "ntag213 ntag215 ntag216 desfire ; UID : 7 octets/bytes hex")(
        "verbose,v", po::bool_switch(), "journalise chaque trame / log every frame");
    return d;
  }();
  return settings;
}

base::OptionsSpec SimSpec() {
  base::OptionsSpec spec;
  spec.settings = &SimSettings();
  // A test fixture started by tests and scripts with a handful of flags: no file to read.
  spec.config_file = false;
  return spec;
}

/// "MODEL[:UIDHEX]" into `options`; the bilingual refusal, naming --tag, otherwise.
bool ParseTag(std::string_view text, Options& options, std::string& error) {
  const std::size_t colon = text.find(':');
  const std::string_view name = text.substr(0, colon);
  options.tag_model = ParseTagModel(name);
  if (!options.tag_model) {
    error = "--tag : modèle inconnu / unknown model: " + std::string(name);
    return false;
  }
  if (colon != std::string_view::npos) {
    options.tag_uid = ParseHex(text.substr(colon + 1));
    if (!options.tag_uid || options.tag_uid->size() != kUidLength) {
      error = "--tag : UID invalide (7 octets hexadécimaux) / invalid UID (7 hex bytes): " +
              std::string(text.substr(colon + 1));
      return false;
    }
  }
  return true;
}

}  // namespace

std::optional<Options> ParseOptions(const std::vector<std::string>& args, std::string& error) {
  const auto parsed = base::ParseOptions(SimSpec(), args, error);
  if (!parsed) return std::nullopt;
  Options options;
  if (parsed->action != base::OptionsAction::run) {
    options.help = parsed->action == base::OptionsAction::help;
    options.version = parsed->action == base::OptionsAction::version;
    return options;
  }
  if (parsed->Has("link")) options.link_path = parsed->Get<std::string>("link");
  if (parsed->Has("control")) options.control_path = parsed->Get<std::string>("control");
  options.verbose = parsed->Get<bool>("verbose");
  if (parsed->Has("tag") && !ParseTag(parsed->Get<std::string>("tag"), options, error)) {
    return std::nullopt;
  }
  if (options.link_path.empty()) {
    error = "--link est obligatoire / --link is required";
    return std::nullopt;
  }
  if (options.link_path.find(':') != std::string::npos) {
    // libnfc splits its connection string on ':'.
    error = "--link ne doit pas contenir ':' / --link must not contain ':'";
    return std::nullopt;
  }
  return options;
}

std::string HelpText() {
  constexpr std::string_view kAbout =
      "minegate-pn532-sim — émulateur de lecteur NFC PN532 / PN532 NFC reader emulator\n"
      "\n"
      "utilisation / usage:\n"
      "  minegate-pn532-sim --link PATH [--control SOCKET] [--tag MODEL[:UIDHEX]] [--verbose]\n"
      "\n"
      "Parle le protocole série réel du PN532 sur un pseudo-terminal, pour que le pilote\n"
      "pn532_uart de libnfc puisse être testé sans matériel.\n"
      "Speaks the PN532's real serial protocol on a pseudo-terminal, so that libnfc's\n"
      "pn532_uart driver can be tested without hardware.";
  constexpr std::string_view kControl =
      "\nCommandes de contrôle / control commands (réponse/reply \"ok ...\" | \"error ...\"):\n  ";
  constexpr std::string_view kSignals =
      "\n\nSIGTERM/SIGINT: arrêt propre, lien et socket supprimés\n"
      "              / clean exit, symlink and socket removed.\n";
  return base::HelpText(SimSpec(), kAbout) + std::string(kControl) + std::string(ControlHelp()) +
         std::string(kSignals);
}

}  // namespace minegate::pn532sim
