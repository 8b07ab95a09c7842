// minegate-credential: the technician's tool for bracelet and miner-card credentials.
// Generates a device signing key, issues a credential for a tag UID (printing the
// bytes to write and the NTAG user-memory image), and inspects credential bytes or a
// tag memory dump, verifying them against trusted public keys, and writes one to the
// tag on a reader through minegate-bridge.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.hpp"
#include "base/version.hpp"
#include "firmware-bridge/client/bridge_client.hpp"
#include "firmware-bridge/ndef/credential_record.hpp"
#include "firmware-bridge/ndef/type2_tlv.hpp"
#include "proto/credential/codec.hpp"
#include "proto/credential/describe.hpp"
#include "proto/credential/hex.hpp"
#include "proto/credential/issued_digest.hpp"
#include "proto/credential/issuer.hpp"
#include "proto/credential/key_set.hpp"
#include "proto/credential/person_token.hpp"
#include "proto/credential/signing_key.hpp"
#include "proto/credential/verifier.hpp"

namespace {

using namespace minegate;
using Bytes = std::vector<std::uint8_t>;

constexpr std::size_t kNtag213UserBytes = 144;
constexpr int kExitRefused = 1;
constexpr int kExitUsage = 2;

constexpr std::string_view kUsage =
    "usage / utilisation:\n"
    "  minegate-credential keygen KEYFILE\n"
    "      crée une clé de signature d'appareil / creates a device signing key (mode 0600)\n"
    "  minegate-credential pubkey KEYFILE\n"
    "      affiche la clé publique et son identifiant / prints the public key and its id\n"
    "  minegate-credential issue --key KEYFILE --uid HEX --site N [--card-number NUM]\n"
    "                            [--token HEX] [--issued-at MS]\n"
    "      émet un identifiant pour une puce / issues a credential for a tag\n"
    "  minegate-credential inspect --uid HEX [--trust PUBKEY[@REVOKED_AT_MS]]...\n"
    "                              [--valid-despite-revocation DIGEST]... [--now MS] HEX\n"
    "      décode (et vérifie) un identifiant ou une image mémoire NTAG ; une clé révoquée\n"
    "      n'est acceptée que pour les bracelets listés (empreintes de la liste de confiance) /\n"
    "      decodes (and verifies) a credential or an NTAG memory image; a revoked key is\n"
    "      accepted only for the bracelets listed (digests from the trust list)\n"
    "  minegate-credential write --socket PATH --key KEYFILE --site N [--card-number NUM]\n"
    "                            [--overwrite yes]\n"
    "      attend une puce sur minegate-bridge, y écrit un identifiant et le relit /\n"
    "      waits for a tag on minegate-bridge, writes a credential to it, reads it back\n";

int Usage(std::string_view problem) {
  std::cerr << "minegate-credential: " << problem << "\n\n" << kUsage;
  return kExitUsage;
}

/// Command-line options after the sub-command: --name value pairs and positionals.
struct Arguments {
  std::vector<std::pair<std::string, std::string>> options;
  std::vector<std::string> positionals;

  std::optional<std::string> Get(std::string_view name) const {
    for (const auto& [key, value] : options) {
      if (key == name) return value;
    }
    return std::nullopt;
  }
  std::vector<std::string> GetAll(std::string_view name) const {
    std::vector<std::string> values;
    for (const auto& [key, value] : options) {
      if (key == name) values.push_back(value);
    }
    return values;
  }
};

std::optional<Arguments> ParseArguments(int argc, char** argv, int first) {
  Arguments args;
  for (int i = first; i < argc; ++i) {
    std::string_view arg(argv[i]);
    if (arg.starts_with("--")) {
      if (i + 1 >= argc) return std::nullopt;
      args.options.emplace_back(std::string(arg.substr(2)), argv[++i]);
    } else {
      args.positionals.emplace_back(arg);
    }
  }
  return args;
}

template <class Integer>
std::optional<Integer> ParseInteger(std::string_view text) {
  Integer value{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<credential::SigningKey> LoadKey(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  const auto seed_bytes = credential::FromHex(text.str());
  if (!in || !seed_bytes || seed_bytes->size() != credential::kSeedSize) {
    std::cerr << "minegate-credential: fichier de clé illisible / unreadable key file: " << path
              << '\n';
    return std::nullopt;
  }
  credential::Seed seed{};
  std::copy(seed_bytes->begin(), seed_bytes->end(), seed.begin());
  auto key = credential::SigningKey::FromSeed(seed);
  if (!key) {
    std::cerr << "minegate-credential: " << key.error().message() << '\n';
    return std::nullopt;
  }
  return std::move(key).value();
}

void PrintPublicKey(const credential::SigningKey& key) {
  std::cout << "clé publique / public key: " << credential::ToHex(key.public_key()) << '\n'
            << "identifiant de clé / key id: " << credential::ToHex(key.key_id()) << '\n';
}

int Keygen(const Arguments& args) {
  if (args.positionals.size() != 1) return Usage("keygen KEYFILE");
  const std::string& path = args.positionals[0];
  auto key = credential::SigningKey::Generate();
  if (!key) return Usage(key.error().message());
  // O_EXCL: never overwrite a device key by accident; 0600: the seed is the key.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) {
    std::cerr << "minegate-credential: impossible de créer / cannot create " << path << ": "
              << std::strerror(errno) << '\n';
    return kExitRefused;
  }
  const std::string text = credential::ToHex(key.value().seed()) + "\n";
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  const bool closed = ::close(fd) == 0;
  if (!written || !closed) {
    std::cerr << "minegate-credential: écriture échouée / write failed: " << path << '\n';
    return kExitRefused;
  }
  PrintPublicKey(key.value());
  return 0;
}

int Pubkey(const Arguments& args) {
  if (args.positionals.size() != 1) return Usage("pubkey KEYFILE");
  auto key = LoadKey(args.positionals[0]);
  if (!key) return kExitRefused;
  PrintPublicKey(*key);
  return 0;
}

std::optional<Bytes> ParseUid(const Arguments& args) {
  auto text = args.Get("uid");
  if (!text) return std::nullopt;
  auto uid = credential::FromHex(*text);
  if (!uid || !credential::IsValidUid(*uid)) return std::nullopt;
  return uid;
}

/// The fields --site, --card-number, --token and --issued-at describe; nullopt after
/// printing what is wrong.
std::optional<credential::CredentialFields> ParseFields(const Arguments& args) {
  const auto site_text = args.Get("site");
  const auto site = site_text ? ParseInteger<std::uint32_t>(*site_text) : std::nullopt;
  if (!site) {
    Usage("--site N: entier attendu / integer expected");
    return std::nullopt;
  }
  credential::CredentialFields fields;
  fields.site_id = *site;
  if (auto card_number = args.Get("card-number")) {
    fields.kind = credential::Kind::miner_card;
    fields.card_number = *card_number;
  }
  if (auto token_text = args.Get("token")) {
    auto token = credential::FromHex(*token_text);
    if (!token || token->size() != fields.person_token.size()) {
      Usage("--token: 16 octets en hexadécimal / 16 bytes of hex");
      return std::nullopt;
    }
    std::copy(token->begin(), token->end(), fields.person_token.begin());
  } else {
    auto token = credential::NewPersonToken();
    if (!token) {
      Usage(token.error().message());
      return std::nullopt;
    }
    fields.person_token = token.value();
  }
  if (auto issued_text = args.Get("issued-at")) {
    auto issued = ParseInteger<std::int64_t>(*issued_text);
    if (!issued) {
      Usage("--issued-at: millisecondes / milliseconds");
      return std::nullopt;
    }
    fields.issued_at_ms = *issued;
  } else {
    fields.issued_at_ms = base::NowMs();
  }
  return fields;
}

std::optional<Bytes> IssueFor(const Arguments& args, std::span<const std::uint8_t> uid) {
  const auto key_path = args.Get("key");
  if (!key_path) {
    Usage("--key KEYFILE");
    return std::nullopt;
  }
  auto fields = ParseFields(args);
  if (!fields) return std::nullopt;
  auto key = LoadKey(*key_path);
  if (!key) return std::nullopt;
  auto issued = credential::Issue(*fields, uid, *key);
  if (!issued) {
    std::cerr << "minegate-credential: " << issued.error().message() << '\n';
    return std::nullopt;
  }
  return std::move(issued).value();
}

int Issue(const Arguments& args) {
  const auto uid = ParseUid(args);
  if (!uid) return Usage("issue --key KEYFILE --uid HEX --site N");
  auto issued = IssueFor(args, *uid);
  if (!issued) return kExitRefused;
  const Bytes area = ndef::CredentialType2Area(*issued);
  std::cout << "identifiant / credential (" << issued->size()
            << " octets / bytes): " << credential::ToHex(*issued) << '\n'
            << "mémoire NTAG dès la page 4 / NTAG memory from page 4 (" << area.size()
            << " octets / bytes): " << credential::ToHex(area) << '\n'
            << "tient dans un NTAG213 (144 octets) / fits an NTAG213 (144 bytes): "
            << (area.size() <= kNtag213UserBytes ? "oui / yes" : "non / no") << '\n';
  return 0;
}

/// Waits for a tag on minegate-bridge's socket, issues a credential for its UID
/// and has the bridge write and read it back.
int Write(const Arguments& args) {
  const auto socket = args.Get("socket");
  if (!socket) return Usage("write --socket PATH --key KEYFILE --site N");
  constexpr std::chrono::seconds kWait{30};
  auto client = bridge::BridgeClient::Connect(*socket, std::chrono::seconds(5));
  if (!client) {
    std::cerr << "minegate-credential: pont injoignable / bridge unreachable: " << *socket << '\n';
    return kExitRefused;
  }
  std::cout << "présentez une puce / present a tag (" << kWait.count() << " s)..." << std::endl;
  auto tag = client->WaitFor(bridge::IsTagPresented, kWait);
  if (!tag) {
    std::cerr << "minegate-credential: aucune puce / no tag\n";
    return kExitRefused;
  }
  const std::string& uid_text = tag->tag_presented().uid();
  const Bytes uid(uid_text.begin(), uid_text.end());
  std::cout << "puce / tag " << credential::ToHex(uid) << " ("
            << v1::TagType_Name(tag->tag_presented().tag_type()) << ")\n";
  auto issued = IssueFor(args, uid);
  if (!issued) return kExitRefused;

  v1::KioskMessage request;
  auto* write = request.mutable_write_credential();
  write->set_request_id(1);
  write->set_expected_uid(uid_text);
  write->set_credential(std::string(issued->begin(), issued->end()));
  write->set_overwrite(args.Get("overwrite") == "yes");
  auto result =
      client->Send(request)
          ? client->WaitFor([](const v1::BridgeMessage& m) { return m.has_write_result(); }, kWait)
          : std::nullopt;
  if (!result) {
    std::cerr << "minegate-credential: pas de réponse du pont / no answer from the bridge\n";
    return kExitRefused;
  }
  const auto& outcome = result->write_result();
  std::cout << v1::WriteOutcome_Name(outcome.outcome()) << ": " << outcome.detail().fr() << " / "
            << outcome.detail().en() << '\n';
  if (outcome.outcome() != v1::WRITE_OUTCOME_OK) return kExitRefused;
  std::cout << "identifiant / credential: " << credential::ToHex(*issued) << '\n';
  return 0;
}

std::optional<credential::KeySet> ParseTrust(const Arguments& args) {
  // Bracelets the server froze when their key was revoked (see sync.proto
  // DeviceKey.bracelets_before_revocation); each digest names one (UID,
  // credential) pair, so it is safe to give it to every revoked key.
  std::set<credential::IssuedDigest> frozen;
  for (const std::string& entry : args.GetAll("valid-despite-revocation")) {
    auto digest = credential::FromHex(entry);
    if (!digest || digest->size() != credential::kIssuedDigestSize) return std::nullopt;
    credential::IssuedDigest value{};
    std::copy(digest->begin(), digest->end(), value.begin());
    frozen.insert(value);
  }
  credential::KeySet keys;
  for (const std::string& entry : args.GetAll("trust")) {
    const auto at = entry.find('@');
    auto public_key = credential::FromHex(std::string_view(entry).substr(0, at));
    if (!public_key || public_key->size() != credential::kPublicKeySize) return std::nullopt;
    credential::TrustedKey trusted;
    std::copy(public_key->begin(), public_key->end(), trusted.public_key.begin());
    if (at != std::string::npos) {
      trusted.revoked_at_ms = ParseInteger<std::int64_t>(std::string_view(entry).substr(at + 1));
      if (!trusted.revoked_at_ms) return std::nullopt;
      trusted.issued_before_revocation = frozen;
    }
    keys.Upsert(trusted);
  }
  return keys;
}

int Inspect(const Arguments& args) {
  const auto uid = ParseUid(args);
  if (!uid || args.positionals.size() != 1) return Usage("inspect --uid HEX HEX");
  auto keys = ParseTrust(args);
  if (!keys) {
    return Usage(
        "--trust : clé publique hexadécimale [@ms], --valid-despite-revocation : 16 octets "
        "hexadécimaux / --trust: hex public key [@ms], --valid-despite-revocation: 16 hex bytes");
  }
  auto input = credential::FromHex(args.positionals[0]);
  if (!input) return Usage("octets hexadécimaux attendus / hex bytes expected");

  // A dump of NTAG user memory starts with a TLV (03 = NDEF); credentials with version 1.
  Bytes bytes = *input;
  if (!bytes.empty() && bytes[0] == 0x03) {
    auto extracted = ndef::CredentialFromType2Area(bytes);
    if (!extracted) {
      std::cout << "refusé / refused: " << extracted.error().message() << '\n';
      return kExitRefused;
    }
    bytes = std::move(extracted).value();
  }
  auto decoded = credential::Decode(bytes);
  if (!decoded) {
    std::cout << "refusé / refused: " << decoded.error().message() << '\n';
    return kExitRefused;
  }
  std::cout << credential::Describe(decoded.value());
  if (keys->size() == 0) {
    std::cout << "non vérifié (aucune clé --trust) / not verified (no --trust key)\n";
    return 0;
  }
  std::cout << "empreinte d'émission / issued digest: "
            << credential::ToHex(credential::DigestOfIssued(*uid, decoded.value())) << '\n';
  std::int64_t now_ms = base::NowMs();
  if (auto now = args.Get("now")) {
    auto parsed = ParseInteger<std::int64_t>(*now);
    if (!parsed)
      return Usage("--now: millisecondes depuis l'époque / milliseconds since the epoch");
    now_ms = *parsed;
  }
  auto verified = credential::Verify(decoded.value(), *uid, *keys, now_ms);
  if (!verified) {
    std::cout << "refusé / refused: " << verified.error().message() << '\n';
    return kExitRefused;
  }
  std::cout << "valide / valid\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return Usage("commande manquante / missing command");
  const std::string_view command(argv[1]);
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << kUsage;
    return 0;
  }
  if (command == "--version") {
    std::cout << "minegate-credential " << minegate::base::kVersion << '\n';
    return 0;
  }
  auto args = ParseArguments(argc, argv, 2);
  if (!args) return Usage("option sans valeur / option without a value");
  if (command == "keygen") return Keygen(*args);
  if (command == "pubkey") return Pubkey(*args);
  if (command == "issue") return Issue(*args);
  if (command == "inspect") return Inspect(*args);
  if (command == "write") return Write(*args);
  return Usage("commande inconnue / unknown command: " + std::string(command));
}
