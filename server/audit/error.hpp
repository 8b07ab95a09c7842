#pragma once
/// Errors of the audit log. A broken chain is not an error: Verify reports it as a value.

#include <boost/system/error_code.hpp>
#include <type_traits>

#include "base/result.hpp"

namespace minegate::server::audit {

enum class Errc {
  bad_entry = 1,  ///< A field too long, a list item empty or holding a line break, a bad token.
  not_in_transaction,  ///< Append outside the caller's write transaction.
  bad_filter,          ///< A filter or page size the log does not accept.
  bad_cursor,          ///< A page cursor the log did not issue.
  bad_head,            ///< An expected head that is not COUNT:HASH.
  unsupported_format,  ///< An entry written in a canonical format this build does not know.
  queue_full,          ///< The audit writer's queue is full: the audited action must not proceed.
  stopped,             ///< The audit writer is stopping or stopped.
};

const boost::system::error_category& ErrorCategory() noexcept;
boost::system::error_code make_error_code(Errc e) noexcept;

using base::Result;
using base::Success;

}  // namespace minegate::server::audit

namespace boost::system {
template <>
struct is_error_code_enum<minegate::server::audit::Errc> : std::true_type {};
}  // namespace boost::system
