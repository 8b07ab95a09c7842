#pragma once
/// Errors of the officials' API as RFC 9457 problem details (application/problem+json): a
/// stable `type` clients branch on, a bilingual `title` a person reads, and the request field
/// in error. The one place an error becomes a body: handlers return ApiProblem values.

#include <boost/system/error_code.hpp>
#include <cstdint>
#include <string>
#include <string_view>

namespace minegate::server::api {

/// Prefix of every problem type: "urn:minegate:problem:forbidden".
inline constexpr std::string_view kProblemTypePrefix = "urn:minegate:problem:";
inline constexpr std::string_view kProblemContentType = "application/problem+json";

struct ApiProblem {
  int status = 500;
  /// The stable part after kProblemTypePrefix, e.g. "forbidden", "user_exists".
  std::string type;
  /// "français / English".
  std::string title;
  /// The request field in error, by its JSON name ("userId"); empty when none.
  std::string field;
  /// More about this occurrence ("français / English"); empty when the title says it all.
  std::string detail;
  /// For a lock: when to try again (ms since the epoch).
  std::int64_t retry_after_ms = 0;
};

/// A problem with a bilingual title.
ApiProblem Problem(int status, std::string_view type, std::string_view french,
                   std::string_view english, std::string_view field = {});

/// The problem's JSON body (minegate.v1.Problem through protobuf's JSON printer).
std::string ProblemBody(const ApiProblem& problem);

/// The common ones, worded once.
ApiProblem NotSignedIn();                    ///< 401 not_signed_in
ApiProblem Forbidden();                      ///< 403 forbidden
ApiProblem CsrfRefused();                    ///< 403 csrf
ApiProblem PasswordChangeRequired();         ///< 403 password_change_required
ApiProblem NotFound(std::string_view what);  ///< 404 not_found, `what` names the thing
ApiProblem Busy();                           ///< 503 busy (a queue is full: retry)
ApiProblem Internal();                       ///< 500 internal

/// An administration error (server/admin's Errc, campaigns and miners' cards included), a
/// security one (server/security's), a protection one (server/protection's), a census one
/// (server/census's), a police one (server/police's) or a sign-in one (server/auth's) as the
/// problem an official reads: its status (400 for bad input, 401 for credentials refused, 404
/// for an unknown id, 409 for a conflict, 429 for a lock), a type named after the error, the
/// error's own bilingual message as title, and the request field it concerns — `field` instead
/// when a route names it (the second of two police criteria, a campaign's bad closing time); an
/// unlisted sign-in error is NotSignedIn(). Any other error code is a 500 whose title does not
/// reveal its text.
ApiProblem ProblemOf(const boost::system::error_code& error, std::string_view field = {});

}  // namespace minegate::server::api
