// minegate-server: the central server kiosks stream gate events to, and officials use.
//
// What ends the process before it serves (a refused option, a data directory that cannot be
// opened) is plain bilingual text on stderr with an exit code, for the person who typed the
// command; everything while it runs goes through the logger (base/log.hpp), one record a line.
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "base/log.hpp"
#include "base/options/options.hpp"
#include "base/signals.hpp"
#include "server/app/config.hpp"
#include "server/app/server_app.hpp"
#include "server/app/services.hpp"

int main(int argc, char** argv) {
  using namespace minegate::server;
  namespace base = minegate::base;
  std::string error;
  const auto parsed = ParseArgs(std::vector<std::string>(argv + 1, argv + argc), error);
  if (!parsed) {
    std::cerr << "minegate-server: " << error << "\n\n" << Usage();
    return 2;
  }
  switch (parsed->command) {
    case Command::kHelp:
      std::cout << Usage();
      return 0;
    case Command::kVersion:
      std::cout << base::VersionText("minegate-server");
      return 0;
    case Command::kRun:
      break;
  }
  base::ConfigureLog("minegate-server", parsed->log_level);
  // A file-size limit reached must refuse a write (Error frames, nothing acknowledged), not kill
  // the server with every session and pending acknowledgement.
  if (auto ignored = base::IgnoreFileSizeLimitSignal(); !ignored) {
    std::cerr << "minegate-server: échec au démarrage / start-up failed: SIGXFSZ: "
              << ignored.error().message() << '\n';
    return 1;
  }
  try {
    ServerApp app(parsed->config);
    const auto services = RegisterServices(app, parsed->config);
    app.HandleStopSignals();
    app.Start();
    app.Run();
  } catch (const std::exception& e) {
    std::cerr << "minegate-server: échec au démarrage / start-up failed: " << e.what() << '\n';
    return 1;
  }
  base::LogInfo("stopped");
  return 0;
}
