#pragma once
/// Errors of the border police's reads: what an officer typed that cannot be searched, and a
/// person that is not on file. Each message is French, then English.

#include <boost/system/error_code.hpp>
#include <type_traits>

#include "base/result.hpp"

namespace minegate::server::police {

enum class Errc {
  bad_search = 1,   ///< Not exactly one kind of search (uid, name, document, nationality, site).
  bad_tag_uid,      ///< A UID that is not 4, 7 or 10 bytes in hex.
  name_too_short,   ///< No word of 2 letters or more (trigrams cannot look for less).
  bad_document,     ///< A document number with nothing of A-Z 0-9, or longer than 32.
  bad_nationality,  ///< Not three letters A-Z.
  bad_date_range,   ///< from/to missing, not YYYY-MM-DD, or to before from.
  unknown_site,     ///< No site with that id.
  bad_person_id,    ///< Not 32 hex digits.
  unknown_person,   ///< No registration with that person token.
  bad_cursor,       ///< A position this search did not make.
};

const boost::system::error_category& ErrorCategory();
boost::system::error_code make_error_code(Errc e);

template <typename T>
using Result = base::Result<T>;

}  // namespace minegate::server::police

namespace boost::system {
template <>
struct is_error_code_enum<minegate::server::police::Errc> : std::true_type {};
}  // namespace boost::system
