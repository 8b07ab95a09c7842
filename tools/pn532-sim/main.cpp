// minegate-pn532-sim: a PN532 NFC reader on a pseudo-terminal, for tests without hardware.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "base/options/options.hpp"
#include "tools/pn532-sim/command_line.hpp"
#include "tools/pn532-sim/emulator.hpp"
#include "tools/pn532-sim/logger.hpp"
#include "tools/pn532-sim/signal_pipe.hpp"

namespace {

using minegate::pn532sim::Emulator;
using minegate::pn532sim::HelpText;
using minegate::pn532sim::Logger;
using minegate::pn532sim::ParseOptions;
using minegate::pn532sim::SignalPipe;
using minegate::pn532sim::Status;

int Fail(const Logger& log, const Status& status) {
  log.Info("erreur / error: " + status.message());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::string error;
  const auto options = ParseOptions(std::vector<std::string>(argv + 1, argv + argc), error);
  if (!options) {
    Logger().Info(error);
    std::cerr << '\n' << HelpText();
    return 2;
  }
  if (options->help) {
    std::cout << HelpText();
    return 0;
  }
  if (options->version) {
    std::cout << minegate::base::VersionText("minegate-pn532-sim");
    return 0;
  }
  const Logger log(options->verbose);
  Status status = Status::Ok();
  SignalPipe signals(status);
  if (!status.ok()) return Fail(log, status);
  std::unique_ptr<Emulator> emulator = Emulator::Create(*options, log, status);
  if (!status.ok()) return Fail(log, status);
  status = emulator->Run(signals.read_fd());
  emulator.reset();  // removes the symlink and the control socket
  if (!status.ok()) return Fail(log, status);
  log.Info("arrêt / stopped");
  return 0;
}
