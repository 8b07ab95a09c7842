#include "tests/support/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

#include "tests/support/wait.hpp"

extern char** environ;

namespace minegate::test {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t kMaxCapturedBytes = 16 * 1024 * 1024;

/// The test's environment with `extra` added or replacing same-named variables.
std::vector<std::string> MergedEnvironment(
    const std::vector<std::pair<std::string, std::string>>& extra) {
  std::vector<std::string> merged;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string variable = *entry;
    const std::string name = variable.substr(0, variable.find('='));
    const bool overridden =
        std::any_of(extra.begin(), extra.end(), [&](const auto& kv) { return kv.first == name; });
    if (!overridden) merged.push_back(variable);
  }
  for (const auto& [name, value] : extra) merged.push_back(name + "=" + value);
  return merged;
}

std::vector<char*> Pointers(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  for (std::string& s : strings) pointers.push_back(s.data());
  pointers.push_back(nullptr);
  return pointers;
}

ExitStatus Decode(int wait_status) {
  ExitStatus status;
  if (WIFEXITED(wait_status)) status.exit_code = WEXITSTATUS(wait_status);
  if (WIFSIGNALED(wait_status)) status.signal = WTERMSIG(wait_status);
  return status;
}

/// File actions are owned by a small RAII wrapper so every return path destroys them.
class FileActions {
 public:
  FileActions() { posix_spawn_file_actions_init(&actions_); }
  ~FileActions() { posix_spawn_file_actions_destroy(&actions_); }
  FileActions(const FileActions&) = delete;
  FileActions& operator=(const FileActions&) = delete;

  posix_spawn_file_actions_t* get() { return &actions_; }

  void Open(int fd, const std::string& path, int flags) {
    posix_spawn_file_actions_addopen(&actions_, fd, path.empty() ? "/dev/null" : path.c_str(),
                                     flags, 0644);
  }
  void Dup(int from, int to) { posix_spawn_file_actions_adddup2(&actions_, from, to); }

 private:
  posix_spawn_file_actions_t actions_;
};

std::optional<pid_t> SpawnWith(const std::vector<std::string>& argv,
                               const std::vector<std::pair<std::string, std::string>>& env,
                               FileActions& actions, std::string& error) {
  if (argv.empty()) {
    error = "argv vide / empty argv";
    return std::nullopt;
  }
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  // Its own process group, so Kill() also reaches anything the child started.
  posix_spawnattr_setflags(&attributes,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  posix_spawnattr_setpgroup(&attributes, 0);
  sigset_t signals;
  sigemptyset(&signals);
  posix_spawnattr_setsigmask(&attributes, &signals);
  sigaddset(&signals, SIGPIPE);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  posix_spawnattr_setsigdefault(&attributes, &signals);

  std::vector<std::string> args = argv;
  std::vector<std::string> environment = MergedEnvironment(env);
  std::vector<char*> arg_pointers = Pointers(args);
  std::vector<char*> env_pointers = Pointers(environment);
  pid_t pid = -1;
  const int result = posix_spawnp(&pid, args[0].c_str(), actions.get(), &attributes,
                                  arg_pointers.data(), env_pointers.data());
  posix_spawnattr_destroy(&attributes);
  if (result != 0) {
    error = "posix_spawnp " + args[0] + ": " + std::strerror(result);
    return std::nullopt;
  }
  return pid;
}

}  // namespace

/// Lets RunToCompletion own a child it spawned with pipes instead of files.
struct ProcessAdopter {
  static Process Adopt(pid_t pid) { return Process(pid); }
};

std::optional<Process> Process::Spawn(const ProcessOptions& options, std::string& error) {
  FileActions actions;
  actions.Open(STDIN_FILENO, options.stdin_path, O_RDONLY);
  actions.Open(STDOUT_FILENO, options.stdout_path, O_WRONLY | O_CREAT | O_TRUNC);
  actions.Open(STDERR_FILENO, options.stderr_path, O_WRONLY | O_CREAT | O_TRUNC);
  const std::optional<pid_t> pid = SpawnWith(options.argv, options.env, actions, error);
  if (!pid) return std::nullopt;
  return Process(*pid);
}

Process::~Process() {
  if (pid_ > 0 && !status_) Kill();
}

Process::Process(Process&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)), status_(other.status_) {}

Process& Process::operator=(Process&& other) noexcept {
  if (this != &other) {
    if (pid_ > 0 && !status_) Kill();
    pid_ = std::exchange(other.pid_, -1);
    status_ = other.status_;
  }
  return *this;
}

bool Process::Signal(int signal) {
  if (pid_ <= 0 || TryReap()) return false;
  return ::kill(pid_, signal) == 0;
}

std::optional<ExitStatus> Process::Wait(std::chrono::milliseconds timeout) {
  const Clock::time_point deadline = Clock::now() + timeout;
  while (!TryReap()) {
    if (Clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return status_;
}

ExitStatus Process::Kill() {
  if (pid_ <= 0) return {};
  if (!TryReap()) {
    ::kill(-pid_, SIGKILL);  // the group: the child and anything it started
    ::kill(pid_, SIGKILL);   // in case it left its group
    int wait_status = 0;
    while (::waitpid(pid_, &wait_status, 0) < 0 && errno == EINTR) {
    }
    status_ = Decode(wait_status);
  }
  return *status_;
}

bool Process::Running() { return pid_ > 0 && !TryReap(); }

bool Process::TryReap() {
  if (status_) return true;
  if (pid_ <= 0) return false;
  int wait_status = 0;
  const pid_t result = ::waitpid(pid_, &wait_status, WNOHANG);
  if (result == pid_) {
    status_ = Decode(wait_status);
    // Whatever the child left in its group goes with it.
    ::kill(-pid_, SIGKILL);
    return true;
  }
  return false;
}

RunResult RunToCompletion(const std::vector<std::string>& argv,
                          const std::vector<std::pair<std::string, std::string>>& env,
                          std::chrono::milliseconds timeout, const std::string& stdin_path) {
  RunResult result;
  int out_pipe[2];
  int err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) {
    result.spawn_error = std::string("pipe: ") + std::strerror(errno);
    return result;
  }
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
    result.spawn_error = std::string("pipe: ") + std::strerror(errno);
    ::close(out_pipe[0]);
    ::close(out_pipe[1]);
    return result;
  }
  std::optional<Process> child;
  {
    FileActions actions;
    actions.Open(STDIN_FILENO, stdin_path, O_RDONLY);
    actions.Dup(out_pipe[1], STDOUT_FILENO);
    actions.Dup(err_pipe[1], STDERR_FILENO);
    const std::optional<pid_t> pid = SpawnWith(argv, env, actions, result.spawn_error);
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);
    if (pid) child.emplace(ProcessAdopter::Adopt(*pid));
  }
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  std::string* sinks[2] = {&result.out, &result.err};
  const Clock::time_point deadline = Clock::now() + timeout;
  int open_pipes = child ? 2 : 0;
  while (open_pipes > 0) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) {
      result.timed_out = true;
      break;
    }
    const int ready = ::poll(fds, 2, static_cast<int>(left.count()));
    if (ready < 0 && errno != EINTR) break;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
      char buffer[4096];
      const ssize_t n = ::read(fds[i].fd, buffer, sizeof(buffer));
      if (n > 0) {
        if (sinks[i]->size() < kMaxCapturedBytes)
          sinks[i]->append(buffer, static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        fds[i].fd = -1;  // end of stream
        --open_pipes;
      }
    }
  }
  ::close(out_pipe[0]);
  ::close(err_pipe[0]);
  if (!child) return result;
  const auto left =
      std::max(std::chrono::milliseconds(0),
               std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()));
  std::optional<ExitStatus> status = result.timed_out ? std::nullopt : child->Wait(left);
  if (!status) {
    result.timed_out = true;
    status = child->Kill();
  }
  result.status = *status;
  return result;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

std::optional<std::string> WaitForMatch(Process& process, const std::string& path,
                                        const std::regex& pattern,
                                        std::chrono::milliseconds timeout, std::string& text) {
  std::smatch match;
  WaitUntil(
      [&] {
        text = ReadFile(path);
        return std::regex_search(text, match, pattern) || !process.Running();
      },
      timeout);
  text = ReadFile(path);
  if (!std::regex_search(text, match, pattern)) return std::nullopt;
  return match.size() > 1 ? match[1].str() : match[0].str();
}

}  // namespace minegate::test
