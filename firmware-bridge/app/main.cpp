// minegate-bridge: owns the NFC reader and reports tags to the kiosk.
//
// A refused option is plain bilingual text on stderr (exit 2) for the person who typed the
// command; once the daemon runs, it logs through base/log.hpp. probe's report is its output,
// on stdout.
#include <iostream>

#include "base/log.hpp"
#include "base/options/options.hpp"
#include "firmware-bridge/app/daemon.hpp"
#include "firmware-bridge/app/options.hpp"
#include "firmware-bridge/app/probe.hpp"

int main(int argc, char** argv) {
  using namespace minegate::bridge;
  namespace base = minegate::base;
  std::string error;
  const auto options = ParseOptions(std::vector<std::string>(argv + 1, argv + argc), error);
  if (!options) {
    std::cerr << "minegate-bridge: " << error << "\n\n" << Usage();
    return 2;
  }
  switch (options->command) {
    case Command::help:
      std::cout << Usage();
      return 0;
    case Command::version:
      std::cout << base::VersionText("minegate-bridge");
      return 0;
    case Command::probe:
      base::ConfigureLog("minegate-bridge", options->log_level);
      return RunProbe(*options);
    case Command::run:
      base::ConfigureLog("minegate-bridge", options->log_level);
      return RunDaemon(*options);
  }
  return 2;
}
