// Success or a message a person can read, for fallible emulator operations.
#pragma once

#include <string>
#include <utility>

namespace minegate::pn532sim {

/// The emulator's expected failures (bad control command, pty unavailable...) are values, not
/// exceptions. Messages are "French / English" like every message minegate shows a person.
class [[nodiscard]] Status {
 public:
  static Status Ok() { return Status(true, {}); }
  static Status Error(std::string message) { return Status(false, std::move(message)); }

  bool ok() const { return ok_; }
  const std::string& message() const { return message_; }

 private:
  Status(bool ok, std::string message) : ok_(ok), message_(std::move(message)) {}

  bool ok_;
  std::string message_;
};

}  // namespace minegate::pn532sim
