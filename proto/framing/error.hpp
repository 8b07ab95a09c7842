#pragma once
/// Errors of the length-prefixed framing used on the bridge <-> kiosk socket.

#include <boost/system/error_code.hpp>
#include <type_traits>

#include "base/result.hpp"

namespace minegate::framing {

enum class Errc {
  empty_frame = 1,  ///< A length prefix of 0.
  frame_too_large,  ///< A length prefix above the limit.
  unparsable,       ///< The frame's bytes are not the expected protobuf message.
};

const boost::system::error_category& ErrorCategory();
boost::system::error_code make_error_code(Errc e);

using base::Result;

}  // namespace minegate::framing

namespace boost::system {
template <>
struct is_error_code_enum<minegate::framing::Errc> : std::true_type {};
}  // namespace boost::system
