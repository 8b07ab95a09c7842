#include "tests/support/kiosk_process.hpp"

#include <sys/stat.h>

#include <csignal>
#include <regex>

#include "server/tls/fingerprint.hpp"

namespace minegate::test {

const char* KioskProcess::Binary() { return MINEGATE_KIOSK_BIN; }

KioskProcess::KioskProcess() = default;
KioskProcess::~KioskProcess() = default;

RunResult KioskProcess::Enroll(const std::string& code, std::uint16_t server_port,
                               const std::string& fingerprint) {
  return RunToCompletion(
      {MINEGATE_KIOSK_BIN, "enroll", code, "--data-dir", data_dir(), "--server",
       "127.0.0.1:" + std::to_string(server_port), "--server-fingerprint", fingerprint},
      {}, std::chrono::seconds(30));
}

bool KioskProcess::Start(const std::string& bridge_socket, std::string& error,
                         const std::vector<std::string>& extra_args) {
  const std::string out = dir_.File("kiosk-" + std::to_string(++starts_) + ".out");
  const std::string log = dir_.File("kiosk-" + std::to_string(starts_) + ".log");
  ProcessOptions options;
  options.argv = {MINEGATE_KIOSK_BIN, "run",         "--data-dir", data_dir(),
                  "--bridge-socket",  bridge_socket, "--ui-port",  "0"};
  options.argv.insert(options.argv.end(), extra_args.begin(), extra_args.end());
  options.stdout_path = out;
  options.stderr_path = log;
  process_.reset();
  process_ = Process::Spawn(options, error);
  if (!process_) return false;
  std::string text;
  const auto port =
      WaitForMatch(*process_, out, std::regex("interface: http://127\\.0\\.0\\.1:([0-9]+)/"),
                   std::chrono::seconds(20), text);
  if (!port) {
    error = "kiosk did not start: " + text + ReadFile(log);
    return false;
  }
  ui_port_ = static_cast<std::uint16_t>(std::stoi(*port));
  last_log_ = log;
  last_out_ = out;
  return ReadPageUrl(out, error);
}

bool KioskProcess::ReadPageUrl(const std::string& out, std::string& error) {
  page_token_.clear();
  page_url_.clear();
  std::smatch match;
  const std::string text = ReadFile(out);
  const std::regex file_line("page-url-file: (.+)\n");
  if (!std::regex_search(text, match, file_line) || match[1].str() != page_url_file()) {
    error = "the kiosk did not name " + page_url_file() + " as its page-url file: " + text;
    return false;
  }
  struct stat info {};
  if (::stat(page_url_file().c_str(), &info) != 0 || (info.st_mode & 0777) != 0600) {
    error = "page-url file missing or not mode 0600: " + page_url_file();
    return false;
  }
  const std::string url = ReadFile(page_url_file());
  const std::regex url_form("http://127\\.0\\.0\\.1:([0-9]+)/#token=([0-9a-f]{32})\n");
  if (!std::regex_match(url, match, url_form) || std::stoi(match[1].str()) != ui_port_) {
    error = "page-url file does not hold this start's address: " + url;
    return false;
  }
  page_url_ = url.substr(0, url.size() - 1);
  page_token_ = match[2].str();
  // The token is in the file only: never on the kiosk's output or its log.
  if (text.find(page_token_) != std::string::npos || Log().find(page_token_) != std::string::npos) {
    error = "the page token appears on the kiosk's output or log";
    return false;
  }
  return true;
}

void KioskProcess::Kill() {
  if (process_) process_->Kill();
}

bool KioskProcess::Stop() {
  if (!process_) return true;
  process_->Signal(SIGTERM);
  auto status = process_->Wait(std::chrono::seconds(10));
  if (!status) process_->Kill();
  return status.has_value() && status->Succeeded();
}

std::string KioskProcess::Log() const { return last_log_.empty() ? "" : ReadFile(last_log_); }

std::string KioskProcess::Output() const { return last_out_.empty() ? "" : ReadFile(last_out_); }

std::string CertificateFingerprint(const std::string& pem_path) {
  auto fingerprint = server::tls::CertificateSha256Fingerprint(ReadFile(pem_path));
  return fingerprint ? fingerprint.value() : std::string();
}

}  // namespace minegate::test
