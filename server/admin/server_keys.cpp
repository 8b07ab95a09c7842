#include "server/admin/server_keys.hpp"

#include <sodium.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <string>

#include "proto/credential/hex.hpp"
#include "proto/credential/signing_key.hpp"
#include "server/admin/internal/key_file.hpp"
#include "server/admin/internal/sodium.hpp"

namespace minegate::server::admin {
namespace {

/// 64 hex digits and a newline; anything much larger is not one of our key files.
constexpr std::size_t kMaxKeyFileBytes = 256;

/// Wipes a string that held secret material before it is freed.
void Wipe(std::string& text) {
  sodium_memzero(text.data(), text.size());
  text.clear();
}

/// Hex text (as written by ToHex, with a trailing newline) into exactly `out.size()` bytes.
bool ParseHexKey(std::string_view text, std::span<std::uint8_t> out) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
    text.remove_suffix(1);
  }
  std::optional<std::vector<std::uint8_t>> bytes = credential::FromHex(text);
  const bool ok = bytes && bytes->size() == out.size();
  if (ok) std::copy(bytes->begin(), bytes->end(), out.begin());
  if (bytes) sodium_memzero(bytes->data(), bytes->size());
  return ok;
}

}  // namespace

std::filesystem::path ServerKeys::SecretKeyPath(const std::filesystem::path& data_dir) {
  return data_dir / "keys" / "sealing.key";
}

std::filesystem::path ServerKeys::PublicKeyPath(const std::filesystem::path& data_dir) {
  return data_dir / "keys" / "sealing.pub";
}

Result<std::optional<ServerKeys>> ServerKeys::ReadExisting(const std::filesystem::path& data_dir) {
  auto secret_text = internal::ReadKeyFile(SecretKeyPath(data_dir), kMaxKeyFileBytes, true);
  if (!secret_text) return secret_text.error();
  auto public_text = internal::ReadKeyFile(PublicKeyPath(data_dir), kMaxKeyFileBytes, false);
  if (!public_text) {
    if (secret_text.value()) Wipe(*secret_text.value());
    return public_text.error();
  }
  if (!secret_text.value()) {
    // A public key whose secret key is gone: kiosks may hold data sealed to it. Creating a new
    // pair silently would hide that loss, so an operator must look.
    if (public_text.value()) return Errc::key_files_inconsistent;
    return std::optional<ServerKeys>();
  }
  ServerKeys keys;
  const bool parsed = ParseHexKey(*secret_text.value(), keys.secret_key_);
  Wipe(*secret_text.value());
  if (!parsed) return Errc::key_file_corrupt;
  if (crypto_scalarmult_base(keys.public_key_.data(), keys.secret_key_.data()) != 0) {
    return Errc::key_file_corrupt;
  }
  if (public_text.value()) {
    SealingPublicKey stored{};
    if (!ParseHexKey(*public_text.value(), stored)) return Errc::key_file_corrupt;
    if (stored != keys.public_key_) return Errc::key_files_inconsistent;
    keys.public_file_present_ = true;
  }
  keys.key_id_ = credential::KeyIdOf(keys.public_key_);
  return std::optional<ServerKeys>(std::move(keys));
}

Result<bool> ServerKeys::CreateSecretKey(const std::filesystem::path& data_dir) {
  std::array<std::uint8_t, kSealingKeySize> secret_key{};
  SealingPublicKey public_key{};
  crypto_box_keypair(public_key.data(), secret_key.data());
  std::string text = credential::ToHex(secret_key) + "\n";
  sodium_memzero(secret_key.data(), secret_key.size());
  auto created = internal::CreateFileAtomically(SecretKeyPath(data_dir), text, 0600);
  Wipe(text);
  return created;
}

Result<ServerKeys> ServerKeys::LoadOrCreate(const std::filesystem::path& data_dir) {
  if (!internal::SodiumReady()) return Errc::crypto_unavailable;
  const std::filesystem::path keys_dir = data_dir / "keys";
  if (::mkdir(keys_dir.c_str(), 0700) != 0 && errno != EEXIST) return Errc::key_file_io;

  auto existing = ReadExisting(data_dir);
  if (!existing) return existing.error();
  if (!existing.value()) {
    // Whether we created it or another process just did, what is on disk is the key.
    auto created = CreateSecretKey(data_dir);
    if (!created) return created.error();
    existing = ReadExisting(data_dir);
    if (!existing) return existing.error();
    if (!existing.value()) return Errc::key_file_io;
  }
  ServerKeys keys = std::move(*existing.value());
  if (!keys.public_file_present_) {
    const std::string text = credential::ToHex(keys.public_key_) + "\n";
    auto written = internal::CreateFileAtomically(PublicKeyPath(data_dir), text, 0644);
    if (!written) return written.error();
    if (!written.value()) {
      // Another process wrote it meanwhile: check it matches rather than trust it.
      auto reread = Load(data_dir);
      if (!reread) return reread.error();
    }
    keys.public_file_present_ = true;
  }
  return keys;
}

Result<ServerKeys> ServerKeys::Load(const std::filesystem::path& data_dir) {
  if (!internal::SodiumReady()) return Errc::crypto_unavailable;
  auto existing = ReadExisting(data_dir);
  if (!existing) return existing.error();
  if (!existing.value()) return Errc::key_file_io;
  return std::move(*existing.value());
}

ServerKeys::ServerKeys(ServerKeys&& other) noexcept
    : secret_key_(other.secret_key_),
      public_key_(other.public_key_),
      key_id_(other.key_id_),
      public_file_present_(other.public_file_present_) {
  sodium_memzero(other.secret_key_.data(), other.secret_key_.size());
}

ServerKeys& ServerKeys::operator=(ServerKeys&& other) noexcept {
  if (this != &other) {
    secret_key_ = other.secret_key_;
    public_key_ = other.public_key_;
    key_id_ = other.key_id_;
    public_file_present_ = other.public_file_present_;
    sodium_memzero(other.secret_key_.data(), other.secret_key_.size());
  }
  return *this;
}

ServerKeys::~ServerKeys() { sodium_memzero(secret_key_.data(), secret_key_.size()); }

Result<std::vector<std::uint8_t>> ServerKeys::Open(std::span<const std::uint8_t> sealed) const {
  if (sealed.size() > kMaxSealedBytes) return Errc::sealed_box_too_large;
  if (sealed.size() < crypto_box_SEALBYTES) return Errc::sealed_box_invalid;
  std::vector<std::uint8_t> plain(sealed.size() - crypto_box_SEALBYTES);
  if (crypto_box_seal_open(plain.data(), sealed.data(), sealed.size(), public_key_.data(),
                           secret_key_.data()) != 0) {
    return Errc::sealed_box_invalid;
  }
  return plain;
}

}  // namespace minegate::server::admin
