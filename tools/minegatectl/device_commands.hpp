#pragma once

#include "tools/minegatectl/ctl_context.hpp"

namespace minegate::ctl {

/// `device enroll --site ID [--gate ID] [--description T] [--valid-hours N] [--out FILE]`:
/// creates a device and prints its one-time enrolment code; --out also writes an enrolment file
/// (mode 0600) for the technician's USB key: device id, code, and the server's sealing key.
int RunDeviceEnroll(const CtlContext& context);
/// `device revoke --id ID [--at MS]`: refuses the device's key from MS (default: now).
int RunDeviceRevoke(const CtlContext& context);
/// `device list`
int RunDeviceList(const CtlContext& context);

}  // namespace minegate::ctl
