#include "proto/auth/device_auth.hpp"

#include <sodium.h>

#include <charconv>

#include "proto/credential/hex.hpp"

namespace minegate::auth {
namespace {

void Append(std::vector<std::uint8_t>& out, std::string_view text) {
  out.insert(out.end(), text.begin(), text.end());
}

}  // namespace

std::vector<std::uint8_t> HelloSignedBytes(std::string_view nonce, std::string_view device_id) {
  std::vector<std::uint8_t> bytes;
  Append(bytes, kHelloContext);
  Append(bytes, nonce);
  Append(bytes, device_id);
  return bytes;
}

std::vector<std::uint8_t> RequestSignedBytes(std::string_view method, std::string_view path,
                                             std::int64_t timestamp_ms,
                                             std::string_view device_id) {
  std::vector<std::uint8_t> bytes;
  Append(bytes, kRequestContext);
  Append(bytes, method);
  Append(bytes, "\n");
  Append(bytes, path);
  Append(bytes, "\n");
  Append(bytes, std::to_string(timestamp_ms));
  Append(bytes, "\n");
  Append(bytes, device_id);
  return bytes;
}

bool VerifySignature(std::span<const std::uint8_t> public_key,
                     std::span<const std::uint8_t> message, std::string_view signature) {
  if (public_key.size() != crypto_sign_PUBLICKEYBYTES || signature.size() != crypto_sign_BYTES) {
    return false;
  }
  if (sodium_init() < 0) return false;
  return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.data()),
                                     message.data(), message.size(), public_key.data()) == 0;
}

std::string AuthorizationHeader(const credential::SigningKey& key, std::string_view device_id,
                                std::string_view method, std::string_view path,
                                std::int64_t timestamp_ms) {
  const auto signature = key.Sign(RequestSignedBytes(method, path, timestamp_ms, device_id));
  return "Minegate-Device id=" + std::string(device_id) + ", ts=" + std::to_string(timestamp_ms) +
         ", sig=" + credential::ToHex(signature);
}

bool ParseAuthorizationHeader(std::string_view header, DeviceAuthorization& out) {
  constexpr std::string_view kScheme = "Minegate-Device ";
  if (!header.starts_with(kScheme)) return false;
  header.remove_prefix(kScheme.size());
  bool has_id = false, has_ts = false, has_sig = false;
  while (!header.empty()) {
    const auto comma = header.find(',');
    std::string_view part = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    const auto eq = part.find('=');
    if (eq == std::string_view::npos) return false;
    const std::string_view name = part.substr(0, eq);
    const std::string_view value = part.substr(eq + 1);
    if (name == "id") {
      out.device_id = std::string(value);
      has_id = !value.empty() && value.size() <= 64;
    } else if (name == "ts") {
      const auto [end, ec] =
          std::from_chars(value.data(), value.data() + value.size(), out.timestamp_ms);
      has_ts = ec == std::errc() && end == value.data() + value.size();
    } else if (name == "sig") {
      auto bytes = credential::FromHex(value);
      if (!bytes || bytes->size() != crypto_sign_BYTES) return false;
      out.signature.assign(bytes->begin(), bytes->end());
      has_sig = true;
    } else {
      return false;
    }
  }
  return has_id && has_ts && has_sig;
}

}  // namespace minegate::auth
