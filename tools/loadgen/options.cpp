#include "tools/loadgen/options.hpp"

#include <charconv>
#include <limits>
#include <regex>

#include "base/options/options.hpp"

namespace minegate::loadgen {
namespace {

namespace po = boost::program_options;

constexpr char kUsage[] =
    "minegate-loadgen --server https://127.0.0.1:PORT --ca CERT.pem --state DIR "
    "[--data-dir DIR] [options]\n"
    "  des bornes simulées envoient le trafic d'une région générée à un serveur en marche /\n"
    "  simulated kiosks send a generated region's traffic to a running server\n";

po::options_description Describe() {
  po::options_description d("options");
  d.add_options()("server", po::value<std::string>()->value_name("https://IP:PORT"),
                  "adresse du serveur / server address")(
      "ca", po::value<std::string>()->value_name("FILE"),
      "certificat du serveur à épingler (server-cert.pem) / server certificate to pin")(
      "state", po::value<std::string>()->value_name("DIR"),
      "état du générateur (appareils, séquences) / generator state (devices, sequences)")(
      "data-dir", po::value<std::string>()->value_name("DIR"),
      "dossier de données du serveur, pour inscrire la flotte au premier lancement / server "
      "data directory, to provision the fleet on the first run")(
      "minegatectl", po::value<std::string>()->value_name("PATH"),
      "minegatectl à utiliser (défaut : à côté de ce programme, sinon PATH) / minegatectl to "
      "use (default: beside this program, else PATH)")(
      "kiosks", base::UnsignedIn(6, 10000)->value_name("N"),
      "bornes simulées, au moins 6 (défaut 8) / simulated kiosks, at least 6 (default 8)")(
      "days", base::UnsignedIn(56, 3650)->value_name("D"),
      "jours simulés, finissant aujourd'hui à 00:00 UTC (défaut 63) / simulated days, ending "
      "today at 00:00 UTC (default 63)")(
      "persons", base::UnsignedIn(1, 10'000'000)->value_name("N"),
      "personnes ordinaires par région (défaut 4000) / ordinary persons per region (default "
      "4000)")("seed", base::UnsignedIn(0, std::numeric_limits<std::uint64_t>::max()),
               "graine (défaut 20261207) / seed (default 20261207)")(
      "speed", po::value<double>()->value_name("X"),
      "secondes simulées par seconde réelle (défaut 10000) / simulated seconds per real "
      "second (default 10000)")(
      "fast", po::bool_switch(),
      "aussi vite que les acquittements le permettent / as fast as acknowledgements allow")(
      "batch", base::UnsignedIn(1, 256)->value_name("N"),
      "événements par lot au plus (défaut 100) / events per batch at most (default 100)")(
      "window", base::UnsignedIn(1, 4)->value_name("N"),
      "lots en vol par borne (défaut 4) / batches in flight per kiosk (default 4)")(
      "progress", po::value<double>()->value_name("S"),
      "secondes entre deux lignes d'avancement (défaut 2) / seconds between progress lines "
      "(default 2)")(
      "offline", po::value<std::vector<std::string>>()->value_name("K:JOUR:JOURS"),
      "borne K hors ligne du jour JOUR pendant JOURS jours (répétable ; remplace le plan par "
      "défaut) / kiosk K offline from day DAY for DAYS days (repeatable; replaces the default "
      "plan)")("no-offline", po::bool_switch(), "aucune borne hors ligne / no kiosk offline")(
      "no-shift-peaks", po::bool_switch(),
      "sorties et retours répartis sur les heures d'ouverture, sans pointes aux relèves "
      "d'équipe de 06:00 et 17:30 / trips spread evenly over gate hours, without the peaks at "
      "the 06:00 and 17:30 shift changes")(
      "ack-timeout", base::UnsignedIn(1, 3600)->value_name("S"),
      "attente d'un acquittement (défaut 30 s) / wait for an acknowledgement (default 30 s)")(
      "give-up", base::UnsignedIn(1, 86400)->value_name("S"),
      "abandon d'une borne qui ne se reconnecte pas (défaut 120 s) / give up on a kiosk that "
      "cannot reconnect (default 120 s)");
  return d;
}

bool ParseServer(const std::string& text, LoadOptions& options) {
  static const std::regex kServer(R"(^https://([0-9.]+|\[[0-9a-fA-F:]+\]):([0-9]{1,5})/?$)");
  std::smatch match;
  if (!std::regex_match(text, match, kServer)) return false;
  std::string host = match[1].str();
  if (host.front() == '[') host = host.substr(1, host.size() - 2);
  const int port = std::stoi(match[2].str());
  if (port <= 0 || port > 65535) return false;
  options.address = host;
  options.port = static_cast<std::uint16_t>(port);
  return true;
}

bool ParseOutage(const std::string& text, OutageSpec& outage) {
  static const std::regex kOutage(R"(^([0-9]+):([0-9]+(\.[0-9]+)?):([0-9]+(\.[0-9]+)?)$)");
  std::smatch match;
  if (!std::regex_match(text, match, kOutage)) return false;
  outage.kiosk = std::stoul(match[1].str());
  outage.from_day = std::stod(match[2].str());
  outage.days = std::stod(match[4].str());
  return outage.days > 0;
}

}  // namespace

Parsed ParseLoadOptions(const std::vector<std::string>& args, LoadOptions& options,
                        std::string& text) {
  const po::options_description settings = Describe();
  base::OptionsSpec spec;
  spec.settings = &settings;
  spec.config_file = false;
  auto parsed = base::ParseOptions(spec, args, text);
  if (!parsed) return Parsed::error;
  if (parsed->action == base::OptionsAction::help) {
    text = base::HelpText(spec, kUsage);
    return Parsed::help;
  }
  if (parsed->action == base::OptionsAction::version) {
    text = base::VersionText("minegate-loadgen");
    return Parsed::version;
  }
  for (const char* required : {"server", "ca", "state"}) {
    if (!parsed->Has(required)) {
      text = std::string("option manquante / missing option: --") + required;
      return Parsed::error;
    }
  }
  if (!ParseServer(parsed->Get<std::string>("server"), options)) {
    text = "--server : https://IP:PORT attendu / expected";
    return Parsed::error;
  }
  options.ca_file = parsed->Get<std::string>("ca");
  options.state_dir = parsed->Get<std::string>("state");
  if (parsed->Has("data-dir")) options.data_dir = parsed->Get<std::string>("data-dir");
  if (parsed->Has("minegatectl")) options.minegatectl = parsed->Get<std::string>("minegatectl");
  if (parsed->Has("kiosks")) options.kiosks = parsed->Get<std::uint64_t>("kiosks");
  if (parsed->Has("days")) options.days = static_cast<int>(parsed->Get<std::uint64_t>("days"));
  if (parsed->Has("persons")) options.persons = parsed->Get<std::uint64_t>("persons");
  if (parsed->Has("seed")) options.seed = parsed->Get<std::uint64_t>("seed");
  if (parsed->Has("speed")) options.speed = parsed->Get<double>("speed");
  if (!(options.speed > 0)) {
    text = "--speed : un nombre positif / a positive number";
    return Parsed::error;
  }
  options.fast = parsed->Get<bool>("fast");
  if (parsed->Has("batch")) options.batch = parsed->Get<std::uint64_t>("batch");
  if (parsed->Has("window")) options.window = parsed->Get<std::uint64_t>("window");
  if (parsed->Has("progress")) options.progress_seconds = parsed->Get<double>("progress");
  if (!(options.progress_seconds > 0)) {
    text = "--progress : un nombre positif / a positive number";
    return Parsed::error;
  }
  if (parsed->Has("ack-timeout")) {
    options.ack_timeout_seconds = static_cast<int>(parsed->Get<std::uint64_t>("ack-timeout"));
  }
  if (parsed->Has("give-up")) {
    options.give_up_seconds = static_cast<int>(parsed->Get<std::uint64_t>("give-up"));
  }
  options.no_outages = parsed->Get<bool>("no-offline");
  options.shift_change_peaks = !parsed->Get<bool>("no-shift-peaks");
  if (parsed->Has("offline")) {
    for (const std::string& word : parsed->Get<std::vector<std::string>>("offline")) {
      OutageSpec outage;
      if (!ParseOutage(word, outage) || outage.kiosk >= options.kiosks ||
          outage.from_day + outage.days > options.days) {
        text = "--offline " + word +
               " : K:JOUR:JOURS, K < --kiosks, dans le scénario / K:DAY:DAYS, K < --kiosks, "
               "within the scenario";
        return Parsed::error;
      }
      options.outages.push_back(outage);
    }
  }
  return Parsed::run;
}

}  // namespace minegate::loadgen
