// `minegate-kiosk enroll`: binds this kiosk to the server once, with the
// one-time code an administrator obtained from `minegatectl device enroll`.
#pragma once

#include "kiosk/app/options.hpp"

namespace minegate::kiosk::app {

/// Exit code: 0 enrolled, 1 refused (nothing changed on the kiosk), 2 usage.
int RunEnroll(const Options& options);

/// Splits "HOST:PORT" or "[V6]:PORT"; false when malformed.
bool SplitHostPort(const std::string& text, std::string& host, std::uint16_t& port);

}  // namespace minegate::kiosk::app
