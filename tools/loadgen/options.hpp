// minegate-loadgen's command line: where the server is and how to trust it, where the fleet is
// provisioned and remembered, and the traffic to play (kiosks, days, persons, speed, outages).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace minegate::loadgen {

/// A kiosk out of reach for a while: it keeps recording, and sends its backlog when back.
struct OutageSpec {
  std::size_t kiosk = 0;
  /// Days from the scenario's start (fractions allowed), and how long.
  double from_day = 0;
  double days = 0;
};

struct LoadOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 0;
  /// The certificate the server must present (its server-cert.pem), as kiosks pin it.
  std::string ca_file;
  /// The server's data directory on this machine: the fleet is provisioned there through
  /// minegatectl on the first run. Empty: the state must already hold the fleet.
  std::string data_dir;
  std::string minegatectl;
  /// The loadgen's own state (devices, last acknowledged sequences).
  std::string state_dir;
  std::size_t kiosks = 8;
  int days = 63;
  /// Ordinary persons of each region (the embedded cases come on top).
  std::size_t persons = 4000;
  std::uint64_t seed = 20261207;
  /// Simulated seconds per real second; ignored with `fast`.
  double speed = 10000;
  bool fast = false;
  std::size_t batch = 100;
  std::size_t window = 4;
  double progress_seconds = 2;
  std::vector<OutageSpec> outages;
  /// No outage at all (the default plan puts one kiosk in eight offline for four days).
  bool no_outages = false;
  /// Trips out and back at the sites' shift changes, as gates see them (the generator's
  /// PopulationOptions::shift_change_peaks); false: spread evenly over gate hours.
  bool shift_change_peaks = true;
  /// A batch without its Ack for this long is a timeout (the connection is dropped and resumed).
  int ack_timeout_seconds = 30;
  /// A kiosk that cannot reconnect for this long gives up (and the run fails).
  int give_up_seconds = 120;
};

enum class Parsed { run, help, version, error };

/// Reads the words after the program's name. `text` is the help or version text, or the error
/// (French then English).
Parsed ParseLoadOptions(const std::vector<std::string>& args, LoadOptions& options,
                        std::string& text);

}  // namespace minegate::loadgen
