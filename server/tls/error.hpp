#pragma once
/// Errors of the server's TLS identity: loading, generating, and building the TLS context.

#include <boost/system/error_code.hpp>
#include <type_traits>

#include "base/result.hpp"

namespace minegate::server::tls {

enum class Errc {
  incomplete_configuration = 1,  ///< A certificate without a key, or a key without a certificate.
  certificate_unreadable,        ///< Missing, unreadable, too large, or no PEM certificate in it.
  key_unreadable,                ///< Missing, unreadable, encrypted, or no PEM private key in it.
  key_mismatch,                  ///< The private key is not the certificate's.
  invalid_host_name,             ///< A host name that cannot go in a certificate.
  generation_failed,             ///< OpenSSL could not generate the key or the certificate.
  write_failed,                  ///< The data directory or a file in it could not be written.
  context_failed,                ///< OpenSSL refused the certificate or key for a TLS context.
};

const boost::system::error_category& ErrorCategory();
boost::system::error_code make_error_code(Errc e);

using base::Result;

}  // namespace minegate::server::tls

namespace boost::system {
template <>
struct is_error_code_enum<minegate::server::tls::Errc> : std::true_type {};
}  // namespace boost::system
