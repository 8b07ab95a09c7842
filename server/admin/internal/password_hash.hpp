#pragma once
/// Argon2id password and PIN hashes (libsodium crypto_pwhash_str). The stored string carries its
/// own salt and cost parameters, so costs can rise later without invalidating old hashes.

#include <cstddef>
#include <string>
#include <string_view>

#include "server/admin/error.hpp"

namespace minegate::server::admin::internal {

/// Hashes with OPSLIMIT_INTERACTIVE / MEMLIMIT_INTERACTIVE (about 64 MiB, a tenth of a second):
/// costly for someone guessing from a stolen database, tolerable at each sign-in.
/// Errc::crypto_unavailable if libsodium cannot start or the memory cannot be had.
Result<std::string> HashSecret(std::string_view secret);

/// A kiosk PIN's hash: Argon2id at a higher cost than passwords (kPinOpsLimit passes over
/// kPinMemLimit), because a stolen kiosk hands its site's PIN hashes to offline guessing and a
/// PIN has few values. The kiosk verifies it at each sign-in (about a third of a second here;
/// see kiosk/README.md for the measured guessing cost).
inline constexpr unsigned long long kPinOpsLimit = 3;
inline constexpr std::size_t kPinMemLimit = 128u * 1024 * 1024;
Result<std::string> HashPin(std::string_view pin);

/// True when `secret` matches `hash`. A malformed hash never matches.
bool VerifySecret(const std::string& hash, std::string_view secret);

/// Spends the time of one verification and returns false: for an unknown or hash-less user, so
/// that the answer's timing does not reveal which user ids exist.
bool VerifyAgainstDummy(std::string_view secret);

}  // namespace minegate::server::admin::internal
