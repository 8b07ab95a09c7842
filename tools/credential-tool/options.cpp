#include "tools/credential-tool/options.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <limits>
#include <sstream>
#include <string_view>

#include "base/options/options.hpp"
#include "proto/credential/codec.hpp"
#include "proto/credential/hex.hpp"

namespace minegate::credential_tool {
namespace {

namespace po = boost::program_options;

constexpr std::uint64_t kMaxMs =
    static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());

/// What goes into a credential: issue and write share these.
void AddIssuingOptions(po::options_description& d) {
  d.add_options()("key", po::value<std::string>()->value_name("KEYFILE"),
                  "clé de signature de l'appareil / device signing key")(
      "site", base::UnsignedIn(0, std::numeric_limits<std::uint32_t>::max())->value_name("N"),
      "site émetteur / issuing site")(
      "card-number", po::value<std::string>()->value_name("NUM"),
      "carte de mineur portant ce numéro (sinon un bracelet) / miner's card with this number "
      "(a bracelet otherwise)")(
      "token", po::value<std::string>()->value_name("HEX"),
      "jeton de la personne, 16 octets (défaut : tiré au hasard) / person token, 16 bytes "
      "(default: random)")("issued-at", base::UnsignedIn(0, kMaxMs)->value_name("MS"),
                           "date d'émission, ms depuis l'époque (défaut : maintenant) / issue "
                           "time, ms since the epoch (default: now)");
}

po::options_description Describe(Command command) {
  po::options_description d("options");
  switch (command) {
    case Command::issue:
      d.add_options()("uid", po::value<std::string>()->value_name("HEX"),
                      "UID de la puce (4, 7 ou 10 octets) / tag UID (4, 7 or 10 bytes)");
      AddIssuingOptions(d);
      break;
    case Command::inspect:
      d.add_options()("uid", po::value<std::string>()->value_name("HEX"),
                      "UID de la puce lue / UID of the tag read")(
          "trust", po::value<std::vector<std::string>>()->value_name("PUBKEY[@REVOKED_AT_MS]"),
          "clé publique de confiance, révoquée à cette date si @ (répétable) / trusted public "
          "key, revoked at that time with @ (repeatable)")(
          "valid-despite-revocation", po::value<std::vector<std::string>>()->value_name("DIGEST"),
          "empreinte d'un bracelet gelé à la révocation (répétable) / digest of a bracelet "
          "frozen at revocation (repeatable)")(
          "now", base::UnsignedIn(0, kMaxMs)->value_name("MS"),
          "heure de la vérification, ms depuis l'époque (défaut : maintenant) / time of the "
          "check, ms since the epoch (default: now)");
      break;
    case Command::write:
      d.add_options()("socket", po::value<std::string>()->value_name("PATH"),
                      "socket de minegate-bridge / minegate-bridge's socket")(
          "overwrite", po::value<std::string>()->value_name("yes|no"),
          "remplace l'identifiant d'une autre personne / replaces another person's credential");
      AddIssuingOptions(d);
      break;
    case Command::keygen:
    case Command::pubkey:
    case Command::help:
    case Command::version:
      break;
  }
  return d;
}

struct CommandEntry {
  std::string_view name;
  Command command;
  /// KEYFILE, HEX: words that are not options.
  std::size_t max_positional;
  /// The usage lines, French then English.
  std::string_view usage;
};

constexpr std::array<CommandEntry, 5> kCommands{{
    {"keygen", Command::keygen, 1,
     "  minegate-credential keygen KEYFILE\n"
     "      crée une clé de signature d'appareil / creates a device signing key (mode 0600)\n"},
    {"pubkey", Command::pubkey, 1,
     "  minegate-credential pubkey KEYFILE\n"
     "      affiche la clé publique et son identifiant / prints the public key and its id\n"},
    {"issue", Command::issue, 0,
     "  minegate-credential issue --key KEYFILE --uid HEX --site N [--card-number NUM]\n"
     "                            [--token HEX] [--issued-at MS]\n"
     "      émet un identifiant pour une puce / issues a credential for a tag\n"},
    {"inspect", Command::inspect, 1,
     "  minegate-credential inspect --uid HEX [--trust PUBKEY[@REVOKED_AT_MS]]...\n"
     "                              [--valid-despite-revocation DIGEST]... [--now MS] HEX\n"
     "      décode (et vérifie) un identifiant ou une image mémoire NTAG ; une clé révoquée\n"
     "      n'est acceptée que pour les bracelets listés (empreintes de la liste de confiance) /\n"
     "      decodes (and verifies) a credential or an NTAG memory image; a revoked key is\n"
     "      accepted only for the bracelets listed (digests from the trust list)\n"},
    {"write", Command::write, 0,
     "  minegate-credential write --socket PATH --key KEYFILE --site N [--card-number NUM]\n"
     "                            [--overwrite yes]\n"
     "      attend une puce sur minegate-bridge, y écrit un identifiant et le relit /\n"
     "      waits for a tag on minegate-bridge, writes a credential to it, reads it back\n"},
}};

const CommandEntry* Find(std::string_view name) {
  const auto* entry = std::find_if(kCommands.begin(), kCommands.end(),
                                   [&](const CommandEntry& e) { return e.name == name; });
  return entry == kCommands.end() ? nullptr : entry;
}

const CommandEntry* EntryOf(Command command) {
  const auto* entry = std::find_if(kCommands.begin(), kCommands.end(),
                                   [&](const CommandEntry& e) { return e.command == command; });
  return entry == kCommands.end() ? nullptr : entry;
}

/// The same wording as base/options' own refusals of a bad value.
std::string Invalid(std::string_view name, std::string_view expected_fr,
                    std::string_view expected_en, std::string_view value) {
  return "valeur invalide pour " + std::string(name) + " (" + std::string(expected_fr) +
         ") / invalid value for " + std::string(name) + " (" + std::string(expected_en) +
         "): " + std::string(value);
}

std::string Required(std::string_view what) {
  return "option obligatoire / required option: " + std::string(what);
}

/// Hex of exactly `size` bytes into `out`; false when it is not.
template <std::size_t N>
bool FixedHex(std::string_view text, std::array<std::uint8_t, N>& out) {
  const auto bytes = credential::FromHex(text);
  if (!bytes || bytes->size() != N) return false;
  std::copy(bytes->begin(), bytes->end(), out.begin());
  return true;
}

bool ReadTrust(const base::ParsedOptions& parsed, Options& options, std::string& error) {
  if (parsed.Has("valid-despite-revocation")) {
    for (const std::string& text :
         parsed.Get<std::vector<std::string>>("valid-despite-revocation")) {
      credential::IssuedDigest digest{};
      if (!FixedHex(text, digest)) {
        error = Invalid("--valid-despite-revocation", "16 octets hexadécimaux", "16 bytes of hex",
                        text);
        return false;
      }
      options.valid_despite_revocation.insert(digest);
    }
  }
  if (!parsed.Has("trust")) return true;
  for (const std::string& text : parsed.Get<std::vector<std::string>>("trust")) {
    const std::string_view entry(text);
    const std::size_t at = entry.find('@');
    TrustedKeyOption trusted;
    bool ok = FixedHex(entry.substr(0, at), trusted.public_key);
    if (ok && at != std::string_view::npos) {
      const std::string_view ms = entry.substr(at + 1);
      std::int64_t value = 0;
      const auto [end, ec] = std::from_chars(ms.data(), ms.data() + ms.size(), value);
      ok = ec == std::errc() && end == ms.data() + ms.size() && !ms.empty();
      trusted.revoked_at_ms = value;
    }
    if (!ok) {
      error = Invalid("--trust", "clé publique de 32 octets hexadécimaux [@ms]",
                      "32-byte hex public key [@ms]", text);
      return false;
    }
    options.trust.push_back(trusted);
  }
  return true;
}

bool ReadIssuing(const base::ParsedOptions& parsed, Options& options, std::string& error) {
  if (!parsed.Has("key")) {
    error = Required("--key KEYFILE");
    return false;
  }
  options.key_file = parsed.Get<std::string>("key");
  if (!parsed.Has("site")) {
    error = Required("--site N");
    return false;
  }
  options.site_id = static_cast<std::uint32_t>(parsed.Get<std::uint64_t>("site"));
  if (parsed.Has("card-number")) options.card_number = parsed.Get<std::string>("card-number");
  if (parsed.Has("token")) {
    const std::string& text = parsed.Get<std::string>("token");
    credential::PersonToken token{};
    if (!FixedHex(text, token)) {
      error = Invalid("--token", "16 octets hexadécimaux", "16 bytes of hex", text);
      return false;
    }
    options.token = token;
  }
  if (parsed.Has("issued-at")) {
    options.issued_at_ms = static_cast<std::int64_t>(parsed.Get<std::uint64_t>("issued-at"));
  }
  return true;
}

bool ReadUid(const base::ParsedOptions& parsed, Options& options, std::string& error) {
  if (!parsed.Has("uid")) {
    error = Required("--uid HEX");
    return false;
  }
  const std::string& text = parsed.Get<std::string>("uid");
  auto uid = credential::FromHex(text);
  if (!uid || !credential::IsValidUid(*uid)) {
    error = Invalid("--uid", "4, 7 ou 10 octets hexadécimaux", "4, 7 or 10 bytes of hex", text);
    return false;
  }
  options.uid = std::move(*uid);
  return true;
}

base::OptionsSpec SpecOf(const CommandEntry& entry, const po::options_description& settings) {
  base::OptionsSpec spec;
  spec.settings = &settings;
  // A technician's one-off commands: everything is on the command line.
  spec.config_file = false;
  spec.max_positional = entry.max_positional;
  return spec;
}

}  // namespace

std::optional<Options> ParseOptions(const std::vector<std::string>& args, std::string& error) {
  Options options;
  if (args.empty()) {
    error = "commande manquante / missing command";
    return std::nullopt;
  }
  const std::string& word = args.front();
  if (word == "help" || word == "--help" || word == "-h") return options;
  if (word == "--version") {
    options.command = Command::version;
    return options;
  }
  const CommandEntry* entry = Find(word);
  if (entry == nullptr) {
    error = "commande inconnue / unknown command: " + word;
    return std::nullopt;
  }
  const po::options_description settings = Describe(entry->command);
  const auto parsed = base::ParseOptions(
      SpecOf(*entry, settings), std::vector<std::string>(args.begin() + 1, args.end()), error);
  if (!parsed) return std::nullopt;
  if (parsed->action == base::OptionsAction::help) {
    options.help_for = entry->command;
    return options;
  }
  if (parsed->action == base::OptionsAction::version) {
    options.command = Command::version;
    return options;
  }
  options.command = entry->command;
  switch (entry->command) {
    case Command::keygen:
    case Command::pubkey:
      if (parsed->positional.empty()) {
        error = "KEYFILE manquant / missing KEYFILE";
        return std::nullopt;
      }
      options.key_file = parsed->positional.front();
      break;
    case Command::issue:
      if (!ReadUid(*parsed, options, error) || !ReadIssuing(*parsed, options, error)) {
        return std::nullopt;
      }
      break;
    case Command::inspect: {
      if (!ReadUid(*parsed, options, error) || !ReadTrust(*parsed, options, error)) {
        return std::nullopt;
      }
      if (parsed->Has("now")) {
        options.now_ms = static_cast<std::int64_t>(parsed->Get<std::uint64_t>("now"));
      }
      if (parsed->positional.empty()) {
        error =
            "HEX manquant : l'identifiant ou l'image mémoire / missing HEX: the credential "
            "or the memory image";
        return std::nullopt;
      }
      const std::string& text = parsed->positional.front();
      auto input = credential::FromHex(text);
      if (!input) {
        error = "octets hexadécimaux attendus / hex bytes expected: " + text;
        return std::nullopt;
      }
      options.input = std::move(*input);
      break;
    }
    case Command::write:
      if (!parsed->Has("socket")) {
        error = Required("--socket PATH");
        return std::nullopt;
      }
      options.socket = parsed->Get<std::string>("socket");
      if (!ReadIssuing(*parsed, options, error)) return std::nullopt;
      if (parsed->Has("overwrite")) {
        // Spelt out, as the usage shows it: a typo must not quietly mean "no".
        const std::string& text = parsed->Get<std::string>("overwrite");
        if (text != "yes" && text != "no") {
          error = Invalid("--overwrite", "yes | no", "yes | no", text);
          return std::nullopt;
        }
        options.overwrite = text == "yes";
      }
      break;
    case Command::help:
    case Command::version:
      break;
  }
  return options;
}

std::string Usage() {
  std::ostringstream out;
  out << "minegate-credential — identifiants des bracelets et des cartes de mineur / bracelet "
         "and miner's card credentials\n\nutilisation / usage:\n";
  for (const CommandEntry& entry : kCommands) out << entry.usage;
  out << "  minegate-credential COMMANDE --help / COMMAND --help\n"
         "      les options d'une commande / one command's options\n";
  for (const CommandEntry& entry : kCommands) {
    const po::options_description settings = Describe(entry.command);
    if (settings.options().empty()) continue;
    out << '\n' << entry.name << " " << settings;
  }
  // --help and --version, from the same place as every program's.
  const po::options_description none;
  base::OptionsSpec spec = SpecOf(kCommands.front(), none);
  spec.settings = nullptr;
  out << '\n' << base::HelpText(spec, "toutes les commandes / every command:");
  return out.str();
}

std::string Usage(Command command) {
  const CommandEntry* entry = EntryOf(command);
  if (entry == nullptr) return Usage();  // help and version are not commands of their own
  const po::options_description settings = Describe(command);
  base::OptionsSpec spec = SpecOf(*entry, settings);
  if (settings.options().empty()) spec.settings = nullptr;  // no empty "options:" heading
  return base::HelpText(spec, "utilisation / usage:\n" + std::string(entry->usage));
}

}  // namespace minegate::credential_tool
