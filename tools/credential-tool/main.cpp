// minegate-credential: the technician's tool for bracelet and miner-card credentials.
// Generates a device signing key, issues a credential for a tag UID (printing the
// bytes to write and the NTAG user-memory image), and inspects credential bytes or a
// tag memory dump, verifying them against trusted public keys, and writes one to the
// tag on a reader through minegate-bridge.
#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.hpp"
#include "base/file.hpp"
#include "base/options/options.hpp"
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
#include "tools/credential-tool/options.hpp"

namespace {

using namespace minegate;
using Bytes = std::vector<std::uint8_t>;
using credential_tool::Command;
using credential_tool::Options;

constexpr std::size_t kNtag213UserBytes = 144;
constexpr int kExitRefused = 1;
constexpr int kExitUsage = 2;

/// A refusal of the command line: what is wrong, then the usage, on stderr.
int Usage(std::string_view problem) {
  std::cerr << "minegate-credential: " << problem << "\n\n" << credential_tool::Usage();
  return kExitUsage;
}

/// A device key file holds its seed in hex and a newline; a few spare bytes allow for a
/// trailing space or CRLF. A larger file is not a key and is refused before it is read whole.
constexpr std::size_t kMaxKeyFileBytes = 256;

std::optional<credential::SigningKey> LoadKey(const std::string& path) {
  // private_only: the seed is the key, so a file others may read (or a symbolic link) is
  // refused, as ssh refuses a private key, and the read buffers are wiped.
  auto text = base::ReadFileBounded(path, kMaxKeyFileBytes, base::FileAccess::private_only);
  if (!text) {
    std::cerr << "minegate-credential: fichier de clé illisible / unreadable key file: " << path
              << ": " << text.error().message() << '\n';
    return std::nullopt;
  }
  auto seed_bytes = credential::FromHex(text.value());
  sodium_memzero(text.value().data(), text.value().size());
  if (!seed_bytes || seed_bytes->size() != credential::kSeedSize) {
    if (seed_bytes) sodium_memzero(seed_bytes->data(), seed_bytes->size());
    std::cerr << "minegate-credential: fichier de clé illisible / unreadable key file: " << path
              << '\n';
    return std::nullopt;
  }
  credential::Seed seed{};
  std::copy(seed_bytes->begin(), seed_bytes->end(), seed.begin());
  sodium_memzero(seed_bytes->data(), seed_bytes->size());
  auto key = credential::SigningKey::FromSeed(seed);
  sodium_memzero(seed.data(), seed.size());
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

int Keygen(const Options& options) {
  const std::string& path = options.key_file;
  auto key = credential::SigningKey::Generate();
  if (!key) {
    std::cerr << "minegate-credential: " << key.error().message() << '\n';
    return kExitRefused;
  }
  // create_new: never overwrite a device key by accident; 0600: the seed is the key. Written
  // beside, synced, then linked into place: a crash leaves no key or a whole one.
  std::string text = credential::ToHex(key.value().seed()) + "\n";
  auto written = base::WriteFileAtomically(path, text, 0600, base::WriteMode::create_new);
  sodium_memzero(text.data(), text.size());
  if (!written) {
    std::cerr << "minegate-credential: impossible de créer / cannot create " << path << ": "
              << written.error().message() << '\n';
    return kExitRefused;
  }
  PrintPublicKey(key.value());
  return 0;
}

int Pubkey(const Options& options) {
  auto key = LoadKey(options.key_file);
  if (!key) return kExitRefused;
  PrintPublicKey(*key);
  return 0;
}

/// The fields --site, --card-number, --token and --issued-at describe, with a random token
/// and the current time for those not given.
std::optional<credential::CredentialFields> FieldsOf(const Options& options) {
  credential::CredentialFields fields;
  fields.site_id = options.site_id;
  if (options.card_number) {
    fields.kind = credential::Kind::miner_card;
    fields.card_number = *options.card_number;
  }
  if (options.token) {
    fields.person_token = *options.token;
  } else {
    auto token = credential::NewPersonToken();
    if (!token) {
      std::cerr << "minegate-credential: " << token.error().message() << '\n';
      return std::nullopt;
    }
    fields.person_token = token.value();
  }
  fields.issued_at_ms = options.issued_at_ms ? *options.issued_at_ms : base::NowMs();
  return fields;
}

std::optional<Bytes> IssueFor(const Options& options, const credential::SigningKey& key,
                              std::span<const std::uint8_t> uid) {
  auto fields = FieldsOf(options);
  if (!fields) return std::nullopt;
  auto issued = credential::Issue(*fields, uid, key);
  if (!issued) {
    std::cerr << "minegate-credential: " << issued.error().message() << '\n';
    return std::nullopt;
  }
  return std::move(issued).value();
}

int Issue(const Options& options) {
  auto key = LoadKey(options.key_file);
  if (!key) return kExitRefused;
  auto issued = IssueFor(options, *key, options.uid);
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
int Write(const Options& options) {
  constexpr std::chrono::seconds kWait{30};
  // The key first: a bad key file is reported before the technician presents a tag.
  auto key = LoadKey(options.key_file);
  if (!key) return kExitRefused;
  auto client = bridge::BridgeClient::Connect(options.socket, std::chrono::seconds(5));
  if (!client) {
    std::cerr << "minegate-credential: pont injoignable / bridge unreachable: " << options.socket
              << '\n';
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
  auto issued = IssueFor(options, *key, uid);
  if (!issued) return kExitRefused;

  v1::KioskMessage request;
  auto* write = request.mutable_write_credential();
  write->set_request_id(1);
  write->set_expected_uid(uid_text);
  write->set_credential(std::string(issued->begin(), issued->end()));
  write->set_overwrite(options.overwrite);
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

credential::KeySet TrustOf(const Options& options) {
  credential::KeySet keys;
  for (const credential_tool::TrustedKeyOption& entry : options.trust) {
    credential::TrustedKey trusted;
    trusted.public_key = entry.public_key;
    if (entry.revoked_at_ms) {
      trusted.revoked_at_ms = entry.revoked_at_ms;
      // Bracelets the server froze when their key was revoked (see sync.proto
      // DeviceKey.bracelets_before_revocation); each digest names one (UID,
      // credential) pair, so it is safe to give it to every revoked key.
      trusted.issued_before_revocation = options.valid_despite_revocation;
    }
    keys.Upsert(trusted);
  }
  return keys;
}

int Inspect(const Options& options) {
  const credential::KeySet keys = TrustOf(options);
  // A dump of NTAG user memory starts with a TLV (03 = NDEF); credentials with version 1.
  Bytes bytes = options.input;
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
  if (keys.size() == 0) {
    std::cout << "non vérifié (aucune clé --trust) / not verified (no --trust key)\n";
    return 0;
  }
  std::cout << "empreinte d'émission / issued digest: "
            << credential::ToHex(credential::DigestOfIssued(options.uid, decoded.value())) << '\n';
  const std::int64_t now_ms = options.now_ms ? *options.now_ms : base::NowMs();
  auto verified = credential::Verify(decoded.value(), options.uid, keys, now_ms);
  if (!verified) {
    std::cout << "refusé / refused: " << verified.error().message() << '\n';
    return kExitRefused;
  }
  std::cout << "valide / valid\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string error;
  const auto options =
      credential_tool::ParseOptions(std::vector<std::string>(argv + 1, argv + argc), error);
  if (!options) return Usage(error);
  switch (options->command) {
    case Command::help:
      std::cout << (options->help_for ? credential_tool::Usage(*options->help_for)
                                      : credential_tool::Usage());
      return 0;
    case Command::version:
      std::cout << base::VersionText("minegate-credential");
      return 0;
    case Command::keygen:
      return Keygen(*options);
    case Command::pubkey:
      return Pubkey(*options);
    case Command::issue:
      return Issue(*options);
    case Command::inspect:
      return Inspect(*options);
    case Command::write:
      return Write(*options);
  }
  return kExitUsage;
}
