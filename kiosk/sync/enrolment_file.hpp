#pragma once
/// The enrolment file `minegatectl device enroll --out FILE` writes for the person setting up
/// a kiosk (proto/minegate/v1/enrolment.proto, in protobuf text format): the one-time code and
/// the server's certificate fingerprint to pin, so that `minegate-kiosk enroll` needs nothing
/// typed by hand but the server's address.

#include <boost/outcome/result.hpp>
#include <boost/system/error_code.hpp>
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "kiosk/sync/sync_error.hpp"
#include "minegate/v1/enrolment.pb.h"

namespace minegate::kiosk::sync {

/// The file is a few hundred bytes; anything past this is not an enrolment file.
inline constexpr std::size_t kMaxEnrolmentFileSize = 64 * 1024;

/// Why an enrolment file was refused.
struct EnrolmentFileError {
  /// Errc::bad_enrolment_file, or errno's code when the file could not be read at all.
  boost::system::error_code code;
  /// What is wrong, "français / English" (e.g. the line and column protobuf names).
  std::string detail;
};

template <class T>
using EnrolmentFileResult =
    boost::outcome_v2::result<T, EnrolmentFileError, boost::outcome_v2::policy::terminate>;

/// Parses the text format. Fields this kiosk does not know are ignored (a newer minegatectl may
/// write more); Errc::bad_enrolment_file for text over kMaxEnrolmentFileSize, text that is not
/// an EnrolmentFile (a syntax error, a field given twice, a number out of range) or one without
/// device_id or enrolment_code.
EnrolmentFileResult<v1::EnrolmentFile> ParseEnrolmentFile(std::string_view text);

/// Reads (at most kMaxEnrolmentFileSize bytes, through base::ReadFileBounded) and parses `path`.
EnrolmentFileResult<v1::EnrolmentFile> ReadEnrolmentFile(const std::filesystem::path& path);

}  // namespace minegate::kiosk::sync
