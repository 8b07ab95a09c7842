#pragma once
/// Errors of the registry's person-level reads.

#include <boost/system/error_code.hpp>
#include <type_traits>

#include "base/result.hpp"

namespace minegate::server::registry {

enum class Errc {
  bad_query = 1,      ///< A term missing or out of range.
  agent_not_allowed,  ///< Not an active gate agent assigned to the kiosk's site.
};

const boost::system::error_category& ErrorCategory();
boost::system::error_code make_error_code(Errc e);

using base::Result;

}  // namespace minegate::server::registry

namespace boost::system {
template <>
struct is_error_code_enum<minegate::server::registry::Errc> : std::true_type {};
}  // namespace boost::system
