#pragma once

#include "tools/minegatectl/ctl_context.hpp"

namespace minegate::ctl {

/// `rules check --file FILE`: validates a rule-set text as the server would (every error at its
/// line and column); touches no data directory and writes no entry.
int RunRulesCheck(const CtlContext& context);
/// `rules upload --file FILE`: validates, stores and activates a rule set (audited), then
/// re-evaluates every registered person under it, here, a chunk per transaction.
int RunRulesUpload(const CtlContext& context);
/// `rules show [--rule-set VERSION]`: the versions, which is active and the re-evaluation in
/// progress; with --rule-set, that version's text exactly as stored (--version is minegatectl's
/// own global option). Reads no person data: no entry.
int RunRulesShow(const CtlContext& context);

}  // namespace minegate::ctl
