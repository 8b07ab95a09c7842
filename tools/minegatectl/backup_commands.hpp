#pragma once
/// `minegatectl backup` and `minegatectl restore`: the server database copied while the server
/// runs (db::Backup), and a copy put back into a data directory.

#include "tools/minegatectl/ctl_context.hpp"

namespace minegate::ctl {

/// backup --out FILE [--quick-check]
int RunBackup(const CtlContext& context);
/// restore --from FILE [--replace] [--quick-check]
int RunRestore(const CtlContext& context);

}  // namespace minegate::ctl
