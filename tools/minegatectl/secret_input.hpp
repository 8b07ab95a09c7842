#pragma once
/// Passwords and PINs come from a file or standard input, never from the command line, where
/// any local user could read them in the process list and they would stay in shell history.

#include <optional>
#include <string>

#include "tools/minegatectl/ctl_context.hpp"

namespace minegate::ctl {

/// Reads the secret named by `option`'s value: a file, or standard input for "-" (prompting
/// without echo when it is a terminal). One line, its final newline dropped, at most 4 KiB.
/// Reports the problem and returns nullopt when it cannot.
std::optional<std::string> ReadSecret(const CtlContext& context, std::string_view option,
                                      const std::string& source);

}  // namespace minegate::ctl
