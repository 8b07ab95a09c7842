#pragma once
/// How an enrolled device proves who it is to the server, with its Ed25519
/// device key (the same key that signs the bracelets it issues):
///   - on the sync WebSocket, by signing the server's fresh challenge nonce;
///   - on HTTPS requests, by signing the method, path and a timestamp.
/// Each signed message starts with its own context string, so a signature made
/// for one purpose can never be replayed for another (or taken for a bracelet).

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "proto/credential/signing_key.hpp"

namespace minegate::auth {

inline constexpr char kHelloContext[] = "minegate-sync-hello-v1";
inline constexpr char kRequestContext[] = "minegate-http-v1";
/// How far a signed request's timestamp may be from the server's clock.
inline constexpr std::int64_t kRequestWindowMs = 5 * 60 * 1000;

/// "minegate-sync-hello-v1" || nonce || device_id.
std::vector<std::uint8_t> HelloSignedBytes(std::string_view nonce, std::string_view device_id);

/// "minegate-http-v1" || method || '\n' || path || '\n' || decimal timestamp_ms || '\n' ||
/// device_id.
std::vector<std::uint8_t> RequestSignedBytes(std::string_view method, std::string_view path,
                                             std::int64_t timestamp_ms, std::string_view device_id);

/// Ed25519 verification of a detached signature by `public_key`.
bool VerifySignature(std::span<const std::uint8_t> public_key,
                     std::span<const std::uint8_t> message, std::string_view signature);

/// The value of an HTTP `Authorization` header for a device-signed request:
/// `Minegate-Device id=<device_id>, ts=<ms>, sig=<hex signature>`.
std::string AuthorizationHeader(const credential::SigningKey& key, std::string_view device_id,
                                std::string_view method, std::string_view path,
                                std::int64_t timestamp_ms);

/// The parts of such a header; false when it is not one.
struct DeviceAuthorization {
  std::string device_id;
  std::int64_t timestamp_ms = 0;
  std::string signature;  ///< raw bytes
};
bool ParseAuthorizationHeader(std::string_view header, DeviceAuthorization& out);

}  // namespace minegate::auth
