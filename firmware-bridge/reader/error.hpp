#pragma once
/// Errors talking to the NFC reader and to the tag in its field. libnfc's
/// negative return codes are mapped here, so nothing above this folder sees them.

#include <boost/system/error_code.hpp>
#include <type_traits>

#include "base/result.hpp"

namespace minegate::reader {

enum class Errc {
  no_reader = 1,    ///< nfc_open failed: unplugged, wrong connection string, busy port.
  io,               ///< The serial link failed (the reader went away).
  timeout,          ///< The reader or the tag did not answer in time.
  aborted,          ///< A stuck call was aborted by the watchdog or at shutdown.
  tag_refused,      ///< The tag answered with a NAK or an RF error.
  tag_lost,         ///< The tag left the field.
  unsupported_tag,  ///< A target we cannot read (not NTAG21x, not a Type 4 tag).
  bad_answer,       ///< An answer of the wrong size or shape.
  too_small,        ///< The credential does not fit the tag's memory.
  read_only,        ///< The tag is locked against writing.
  chip,             ///< The PN532 reported an internal error.
  reader_error,     ///< Any other libnfc failure.
};

const boost::system::error_category& ErrorCategory();
boost::system::error_code make_error_code(Errc e);

/// Maps a negative libnfc return code (NFC_EIO, NFC_ETIMEOUT, ...).
Errc FromLibnfc(int code);

using base::Result;

}  // namespace minegate::reader

namespace boost::system {
template <>
struct is_error_code_enum<minegate::reader::Errc> : std::true_type {};
}  // namespace boost::system
