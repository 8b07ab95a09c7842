#pragma once
/// Errors of the registry's person-level reads.

#include <boost/outcome/result.hpp>
#include <boost/system/error_code.hpp>
#include <type_traits>

namespace minegate::server::registry {

enum class Errc {
  bad_query = 1,      ///< A term missing or out of range.
  agent_not_allowed,  ///< Not an active gate agent assigned to the kiosk's site.
};

const boost::system::error_category& ErrorCategory();
boost::system::error_code make_error_code(Errc e);

template <class T>
using Result = boost::outcome_v2::result<T>;

}  // namespace minegate::server::registry

namespace boost::system {
template <>
struct is_error_code_enum<minegate::server::registry::Errc> : std::true_type {};
}  // namespace boost::system
