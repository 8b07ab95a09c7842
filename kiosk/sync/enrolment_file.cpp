#include "kiosk/sync/enrolment_file.hpp"

#include <charconv>

namespace minegate::kiosk::sync {
namespace {

constexpr std::size_t kMaxFileSize = 64 * 1024;

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

template <class Integer>
bool ParseNumber(std::string_view text, Integer& out) {
  if (text.empty()) {
    out = 0;  // e.g. "gate_id=": no gate
    return true;
  }
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

}  // namespace

boost::outcome_v2::result<EnrolmentFile> ParseEnrolmentFile(std::string_view text) {
  const auto bad = make_error_code(Errc::bad_enrolment_file);
  if (text.size() > kMaxFileSize) return bad;
  EnrolmentFile file;
  while (!text.empty()) {
    const auto newline = text.find('\n');
    const std::string_view line = Trim(text.substr(0, newline));
    text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
    if (line.empty() || line.front() == '#') continue;
    const auto equals = line.find('=');
    if (equals == std::string_view::npos) return bad;
    const std::string_view key = Trim(line.substr(0, equals));
    const std::string_view value = Trim(line.substr(equals + 1));
    bool ok = true;
    if (key == "device_id") {
      file.device_id = std::string(value);
    } else if (key == "site_id") {
      ok = ParseNumber(value, file.site_id);
    } else if (key == "gate_id") {
      ok = ParseNumber(value, file.gate_id);
    } else if (key == "enrolment_code") {
      file.enrolment_code = std::string(value);
    } else if (key == "expires_at_ms") {
      ok = ParseNumber(value, file.expires_at_ms);
    } else if (key == "server_sealing_public_key") {
      file.server_sealing_public_key = std::string(value);
    } else if (key == "server_sealing_key_id") {
      file.server_sealing_key_id = std::string(value);
    } else if (key == "server_certificate_sha256") {
      file.server_certificate_sha256 = std::string(value);
    }
    if (!ok) return bad;
  }
  if (file.device_id.empty() || file.enrolment_code.empty()) return bad;
  return file;
}

}  // namespace minegate::kiosk::sync
