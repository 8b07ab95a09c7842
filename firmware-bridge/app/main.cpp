// minegate-bridge: owns the NFC reader and reports tags to the kiosk.
#include <iostream>

#include "firmware-bridge/app/daemon.hpp"
#include "firmware-bridge/app/options.hpp"
#include "firmware-bridge/app/probe.hpp"

int main(int argc, char** argv) {
  using namespace minegate::bridge;
  std::string error;
  const auto options = ParseOptions(argc, argv, error);
  if (!options) {
    std::cerr << "minegate-bridge: " << error << "\n\n" << Usage();
    return 2;
  }
  switch (options->command) {
    case Command::help:
      std::cout << Usage();
      return 0;
    case Command::probe:
      return RunProbe(*options);
    case Command::run:
      return RunDaemon(*options);
  }
  return 2;
}
