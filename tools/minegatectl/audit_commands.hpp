#pragma once
/// `minegatectl audit verify [--expect COUNT:HASH]` and `minegatectl audit head`: the auditor's
/// check that the audit log is whole, and the head to write down or sign for the next check.

#include "tools/minegatectl/ctl_context.hpp"

namespace minegate::ctl {

/// Recomputes the chain. Exit 0 with the entry count and head hash when intact; exit 1 naming
/// the first broken entry and why. With --expect, a log shorter than COUNT or whose entry COUNT
/// is not HASH is broken too.
int RunAuditVerify(const CtlContext& context);

/// Prints COUNT:HASH on the first line (for scripts), then the same for a person to copy.
int RunAuditHead(const CtlContext& context);

}  // namespace minegate::ctl
