#pragma once
/// The one logger of every daemon: one line per record on stderr, written in one call so
/// that threads never interleave, as
///   2026-12-06T22:10:00.123Z minegate-server WARN connection_failed remote=10.0.0.7:51234
///   error="..."
/// A record is an event name (a fixed word) and key=value fields. A field's value is a
/// number, a boolean, an error code or a `LogText`: there is deliberately no implicit way to
/// log a string, so no name, PIN, key or document number can reach a log line by accident.
/// Our own rather than spdlog: 80 lines, and spdlog's format strings take any string.

#include <boost/system/error_code.hpp>
#include <concepts>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>

namespace minegate::base {

enum class LogLevel { debug = 0, info = 1, warning = 2, error = 3 };

/// A string the caller vouches for at the call site: an identifier of a thing (a device id, an
/// address and port, a file path chosen by the operator, an event kind) or a library's own
/// diagnostic. Never a name, PIN, key, document number or anything a person typed.
struct LogText {
  explicit LogText(std::string_view text) : value(text) {}
  std::string_view value;
};

class LogField {
 public:
  LogField(std::string_view key, std::integral auto value) : key_(key), value_(Format(value)) {}
  LogField(std::string_view key, const boost::system::error_code& ec);
  LogField(std::string_view key, LogText id);

  std::string_view key() const { return key_; }
  const std::string& value() const { return value_; }

 private:
  template <class T>
  static std::string Format(T value) {
    if constexpr (std::same_as<T, bool>) {
      return value ? "true" : "false";
    } else {
      return std::to_string(value);
    }
  }

  std::string_view key_;
  std::string value_;
};

/// Called once at start-up: the program name on every line and the lowest level written.
void ConfigureLog(std::string_view program, LogLevel minimum);
/// Tests capture lines here instead of stderr; an empty function restores stderr.
void SetLogSink(std::function<void(std::string_view line)> sink);

void Log(LogLevel level, std::string_view event, std::initializer_list<LogField> fields = {});
inline void LogDebug(std::string_view event, std::initializer_list<LogField> fields = {}) {
  Log(LogLevel::debug, event, fields);
}
inline void LogInfo(std::string_view event, std::initializer_list<LogField> fields = {}) {
  Log(LogLevel::info, event, fields);
}
inline void LogWarning(std::string_view event, std::initializer_list<LogField> fields = {}) {
  Log(LogLevel::warning, event, fields);
}
inline void LogError(std::string_view event, std::initializer_list<LogField> fields = {}) {
  Log(LogLevel::error, event, fields);
}

}  // namespace minegate::base
