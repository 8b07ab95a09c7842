#pragma once

#include "tools/minegatectl/ctl_context.hpp"

namespace minegate::ctl {

/// `alert publish --id ID --fr TEXT --en TEXT [--expires-at MS]`
int RunAlertPublish(const CtlContext& context);
/// `alert withdraw --id ID`
int RunAlertWithdraw(const CtlContext& context);

}  // namespace minegate::ctl
