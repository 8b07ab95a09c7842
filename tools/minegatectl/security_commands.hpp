#pragma once

#include "tools/minegatectl/ctl_context.hpp"

namespace minegate::ctl {

/// `security list [--status open|revoked|dismissed] [--limit N]`: the security events (suspected
/// clones), newest first, with the plausible speed in force. Reads no person data: no entry.
int RunSecurityList(const CtlContext& context);
/// `security set-speed --kmh N`: the plausible travel speed taps are judged with (audited).
int RunSecuritySetSpeed(const CtlContext& context);

}  // namespace minegate::ctl
