// Command-line options of minegate-pn532-sim.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "tools/pn532-sim/bytes.hpp"
#include "tools/pn532-sim/status.hpp"
#include "tools/pn532-sim/tag_model.hpp"

namespace minegate::pn532sim {

struct Options {
  std::string link_path;              ///< --link: the symlink libnfc opens
  std::string control_path;           ///< --control: Unix socket, empty for none
  std::optional<TagModel> tag_model;  ///< --tag MODEL[:UIDHEX]: tag in the field at start
  std::optional<Bytes> tag_uid;
  bool verbose = false;  ///< --verbose: log every frame
  bool help = false;     ///< --help
  bool version = false;  ///< --version
};

/// Parses argv; on failure `status` says why (to print before the usage).
Options ParseOptions(int argc, const char* const* argv, Status& status);

/// Bilingual usage text for --help.
std::string HelpText();

}  // namespace minegate::pn532sim
