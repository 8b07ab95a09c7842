#include "firmware-bridge/app/options.hpp"

#include <cstdlib>

#include "base/options/options.hpp"

namespace minegate::bridge {
namespace {

namespace po = boost::program_options;

/// The settings, as flags and as keys of the --config file; the defaults are Options'.
const po::options_description& BridgeSettings() {
  static const po::options_description settings = [] {
    const Options defaults;
    po::options_description d("options");
    d.add_options()("device", po::value<std::string>()->value_name("CONNSTRING"),
                    "lecteur libnfc, p. ex. pn532_uart:/dev/ttyUSB0 (défaut : $LIBNFC_DEVICE) / "
                    "libnfc reader, e.g. pn532_uart:/dev/ttyUSB0 (default: $LIBNFC_DEVICE)")(
        "socket", po::value<std::string>()->value_name("PATH")->default_value(defaults.socket),
        "socket Unix du kiosque / kiosk Unix socket")(
        "poll-ms",
        base::UnsignedIn(1, 60'000)->value_name("N")->default_value(
            static_cast<std::uint64_t>(defaults.poll_interval.count())),
        "pause entre deux recherches de puce / pause between polls")(
        "wait-seconds",
        base::UnsignedIn(1, 86'400)->value_name("N")->default_value(
            static_cast<std::uint64_t>(defaults.probe_wait.count())),
        "probe : attente d'une puce / probe: wait for a tag");
    base::AddLogLevelOption(d);
    return d;
  }();
  return settings;
}

/// poll-ms's first spelling, still read from configuration files written for it.
const po::options_description& BridgeOldKeys() {
  static const po::options_description keys = [] {
    po::options_description d;
    d.add_options()("poll_interval_ms", base::UnsignedIn(1, 60'000), "");
    return d;
  }();
  return keys;
}

base::OptionsSpec BridgeSpec() {
  base::OptionsSpec spec;
  spec.settings = &BridgeSettings();
  spec.file_only = &BridgeOldKeys();
  return spec;
}

}  // namespace

std::string Usage() {
  return base::HelpText(
      BridgeSpec(),
      "utilisation / usage:\n"
      "  minegate-bridge [run] [--device CONNSTRING] [--socket PATH] [--config FILE]\n"
      "                        [--poll-ms N]\n"
      "      démon du lecteur NFC / NFC reader daemon\n"
      "  minegate-bridge probe [--device CONNSTRING] [--config FILE] [--wait-seconds N]\n"
      "      contrôle du technicien : ouvre le lecteur, attend une puce, la décrit /\n"
      "      technician's check: opens the reader, waits for one tag, describes it\n");
}

std::optional<Options> ParseOptions(const std::vector<std::string>& args, std::string& error) {
  Options options;
  auto first = args.begin();
  if (first != args.end()) {
    if (*first == "probe") {
      options.command = Command::probe;
      ++first;
    } else if (*first == "run") {
      ++first;
    } else if (*first == "help") {
      options.command = Command::help;
      return options;
    }
  }
  const auto parsed =
      base::ParseOptions(BridgeSpec(), std::vector<std::string>(first, args.end()), error);
  if (!parsed) return std::nullopt;
  if (parsed->action == base::OptionsAction::help) {
    options.command = Command::help;
    return options;
  }
  if (parsed->action == base::OptionsAction::version) {
    options.command = Command::version;
    return options;
  }
  // Flags, then the file, then the environment: LIBNFC_DEVICE is libnfc's own variable.
  if (parsed->Has("device")) {
    options.device = parsed->Get<std::string>("device");
  } else if (const char* env = std::getenv("LIBNFC_DEVICE"); env != nullptr) {
    options.device = env;
  }
  options.socket = parsed->Get<std::string>("socket");
  const bool poll_ms_given = !parsed->values["poll-ms"].defaulted();
  const std::uint64_t poll_ms = !poll_ms_given && parsed->Has("poll_interval_ms")
                                    ? parsed->Get<std::uint64_t>("poll_interval_ms")
                                    : parsed->Get<std::uint64_t>("poll-ms");
  options.poll_interval = std::chrono::milliseconds(poll_ms);
  options.probe_wait = std::chrono::seconds(parsed->Get<std::uint64_t>("wait-seconds"));
  options.log_level = base::LogLevelOf(*parsed);
  if (options.device.empty()) {
    error =
        "aucun lecteur : --device, device= ou LIBNFC_DEVICE / no reader: --device, "
        "device= or LIBNFC_DEVICE";
    return std::nullopt;
  }
  return options;
}

}  // namespace minegate::bridge
