#pragma once
/// Why a security call was refused: administrators read these in minegatectl and in the web
/// page, so each has its own code and a bilingual message. Storage failures keep the minegate.db
/// category, and a bracelet revocation's refusals the minegate.server.admin one.

#include <boost/system/error_code.hpp>
#include <type_traits>

#include "base/result.hpp"

namespace minegate::server::security {

/// Zero is success. Never renumber: codes are stored in the audit log's outcomes.
enum class Errc {
  unknown_event = 1,  ///< No security event has this id.
  event_not_open,     ///< Already revoked or dismissed: a decision is taken once.
  bad_speed,          ///< The plausible travel speed is not 1 to 1000 km/h.
};

/// "minegate.server.security", messages "français / English".
const boost::system::error_category& SecurityCategory() noexcept;

boost::system::error_code make_error_code(Errc e) noexcept;

using base::Result;
using base::Success;

}  // namespace minegate::server::security

namespace boost::system {
template <>
struct is_error_code_enum<minegate::server::security::Errc> : std::true_type {};
}  // namespace boost::system
