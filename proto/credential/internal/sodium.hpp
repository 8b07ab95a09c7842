#pragma once

namespace minegate::credential::internal {

/// Initialises libsodium once per process (thread-safe); false if it cannot.
bool SodiumReady();

}  // namespace minegate::credential::internal
