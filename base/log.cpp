#include "base/log.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

#include "base/clock.hpp"

namespace minegate::base {
namespace {

struct LogState {
  std::mutex mutex;
  std::string program = "minegate";
  LogLevel minimum = LogLevel::info;
  std::function<void(std::string_view)> sink;
};

LogState& State() {
  static LogState state;
  return state;
}

constexpr const char* kLevelNames[] = {"DEBUG", "INFO", "WARN", "ERROR"};

/// Quoted when it holds a space, a quote, '=' or a control character, which are escaped, so
/// that one record is always one line and its fields split unambiguously.
void AppendValue(std::string& line, std::string_view value) {
  const bool plain = !value.empty() && value.find_first_of(" \"=\\") == std::string_view::npos &&
                     std::none_of(value.begin(), value.end(),
                                  [](char c) { return static_cast<unsigned char>(c) < 0x20; });
  if (plain) {
    line += value;
    return;
  }
  line += '"';
  for (const char c : value) {
    if (c == '"' || c == '\\') {
      line += '\\';
      line += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\x%02x", static_cast<unsigned>(c));
      line += escaped;
    } else {
      line += c;
    }
  }
  line += '"';
}

}  // namespace

LogField::LogField(std::string_view key, const boost::system::error_code& ec)
    : key_(key),
      value_(std::string(ec.category().name()) + ":" + std::to_string(ec.value()) + " " +
             ec.message()) {}

LogField::LogField(std::string_view key, LogText id) : key_(key), value_(id.value) {}

void ConfigureLog(std::string_view program, LogLevel minimum) {
  LogState& state = State();
  const std::lock_guard lock(state.mutex);
  state.program = program;
  state.minimum = minimum;
}

void SetLogSink(std::function<void(std::string_view line)> sink) {
  LogState& state = State();
  const std::lock_guard lock(state.mutex);
  state.sink = std::move(sink);
}

void Log(LogLevel level, std::string_view event, std::initializer_list<LogField> fields) {
  LogState& state = State();
  std::string line = FormatUtcMs(NowMs());
  const std::lock_guard lock(state.mutex);
  if (level < state.minimum) return;
  line += ' ';
  line += state.program;
  line += ' ';
  line += kLevelNames[static_cast<int>(level)];
  line += ' ';
  line += event;
  for (const LogField& field : fields) {
    line += ' ';
    line += field.key();
    line += '=';
    AppendValue(line, field.value());
  }
  line += '\n';
  if (state.sink) {
    state.sink(line);
    return;
  }
  // One write() per record: lines from several threads or processes never interleave.
  std::size_t done = 0;
  while (done < line.size()) {
    const ssize_t n = ::write(STDERR_FILENO, line.data() + done, line.size() - done);
    if (n <= 0) return;  // stderr gone: nothing better to do with a log line
    done += static_cast<std::size_t>(n);
  }
}

}  // namespace minegate::base
