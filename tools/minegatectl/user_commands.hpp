#pragma once

#include "tools/minegatectl/ctl_context.hpp"

namespace minegate::ctl {

/// `user add --id ID --name N --role R --password-file F [--pin-file F] [--card-uid HEX]`
int RunUserAdd(const CtlContext& context);
/// `user set-password --id ID --password-file F`
int RunUserSetPassword(const CtlContext& context);
int RunUserResetPassword(const CtlContext& context);
/// `user set-pin --id ID --pin-file F`
int RunUserSetPin(const CtlContext& context);
/// `user set-card --id ID (--uid HEX | --clear)`
int RunUserSetCard(const CtlContext& context);
/// `user disable --id ID`
int RunUserAssignSite(const CtlContext& context);
int RunUserUnassignSite(const CtlContext& context);
int RunUserDisable(const CtlContext& context);
/// `user list`: ids, names, roles and state; never a hash.
int RunUserList(const CtlContext& context);

}  // namespace minegate::ctl
