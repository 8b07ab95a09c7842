// What minegate-pn532-sim was asked to do: the emulator's settings. Read from the command line
// by command_line.hpp (minegate_pn532_sim_app, the only part that links Program_options).
#pragma once

#include <optional>
#include <string>

#include "tools/pn532-sim/bytes.hpp"
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

}  // namespace minegate::pn532sim
