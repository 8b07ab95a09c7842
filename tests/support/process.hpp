// Child processes for integration tests: spawned, bounded in time, always reaped.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <regex>
#include <string>
#include <utility>
#include <vector>

namespace minegate::test {

/// How a child ended.
struct ExitStatus {
  std::optional<int> exit_code;  ///< set when the child called exit()
  std::optional<int> signal;     ///< set when a signal killed it

  bool Succeeded() const { return exit_code == 0; }
};

/// What to run and where its standard streams go.
struct ProcessOptions {
  std::vector<std::string> argv;  ///< argv[0] is looked up in PATH if it has no '/'
  /// Added to (or replacing in) the test's own environment.
  std::vector<std::pair<std::string, std::string>> env;
  std::string stdin_path;   ///< empty: /dev/null
  std::string stdout_path;  ///< empty: /dev/null; otherwise created or truncated
  std::string stderr_path;  ///< empty: /dev/null; otherwise created or truncated
};

/// A running child in its own process group. The destructor kills the group (SIGKILL) and
/// reaps the child if it is still there, so a failing test never leaks a process.
/// Not thread-safe.
class Process {
 public:
  /// Starts the child; nullopt and `error` set if it could not be started.
  static std::optional<Process> Spawn(const ProcessOptions& options, std::string& error);

  ~Process();
  Process(Process&& other) noexcept;
  Process& operator=(Process&& other) noexcept;
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  pid_t pid() const { return pid_; }

  /// Sends `signal` to the child (not its group); false if it has already been reaped.
  bool Signal(int signal);

  /// Waits at most `timeout` for the child to end; its status, or nullopt if still running.
  std::optional<ExitStatus> Wait(std::chrono::milliseconds timeout);

  /// SIGKILL to the whole group, then reap (bounded by the kernel, not by the child).
  ExitStatus Kill();

  bool Running();

 private:
  friend struct ProcessAdopter;
  explicit Process(pid_t pid) : pid_(pid) {}
  /// Non-blocking reap; true once the child's status is known.
  bool TryReap();

  pid_t pid_ = -1;
  std::optional<ExitStatus> status_;
};

/// Output of a child run to completion.
struct RunResult {
  ExitStatus status;
  bool timed_out = false;  ///< killed because it outlived the timeout
  std::string out;
  std::string err;
  std::string spawn_error;  ///< non-empty if the child could not be started
};

/// Runs `argv` with extra `env` and `stdin_path` (empty: /dev/null), capturing stdout and
/// stderr (each capped at 16 MiB), killing it after `timeout`.
RunResult RunToCompletion(const std::vector<std::string>& argv,
                          const std::vector<std::pair<std::string, std::string>>& env,
                          std::chrono::milliseconds timeout, const std::string& stdin_path = {});

/// The whole content of a file ("" if unreadable).
std::string ReadFile(const std::string& path);

/// Waits, bounded, until `pattern` matches the text of the file `path` (a child's
/// log or output) or `process` exits. The pattern's first capture group, or
/// nullopt; `text` is the file's last content either way, for the error message.
std::optional<std::string> WaitForMatch(Process& process, const std::string& path,
                                        const std::regex& pattern,
                                        std::chrono::milliseconds timeout, std::string& text);

}  // namespace minegate::test
