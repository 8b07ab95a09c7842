#pragma once

#include "tools/minegatectl/ctl_context.hpp"

namespace minegate::ctl {

/// `census add --id ID --site S --fr T --en T [--opens-at MS] --closes-at MS`
int RunCensusAdd(const CtlContext& context);
/// `census close --id ID`: the campaign ends now.
int RunCensusClose(const CtlContext& context);
/// `census list [--site S]`
int RunCensusList(const CtlContext& context);

}  // namespace minegate::ctl
