#include "server/admin/internal/sodium.hpp"

#include <sodium.h>

namespace minegate::server::admin::internal {

bool SodiumReady() {
  // sodium_init() is idempotent and thread-safe; the static saves the repeated calls.
  static const bool ready = sodium_init() >= 0;
  return ready;
}

}  // namespace minegate::server::admin::internal
