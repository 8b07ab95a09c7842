// The kiosk's Ed25519 device key on disk: DATA_DIR/keys/device.key, the
// 32-byte seed, mode 0600 in a 0700 directory. It signs the bracelets this
// kiosk issues and authenticates it to the server; it never leaves the box.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "proto/credential/signing_key.hpp"

namespace minegate::kiosk::app {

std::filesystem::path DeviceKeyPath(const std::filesystem::path& data_dir);

/// The stored key; nullopt and a bilingual reason when missing or unusable.
std::optional<credential::SigningKey> LoadDeviceKey(const std::filesystem::path& data_dir,
                                                    std::string& error);

/// The stored key, or a new one written durably first (so a key the server
/// learns at enrolment is never one the kiosk could lose).
std::optional<credential::SigningKey> LoadOrCreateDeviceKey(const std::filesystem::path& data_dir,
                                                            std::string& error);

}  // namespace minegate::kiosk::app
