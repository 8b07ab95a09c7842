#pragma once

#include "tools/minegatectl/ctl_context.hpp"

namespace minegate::ctl {

/// Recomputes every query table from the event log, showing progress. Run with
/// the server stopped; an interrupted rebuild resumes where it stopped.
int RunRebuildProjections(const CtlContext& context);

}  // namespace minegate::ctl
