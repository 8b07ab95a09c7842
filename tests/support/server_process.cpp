#include "tests/support/server_process.hpp"

#include <csignal>
#include <fstream>
#include <regex>

namespace minegate::test {

std::unique_ptr<ServerProcess> ServerProcess::Create(std::string& error) {
  std::unique_ptr<ServerProcess> server(new ServerProcess());
  if (!server->dir_.ok()) {
    error = "no temp dir";
    return nullptr;
  }
  {
    std::ofstream password(server->dir_.File("admin.pw"));
    password << "correct horse battery staple\n";
  }
  auto init =
      server->Ctl({"init", "--admin", "admin", "--password-file", server->dir_.File("admin.pw")});
  if (!init.status.Succeeded()) {
    error = "minegatectl init: " + init.out + init.err;
    return nullptr;
  }
  auto site = server->Ctl({"site", "add", "--name", "Bantako", "--department", "kedougou"});
  if (!site.status.Succeeded()) {
    error = "minegatectl site add: " + site.out + site.err;
    return nullptr;
  }
  // The gate and the agent SimulatedKiosk's events name: the server refuses events whose gate
  // or agent it does not know.
  auto gate = server->Ctl({"gate", "add", "--site", "1", "--name", "Porte principale"});
  if (!gate.status.Succeeded()) {
    error = "minegatectl gate add: " + gate.out + gate.err;
    return nullptr;
  }
  auto agent =
      server->Ctl({"user", "add", "--id", kSimAgent, "--name", "Agent simulé", "--role",
                   "gate_agent", "--password-file", server->dir_.File("admin.pw"), "--sites", "1"});
  if (!agent.status.Succeeded()) {
    error = "minegatectl user add: " + agent.out + agent.err;
    return nullptr;
  }
  if (!server->Start(error)) return nullptr;
  return server;
}

ServerProcess::~ServerProcess() {
  if (process_ && process_->Running()) Stop();
}

RunResult ServerProcess::Ctl(const std::vector<std::string>& args) const {
  std::vector<std::string> argv = {MINEGATECTL_BIN, "--data-dir", dir_.File("data")};
  argv.insert(argv.end(), args.begin(), args.end());
  return RunToCompletion(argv, {}, std::chrono::seconds(30));
}

std::string ServerProcess::NewEnrolmentCode(const std::string& site, const std::string& gate) {
  const std::string out = dir_.File("enrol-" + std::to_string(starts_++) + ".txt");
  std::vector<std::string> args = {"device", "enroll", "--site", site, "--out", out};
  if (!gate.empty()) args.insert(args.end(), {"--gate", gate});
  auto enrol = Ctl(args);
  if (!enrol.status.Succeeded()) return {};
  // The code is the only line of the form XXXX-XXXX-... in the output.
  const std::regex code("([0-9A-Z]{4}(-[0-9A-Z]{4})+)");
  std::smatch match;
  return std::regex_search(enrol.out, match, code) ? match[1].str() : std::string();
}

bool ServerProcess::Start(std::string& error) {
  const std::string log = dir_.File("server-" + std::to_string(++starts_) + ".log");
  ProcessOptions options;
  options.argv = {MINEGATE_SERVER_BIN, "--data-dir", dir_.File("data"),    "--listen",
                  "127.0.0.1",         "--port",     std::to_string(port_)};
  options.stderr_path = log;
  process_.reset();
  process_ = Process::Spawn(options, error);
  if (!process_) return false;
  std::string text;
  const auto port =
      WaitForMatch(*process_, log, std::regex("listening address=127\\.0\\.0\\.1:([0-9]+)"),
                   std::chrono::seconds(20), text);
  if (!port) {
    error = "server did not start: " + text;
    return false;
  }
  // Keep the same port across restarts, as kiosks expect.
  port_ = static_cast<std::uint16_t>(std::stoi(*port));
  last_log_ = log;
  return true;
}

void ServerProcess::Kill() {
  if (process_) process_->Kill();
}

bool ServerProcess::Stop() {
  if (!process_) return true;
  process_->Signal(SIGTERM);
  auto status = process_->Wait(std::chrono::seconds(10));
  if (!status) process_->Kill();
  return status.has_value() && status->Succeeded();
}

ClientOptions ServerProcess::client() const {
  ClientOptions options;
  options.port = port_;
  options.ca_file = dir_.File("data/server-cert.pem");
  options.verify_name = "127.0.0.1";
  return options;
}

std::string ServerProcess::Log() const { return ReadFile(last_log_); }

}  // namespace minegate::test
