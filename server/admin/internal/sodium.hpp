#pragma once

namespace minegate::server::admin::internal {

/// Initialises libsodium once per process (thread-safe); false if it cannot. Called before any
/// random bytes or password hash, because libsodium's own functions assume it.
bool SodiumReady();

}  // namespace minegate::server::admin::internal
