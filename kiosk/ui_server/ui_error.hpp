#pragma once
/// Errors of the kiosk's loopback UI server (UiServer::Start). Socket errors (address in use,
/// ...) are returned as the system's own codes.

#include <boost/system/error_code.hpp>
#include <type_traits>

#include "base/result.hpp"

namespace minegate::kiosk::net {

enum class UiErrc {
  bad_address = 1,       ///< UiServerOptions::address is not an IP address.
  non_loopback_address,  ///< The page is for the box's own screen: loopback addresses only.
  already_started,       ///< Start() was called twice.
  stopped,               ///< Start() after Stop().
  bad_page_token,        ///< UiServerOptions::page_token is missing or not 32 hex digits.
};

const boost::system::error_category& UiErrorCategory();
boost::system::error_code make_error_code(UiErrc e);

using base::Result;

}  // namespace minegate::kiosk::net

namespace boost::system {
template <>
struct is_error_code_enum<minegate::kiosk::net::UiErrc> : std::true_type {};
}  // namespace boost::system
