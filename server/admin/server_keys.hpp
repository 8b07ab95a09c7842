#pragma once
/// The server's X25519 sealing key pair. Kiosks seal the personal data in their outbox to its
/// public key (crypto_box_seal), so a stolen kiosk reveals little: only the server can open it.
///
/// Stored under DATA_DIR/keys/ (mode 0700): sealing.key holds the secret key in hex (mode 0600),
/// sealing.pub the public key in hex. Once created, a key is never overwritten: replacing it
/// would make every sealed body still waiting in a kiosk unreadable.
///
/// Threading: immutable after loading; Open() may be called from any number of threads.

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <vector>

#include "proto/credential/credential.hpp"
#include "server/admin/error.hpp"

namespace minegate::server::admin {

inline constexpr std::size_t kSealingKeySize = 32;
/// The largest sealed body Open() accepts: a sync frame is at most 1 MiB.
inline constexpr std::size_t kMaxSealedBytes = 1024 * 1024;
using SealingPublicKey = std::array<std::uint8_t, kSealingKeySize>;

class ServerKeys {
 public:
  /// Loads the key pair, creating it (and DATA_DIR/keys/) on first start. `data_dir` must exist.
  /// Two processes starting at once end up with the same key: the file is created once, the
  /// loser of the race loads the winner's. A missing sealing.pub is rewritten from the secret
  /// key. Errors: Errc::key_file_io, key_file_corrupt, key_file_insecure, key_files_inconsistent
  /// (a public key without its secret key, or not matching it), crypto_unavailable.
  static Result<ServerKeys> LoadOrCreate(const std::filesystem::path& data_dir);
  /// Loads an existing key pair and never writes (Errc::key_file_io if it does not exist).
  static Result<ServerKeys> Load(const std::filesystem::path& data_dir);

  static std::filesystem::path SecretKeyPath(const std::filesystem::path& data_dir);
  static std::filesystem::path PublicKeyPath(const std::filesystem::path& data_dir);

  ServerKeys(const ServerKeys&) = delete;
  ServerKeys& operator=(const ServerKeys&) = delete;
  ServerKeys(ServerKeys&& other) noexcept;
  ServerKeys& operator=(ServerKeys&& other) noexcept;
  /// Wipes the secret key.
  ~ServerKeys();

  const SealingPublicKey& public_key() const { return public_key_; }
  /// First 8 bytes of BLAKE2b-128 of the public key (as for device keys): named in Welcome so a
  /// kiosk knows which key it seals to.
  const credential::KeyId& key_id() const { return key_id_; }

  /// Opens a body sealed to our public key with crypto_box_seal. Errc::sealed_box_too_large
  /// above kMaxSealedBytes, Errc::sealed_box_invalid if it is too short, sealed to another key
  /// or altered.
  Result<std::vector<std::uint8_t>> Open(std::span<const std::uint8_t> sealed) const;

 private:
  ServerKeys() = default;
  /// Reads the files; nullopt when sealing.key does not exist.
  static Result<std::optional<ServerKeys>> ReadExisting(const std::filesystem::path& data_dir);
  /// Generates a key pair and creates sealing.key; false if another process created it first.
  static Result<bool> CreateSecretKey(const std::filesystem::path& data_dir);

  std::array<std::uint8_t, kSealingKeySize> secret_key_{};
  SealingPublicKey public_key_{};
  credential::KeyId key_id_{};
  /// Whether sealing.pub was found; LoadOrCreate writes it when it was not.
  bool public_file_present_ = false;
};

}  // namespace minegate::server::admin
