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
  /// Starts `run`, waits, bounded, for its "interface:" line, then reads the page's address
  /// with this start's token from the file its "page-url-file:" line names (which must be
  /// DATA_DIR/page-url, mode 0600, and name the same port).
  bool Start(const std::string& bridge_socket, std::string& error,
             const std::vector<std::string>& extra_args = {});
  /// SIGKILL: a power cut.
  void Kill();
  /// SIGTERM and wait.
  bool Stop();

  std::uint16_t ui_port() const { return ui_port_; }
  /// This start's page token (from DATA_DIR/page-url) and the page's whole address.
  const std::string& page_token() const { return page_token_; }
  const std::string& page_url() const { return page_url_; }
  std::string page_url_file() const { return dir_.File("data/page-url"); }
  std::string data_dir() const { return dir_.File("data"); }
  std::string database() const { return dir_.File("data/kiosk.db"); }
  /// The last start's stderr (Log) and stdout (Output).
  std::string Log() const;
  std::string Output() const;
  Process& process() { return *process_; }

 private:
  bool ReadPageUrl(const std::string& out, std::string& error);

  TempDir dir_{"kiosk"};
  std::optional<Process> process_;
  std::uint16_t ui_port_ = 0;
  std::string page_token_;
  std::string page_url_;
  int starts_ = 0;
  std::string last_log_;
  std::string last_out_;
};

/// SHA-256 of the certificate in a PEM file, lower-case hex ("" when unreadable).
std::string CertificateFingerprint(const std::string& pem_path);

}  // namespace minegate::test
