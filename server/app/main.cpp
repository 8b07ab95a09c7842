// minegate-server: the central server kiosks stream gate events to, and officials use.
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "server/app/config.hpp"
#include "server/app/server_app.hpp"
#include "server/app/services.hpp"

int main(int argc, char** argv) {
  using namespace minegate::server;
  std::string error;
  const auto parsed = ParseArgs(std::vector<std::string>(argv + 1, argv + argc), error);
  if (!parsed) {
    std::cerr << "minegate-server: " << error << "\n\n" << Usage();
    return 2;
  }
  if (parsed->command == Command::kHelp) {
    std::cout << Usage();
    return 0;
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
  std::cerr << "minegate-server: arrêté / stopped\n";
  return 0;
}
