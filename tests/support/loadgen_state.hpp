// minegate-loadgen's state file (state.txt in its state directory) as a test reads it back, on
// its own rather than through tools/loadgen's reader, so that a test checks what the file says.
// Header only: its users already link minegate_test_support (ReadFile).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>

#include "tests/support/process.hpp"

namespace minegate::test {

/// Each device's last acknowledged sequence, from the "kiosk" lines of `state`/state.txt
/// (region site site_id gate_id device agent acked_seq); empty when there is no file.
inline std::map<std::string, std::uint64_t> StateAcked(const std::filesystem::path& state) {
  std::map<std::string, std::uint64_t> acked;
  std::istringstream lines(ReadFile((state / "state.txt").string()));
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::string key, device, agent;
    std::uint64_t region = 0, site = 0, site_id = 0, gate_id = 0, seq = 0;
    if ((words >> key) && key == "kiosk" &&
        (words >> region >> site >> site_id >> gate_id >> device >> agent >> seq)) {
      acked[device] = seq;
    }
  }
  return acked;
}

}  // namespace minegate::test
