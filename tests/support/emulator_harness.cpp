#include "tests/support/emulator_harness.hpp"

#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>

#include "tests/support/wait.hpp"

namespace minegate::test {
namespace {

using std::chrono::milliseconds;

/// Closes a socket descriptor on every return path.
struct SocketCloser {
  int fd;
  ~SocketCloser() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

const char* ToolPaths::Emulator() { return MINEGATE_PN532_SIM_BIN; }
const char* ToolPaths::ScanDevice() { return NFC_SCAN_DEVICE_BIN; }
const char* ToolPaths::List() { return NFC_LIST_BIN; }
const char* ToolPaths::Mfultralight() { return NFC_MFULTRALIGHT_BIN; }
const char* ToolPaths::Poll() { return NFC_POLL_BIN; }

std::unique_ptr<EmulatorHarness> EmulatorHarness::Start(const std::vector<std::string>& extra_args,
                                                        std::string& error) {
  std::unique_ptr<EmulatorHarness> harness(new EmulatorHarness());
  if (!harness->dir_.ok()) {
    error = "répertoire temporaire impossible / cannot create a temporary directory";
    return nullptr;
  }
  ProcessOptions options;
  options.argv = {ToolPaths::Emulator(), "--link", harness->link_path(), "--control",
                  harness->control_path()};
  options.argv.insert(options.argv.end(), extra_args.begin(), extra_args.end());
  options.stderr_path = harness->dir_.File("emulator.log");
  harness->process_ = Process::Spawn(options, error);
  if (!harness->process_) return nullptr;
  const bool ready = WaitUntil(
      [&] {
        return std::filesystem::is_symlink(harness->link_path()) &&
               std::filesystem::exists(harness->control_path());
      },
      milliseconds(5000));
  if (!ready) {
    error = "l'émulateur n'a pas démarré / the emulator did not start: " + harness->Log();
    return nullptr;
  }
  return harness;
}

EmulatorHarness::~EmulatorHarness() {
  if (process_ && process_->Running()) {
    process_->Signal(SIGTERM);
    if (!process_->Wait(milliseconds(5000))) process_->Kill();
  }
}

std::string EmulatorHarness::Control(std::string_view line) const {
  SocketCloser socket{::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)};
  if (socket.fd < 0) return std::string("transport error: socket: ") + std::strerror(errno);
  timeval timeout{5, 0};
  ::setsockopt(socket.fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  ::setsockopt(socket.fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof(timeout));
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  const std::string path = control_path();
  std::memcpy(address.sun_path, path.c_str(), std::min(path.size() + 1, sizeof(address.sun_path)));
  if (::connect(socket.fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) != 0) {
    return std::string("transport error: connect: ") + std::strerror(errno);
  }
  const std::string request = std::string(line) + "\n";
  if (::send(socket.fd, request.data(), request.size(), MSG_NOSIGNAL) !=
      static_cast<ssize_t>(request.size())) {
    return std::string("transport error: send: ") + std::strerror(errno);
  }
  std::string reply;
  char buffer[4096];
  while (reply.find('\n') == std::string::npos && reply.size() < (1U << 20)) {
    const ssize_t n = ::recv(socket.fd, buffer, sizeof(buffer), 0);
    if (n <= 0) return "transport error: no reply line: " + reply;
    reply.append(buffer, static_cast<std::size_t>(n));
  }
  return reply.substr(0, reply.find('\n'));
}

std::vector<std::pair<std::string, std::string>> EmulatorHarness::LibnfcEnvironment() const {
  return {{"LIBNFC_DEVICE", "pn532_uart:" + link_path()},
          {"LIBNFC_AUTO_SCAN", "false"},
          {"LIBNFC_INTRUSIVE_SCAN", "false"},
          {"LIBNFC_LOG_LEVEL", "1"}};
}

RunResult EmulatorHarness::RunTool(const std::vector<std::string>& argv,
                                   std::chrono::milliseconds timeout,
                                   const std::string& stdin_path) const {
  return RunToCompletion(argv, LibnfcEnvironment(), timeout, stdin_path);
}

std::optional<Process> EmulatorHarness::SpawnTool(const std::vector<std::string>& argv,
                                                  const std::string& output_name,
                                                  std::string& error) const {
  ProcessOptions options;
  options.argv = argv;
  options.env = LibnfcEnvironment();
  options.stdout_path = dir_.File(output_name + ".out");
  options.stderr_path = dir_.File(output_name + ".err");
  return Process::Spawn(options, error);
}

std::string EmulatorHarness::Log() const { return ReadFile(dir_.File("emulator.log")); }

std::string LibnfcHex(std::string_view compact_upper_hex) {
  std::string text;
  for (std::size_t i = 0; i + 1 < compact_upper_hex.size(); i += 2) {
    if (!text.empty()) text += "  ";
    text += static_cast<char>(std::tolower(static_cast<unsigned char>(compact_upper_hex[i])));
    text += static_cast<char>(std::tolower(static_cast<unsigned char>(compact_upper_hex[i + 1])));
  }
  return text;
}

}  // namespace minegate::test
