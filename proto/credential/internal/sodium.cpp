#include "proto/credential/internal/sodium.hpp"

#include <sodium.h>

namespace minegate::credential::internal {

bool SodiumReady() {
  // sodium_init() is itself idempotent and thread-safe; the static only saves
  // repeated calls on the hot path.
  static const bool ready = sodium_init() >= 0;
  return ready;
}

}  // namespace minegate::credential::internal
