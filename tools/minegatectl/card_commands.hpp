#pragma once
/// minegatectl miner's card commands:
/// `card revoke --number N --reason TEXT` — the same store method as the EMAPE route
/// POST /v1/census/cards/{number}/revoke (server/admin/miner_card_series.hpp).

#include "tools/minegatectl/ctl_context.hpp"

namespace minegate::ctl {

int RunCardRevoke(const CtlContext& context);

}  // namespace minegate::ctl
