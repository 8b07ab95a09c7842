#pragma once

#include "tools/minegatectl/ctl_context.hpp"

namespace minegate::ctl {

/// `init`: creates the data directory (0700), the sealing keys, the database and the first
/// administrator. Refused once an account exists, so it can never reset a running server; a
/// half-finished init (interrupted before the administrator was created) may simply be re-run,
/// and keeps whatever keys it had created.
int RunInit(const CtlContext& context);

}  // namespace minegate::ctl
