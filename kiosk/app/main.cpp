// minegate-kiosk: the gate application. `run` serves the touch page on
// loopback, talks to minegate-bridge and syncs with the server; `enroll` binds
// the kiosk to the server once.
#include <iostream>

#include "kiosk/app/enroll_command.hpp"
#include "kiosk/app/kiosk_app.hpp"
#include "kiosk/app/options.hpp"

int main(int argc, char** argv) {
  using namespace minegate::kiosk::app;
  std::string error;
  const auto options = ParseOptions(argc, argv, error);
  if (!options) {
    std::cerr << "minegate-kiosk: " << error << "\n\n" << Usage();
    return 2;
  }
  switch (options->command) {
    case Command::help:
      std::cout << Usage();
      return 0;
    case Command::enroll:
      return RunEnroll(*options);
    case Command::run:
      return RunKiosk(*options);
  }
  return 2;
}
