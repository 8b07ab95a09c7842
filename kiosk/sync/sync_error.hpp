#pragma once
/// Errors of the kiosk's sync, enrolment and reconcile clients, and the shape in which an
/// HTTPS call reports a refusal: the HTTP status and the server's own bilingual message.

#include <boost/outcome/result.hpp>
#include <boost/system/error_code.hpp>
#include <string>
#include <string_view>
#include <type_traits>

namespace minegate::kiosk::sync {

enum class Errc {
  bad_options = 1,     ///< No device id, host or port.
  store_failed,        ///< The kiosk database refused a read or a write.
  bad_frame,           ///< A server message that is not a ServerFrame.
  unexpected_frame,    ///< A server frame out of the protocol's order.
  bad_request,         ///< HTTP 400: the server could not read the request.
  unauthorized,        ///< HTTP 401: the device signature was refused.
  forbidden,           ///< HTTP 403: e.g. an unknown or expired enrolment code.
  not_found,           ///< HTTP 404: e.g. an unknown device.
  conflict,            ///< HTTP 409: e.g. a key already enrolled.
  server_error,        ///< HTTP 5xx: the server could not answer now.
  unexpected_status,   ///< Any other HTTP status.
  bad_response,        ///< A 200 whose body is not the expected message.
  bad_enrolment_file,  ///< An enrolment file without device id or code, or with a bad number.
};

const boost::system::error_category& ErrorCategory();
boost::system::error_code make_error_code(Errc e);

/// Why an HTTPS call to the server failed.
struct ServerError {
  boost::system::error_code code;  ///< an Errc, or a kiosk::net::LinkErrc
  int http_status = 0;             ///< 0 when no response arrived
  std::string message;             ///< "français / English": the server's words when it gave any
};

/// The outcome of an HTTPS call: the answer, or why not.
template <class T>
using Answer = boost::outcome_v2::result<T, ServerError, boost::outcome_v2::policy::terminate>;

/// A refusal from its HTTP status and its body ({"error":{"fr":...,"en":...}}).
ServerError ErrorFromResponse(int http_status, std::string_view body);
/// A failure without a response.
ServerError ErrorFromCode(boost::system::error_code code);
/// A 200 whose body is not the expected message (Errc::bad_response, status 200).
ServerError BadResponse();

}  // namespace minegate::kiosk::sync

namespace boost::system {
template <>
struct is_error_code_enum<minegate::kiosk::sync::Errc> : std::true_type {};
}  // namespace boost::system
