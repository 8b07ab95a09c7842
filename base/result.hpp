#pragma once
/// The one result type of fallible code: a value or an error code, never an exception.
/// Every library names it (`db::Result`, `credential::Result`, ...) through a using-declaration
/// of this one, so results pass between libraries unchanged.

#include <boost/outcome/result.hpp>
#include <boost/system/error_code.hpp>

namespace minegate::base {

template <class T>
using Result = boost::outcome_v2::result<T, boost::system::error_code>;

/// The success value of a Result<void>, so callers need not name the Outcome namespace.
inline auto Success() noexcept { return boost::outcome_v2::success(); }

}  // namespace minegate::base
