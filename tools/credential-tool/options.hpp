#pragma once
/// minegate-credential's command line: a command (keygen, pubkey, issue, inspect, write), then
/// that command's own options, read by base/options against one description per command. Hex
/// values are decoded here, so a bad one is refused with its option named before anything runs.

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "proto/credential/credential.hpp"
#include "proto/credential/issued_digest.hpp"
#include "proto/credential/signing_key.hpp"

namespace minegate::credential_tool {

enum class Command { keygen, pubkey, issue, inspect, write, help, version };

/// One --trust PUBKEY[@REVOKED_AT_MS].
struct TrustedKeyOption {
  credential::PublicKey public_key{};
  std::optional<std::int64_t> revoked_at_ms;
};

struct Options {
  Command command = Command::help;
  /// help: the command whose help was asked (`issue --help`); nullopt for every command's.
  std::optional<Command> help_for;

  /// keygen and pubkey: KEYFILE; issue and write: --key.
  std::string key_file;
  /// issue and inspect: --uid (4, 7 or 10 bytes).
  std::vector<std::uint8_t> uid;

  // issue and write: what goes into the credential.
  std::uint32_t site_id = 0;
  /// A miner's card when given, a bracelet otherwise.
  std::optional<std::string> card_number;
  /// Drawn at random when not given.
  std::optional<credential::PersonToken> token;
  /// Now when not given.
  std::optional<std::int64_t> issued_at_ms;

  // inspect
  std::vector<TrustedKeyOption> trust;
  std::set<credential::IssuedDigest> valid_despite_revocation;
  /// Now when not given.
  std::optional<std::int64_t> now_ms;
  /// The credential or NTAG memory image (HEX).
  std::vector<std::uint8_t> input;

  // write
  std::string socket;
  bool overwrite = false;
};

/// Parses the words after the program name. On failure, nullopt and a bilingual explanation
/// naming the command, option or word at fault in `error`.
std::optional<Options> ParseOptions(const std::vector<std::string>& args, std::string& error);

/// --help text for every command, French then English, generated from their descriptions.
std::string Usage();
/// `minegate-credential COMMAND --help`: that command's usage and options.
std::string Usage(Command command);

}  // namespace minegate::credential_tool
