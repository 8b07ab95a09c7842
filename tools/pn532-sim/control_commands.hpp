// The control socket's command language.
#pragma once

#include <string>
#include <string_view>

#include "tools/pn532-sim/emulator_control.hpp"

namespace minegate::pn532sim {

/// Executes one control line and returns the one-line reply, "ok ..." or "error ...":
///   place MODEL [UIDHEX [IMAGEHEX]]   remove   dump [raw]   status   help
///   fault drop-next-reply | garbage-before-ack | remove-after-writes N | unplug | clear
///   fault stall [on CMD] [for MS]
///   unplug                    replug
std::string ExecuteControlLine(std::string_view line, EmulatorControl& emulator);

/// The command summary sent by "help" and printed by --help.
std::string_view ControlHelp();

}  // namespace minegate::pn532sim
