#pragma once

#include "tools/minegatectl/ctl_context.hpp"

namespace minegate::ctl {

/// `site add --name N --department D`: prints the new site's id (written on bracelets).
int RunSiteAdd(const CtlContext& context);
/// `site list`
int RunSiteList(const CtlContext& context);
/// `site locate --site ID --lat LAT --lon LON`: where the site is (decimal degrees), for the
/// suspected-clone check.
int RunSiteLocate(const CtlContext& context);
/// `gate add --site ID --name N`: prints the new gate's id.
int RunGateAdd(const CtlContext& context);
/// `gate list [--site ID]`
int RunGateList(const CtlContext& context);

}  // namespace minegate::ctl
