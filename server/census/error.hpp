#pragma once
/// Why a census call was refused: EMAPE officials read these in the web page, so each has its own
/// code and a bilingual message. Storage failures keep the minegate.db category, and a
/// campaign's refusals (unknown, already closed) the minegate.server.admin one.

#include <boost/system/error_code.hpp>
#include <type_traits>

#include "base/result.hpp"

namespace minegate::server::census {

/// Zero is success. Never renumber: codes are stored in the audit log's outcomes.
enum class Errc {
  bad_presence_window = 1,  ///< Not 1 to 365 days.
  bad_day,                  ///< A day that is not YYYY-MM-DD.
  bad_day_range,            ///< From after to, or more than kMaxDays days.
  bad_list_position,        ///< A list's position this server did not make.
};

/// "minegate.server.census", messages "français / English".
const boost::system::error_category& CensusCategory() noexcept;

boost::system::error_code make_error_code(Errc e) noexcept;

using base::Result;
using base::Success;

}  // namespace minegate::server::census

namespace boost::system {
template <>
struct is_error_code_enum<minegate::server::census::Errc> : std::true_type {};
}  // namespace boost::system
