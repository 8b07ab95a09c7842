// minegate-pn532-sim's command line, read by base/options (Boost.Program_options) like every
// minegate program's: --help generated from the description, refusals naming the option.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tools/pn532-sim/options.hpp"

namespace minegate::pn532sim {

/// Parses the words after the program name. On failure, nullopt and a bilingual explanation
/// naming the option or word at fault in `error`.
std::optional<Options> ParseOptions(const std::vector<std::string>& args, std::string& error);

/// Bilingual --help: usage, the options from their description, the control commands.
std::string HelpText();

}  // namespace minegate::pn532sim
