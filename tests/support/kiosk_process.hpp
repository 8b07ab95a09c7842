// minegate-kiosk as a real process: enrolled with the real server's one-time
// code and certificate fingerprint, run on a bridge socket with its page on an
// ephemeral loopback port. Restartable (and killable) on the same data
// directory, for durability tests.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

namespace minegate::test {

class KioskProcess {
 public:
  static const char* Binary();

  KioskProcess();
  ~KioskProcess();

  /// `minegate-kiosk enroll CODE --server 127.0.0.1:PORT --server-fingerprint HEX`.
  RunResult Enroll(const std::string& code, std::uint16_t server_port,
                   const std::string& fingerprint);
  /// Starts `run` and waits, bounded, for its "interface:" line.
  bool Start(const std::string& bridge_socket, std::string& error,
             const std::vector<std::string>& extra_args = {});
  /// SIGKILL: a power cut.
  void Kill();
  /// SIGTERM and wait.
  bool Stop();

  std::uint16_t ui_port() const { return ui_port_; }
  std::string data_dir() const { return dir_.File("data"); }
  std::string database() const { return dir_.File("data/kiosk.db"); }
  std::string Log() const;
  Process& process() { return *process_; }

 private:
  TempDir dir_{"kiosk"};
  std::optional<Process> process_;
  std::uint16_t ui_port_ = 0;
  int starts_ = 0;
  std::string last_log_;
};

/// SHA-256 of the certificate in a PEM file, lower-case hex ("" when unreadable).
std::string CertificateFingerprint(const std::string& pem_path);

}  // namespace minegate::test
