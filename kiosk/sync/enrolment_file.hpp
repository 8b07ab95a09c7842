#pragma once
/// The enrolment file `minegatectl device enroll --out FILE` writes for the person setting up
/// a kiosk: the one-time code and the server's certificate fingerprint to pin, so that
/// `minegate-kiosk enroll` needs nothing typed by hand but the server's address.

#include <cstdint>
#include <string>
#include <string_view>

#include "kiosk/sync/sync_error.hpp"

namespace minegate::kiosk::sync {

struct EnrolmentFile {
  std::string device_id;
  std::uint32_t site_id = 0;
  std::uint32_t gate_id = 0;  ///< 0: not bound to one gate
  std::string enrolment_code;
  std::int64_t expires_at_ms = 0;
  std::string server_sealing_public_key;  ///< hex, as written
  std::string server_sealing_key_id;      ///< hex, as written
  /// SHA-256 of the server's certificate; empty when the server's certificate was not known
  /// to minegatectl (then the fingerprint must be given another way).
  std::string server_certificate_sha256;
};

/// Parses `key=value` lines; `#` comments and blank lines are skipped, unknown keys ignored
/// (a newer minegatectl may write more). Errc::bad_enrolment_file when the device id or the
/// code is missing, a number is not one, or the text is over 64 KiB.
boost::outcome_v2::result<EnrolmentFile> ParseEnrolmentFile(std::string_view text);

}  // namespace minegate::kiosk::sync
