// minegate-kiosk run: one I/O thread drives everything — the page's server,
// the bridge link, the sync client, a one-second tick — and the controller
// decides what each message means. SIGINT/SIGTERM stop it cleanly.
#pragma once

#include "kiosk/app/options.hpp"

namespace minegate::kiosk::app {

/// Exit code: 0 after a signal, 1 when it cannot start (the reason on stderr).
int RunKiosk(const Options& options);

}  // namespace minegate::kiosk::app
