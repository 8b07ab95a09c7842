#pragma once
/// minegatectl bracelet commands:
/// `bracelet revoke --uid HEX --reason lost|damaged|suspected_clone|left_region [--note TEXT]`

#include "tools/minegatectl/ctl_context.hpp"

namespace minegate::ctl {

int RunBraceletRevoke(const CtlContext& context);

}  // namespace minegate::ctl
