#pragma once
/// Why a protection call was refused. Each refusal has its own code so that the officers'
/// workspace can say exactly what to change; storage failures keep the minegate.db category
/// they came with.

#include <boost/system/error_code.hpp>
#include <type_traits>

#include "base/result.hpp"

namespace minegate::server::protection {

enum class Errc {
  unknown_case = 1,
  case_status_forbids,  ///< The action is not one the case's status allows.
  bad_reason,           ///< A reason is required: 1 to 1000 characters, no control characters.
  bad_assignee,         ///< Not an active protection officer.
  unknown_service,
  service_inactive,  ///< The service was deactivated: no new referral to it.
  bad_service,       ///< A name, place, contact or language code out of bounds.
  unknown_referral,
  referral_already_acknowledged,
  referral_closed,  ///< The referral already has its final outcome.
  bad_due_date,     ///< A due date in the past or more than a year ahead.
  bad_outcome,
  unknown_notice,
  notice_closed,
  bad_notice,        ///< A field of the notice out of bounds, or nothing to search by.
  rule_set_invalid,  ///< The text does not validate (its errors are returned beside).
  rule_set_exists,   ///< This version was uploaded before with another text.
  unknown_rule_set,
  corrupt_record,  ///< A stored record that does not parse.
  /// The service does not take in minors, and she is under 18 today (the youngest age her
  /// declared birth allows) or her age is not known.
  service_refuses_minors,
};

const boost::system::error_category& ErrorCategory();
boost::system::error_code make_error_code(Errc e);

using base::Result;
using base::Success;

}  // namespace minegate::server::protection

namespace boost::system {
template <>
struct is_error_code_enum<minegate::server::protection::Errc> : std::true_type {};
}  // namespace boost::system
