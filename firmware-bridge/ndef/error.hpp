// Errors of the NDEF codecs, reported as values (boost::system::error_code).
#pragma once

#include <boost/system/error_code.hpp>
#include <type_traits>

#include "base/result.hpp"

namespace minegate::ndef {

/// Why a tag's bytes were refused. Each code names one malformed shape so that a
/// reader log says what was wrong with the bracelet or card, not just "bad NDEF".
enum class Errc {
  // NDEF message (DecodeMessage / ValidateForEncoding).
  empty_message = 1,           ///< zero bytes, or zero records to encode
  too_large,                   ///< input over Limits::max_message_size (or payload > 4 GiB)
  too_many_records,            ///< more records than Limits::max_records
  truncated,                   ///< input ends inside a header or a fixed-size structure
  length_beyond_buffer,        ///< type/id/payload lengths run past the end of the input
  missing_message_begin,       ///< first record without MB
  unexpected_message_begin,    ///< MB on a record other than the first
  missing_message_end,         ///< input ends and no record carried ME
  trailing_bytes,              ///< bytes after the record carrying ME
  chunked_record_unsupported,  ///< CF set: minegate never writes chunked records
  bad_tnf,                     ///< TNF reserved (7) or "unchanged" outside a chunk
  bad_empty_record,            ///< TNF empty with a type, id or payload
  type_not_allowed,            ///< TNF unknown with a type
  type_too_long,               ///< encoding: type over 255 bytes
  id_too_long,                 ///< encoding: id over 255 bytes
  record_not_found,            ///< FindExternal found no record of that type
  // NFC Forum Type 2 TLV area.
  no_ndef_tlv,     ///< no NDEF TLV before the terminator or end: blank or foreign tag
  bad_tlv_length,  ///< a TLV length runs past the area, or is cut short, or is 0xFFFF
  // NFC Forum Type 4 NDEF file and capability container.
  nlen_beyond_file,             ///< NLEN larger than the bytes read from the file
  bad_capability_container,     ///< CC fields out of their specified ranges
  unsupported_mapping_version,  ///< CC mapping version major is not 2
};

/// The "minegate.ndef" category; messages are "French / English" like the rest of minegate.
const boost::system::error_category& NdefCategory() noexcept;

/// Found by ADL, so `Errc` converts to error_code and into Result<T>.
boost::system::error_code make_error_code(Errc e) noexcept;

using base::Result;

}  // namespace minegate::ndef

template <>
struct boost::system::is_error_code_enum<minegate::ndef::Errc> : std::true_type {};
