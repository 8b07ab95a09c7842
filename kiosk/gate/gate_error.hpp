// Why the kiosk could not do what a tap or a page asked. Storage failures keep
// the minegate.db category they came with.
#pragma once

#include <boost/system/error_code.hpp>
#include <type_traits>

namespace minegate::kiosk::gate {

enum class GateErrc {
  not_enrolled = 1,  ///< No device key or no server sealing key yet.
  seal_failed,       ///< libsodium could not seal a body (or nothing to seal).
  key_file,          ///< The device key file is missing, unreadable or malformed.
};

const boost::system::error_category& GateCategory();
boost::system::error_code make_error_code(GateErrc e);

}  // namespace minegate::kiosk::gate

namespace boost::system {
template <>
struct is_error_code_enum<minegate::kiosk::gate::GateErrc> : std::true_type {};
}  // namespace boost::system
