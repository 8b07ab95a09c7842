// minegate-kiosk: the gate application. `run` serves the touch page on
// loopback, talks to minegate-bridge and syncs with the server; `enroll` binds
// the kiosk to the server once.
//
// A refused option is plain bilingual text on stderr (exit 2) for the person
// who typed the command; once the kiosk runs, it logs through base/log.hpp.
#include <iostream>
#include <string>
#include <vector>

#include "base/log.hpp"
#include "base/options/options.hpp"
#include "base/signals.hpp"
#include "kiosk/app/enroll_command.hpp"
#include "kiosk/app/kiosk_app.hpp"
#include "kiosk/app/options.hpp"

int main(int argc, char** argv) {
  using namespace minegate::kiosk::app;
  namespace base = minegate::base;
  // A file-size limit reached must refuse the write (the agent sees that nothing was recorded),
  // not kill the kiosk in front of the queue.
  if (auto ignored = base::IgnoreFileSizeLimitSignal(); !ignored) {
    std::cerr << "minegate-kiosk: SIGXFSZ: " << ignored.error().message() << '\n';
    return 1;
  }
  std::string error;
  const auto options = ParseOptions(std::vector<std::string>(argv + 1, argv + argc), error);
  if (!options) {
    std::cerr << "minegate-kiosk: " << error << "\n\n" << Usage();
    return 2;
  }
  switch (options->command) {
    case Command::help:
      std::cout << Usage();
      return 0;
    case Command::version:
      std::cout << base::VersionText("minegate-kiosk");
      return 0;
    case Command::enroll:
      base::ConfigureLog("minegate-kiosk", options->log_level);
      return RunEnroll(*options);
    case Command::run:
      base::ConfigureLog("minegate-kiosk", options->log_level);
      return RunKiosk(*options);
  }
  return 2;
}
