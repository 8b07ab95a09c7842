#include "server/tls/server_context.hpp"

#include <openssl/ssl.h>

#include <boost/asio/buffer.hpp>
#include <exception>

#include "server/tls/internal/pem.hpp"

namespace minegate::server::tls {

Result<std::shared_ptr<boost::asio::ssl::context>> MakeServerContext(
    const ServerIdentity& identity) {
  namespace ssl = boost::asio::ssl;
  std::shared_ptr<ssl::context> context;
  try {
    context = std::make_shared<ssl::context>(ssl::context::tls_server);
  } catch (const std::exception&) {
    internal::ClearOpenSslErrors();
    return make_error_code(Errc::context_failed);
  }
  boost::system::error_code ec;
  context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                           ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                           ssl::context::no_tlsv1_1 | ssl::context::no_compression |
                           ssl::context::single_dh_use,
                       ec);
  if (!ec && SSL_CTX_set_min_proto_version(context->native_handle(), TLS1_2_VERSION) != 1) {
    ec = make_error_code(Errc::context_failed);
  }
  if (!ec) context->use_certificate_chain(boost::asio::buffer(identity.certificate_pem), ec);
  if (!ec) {
    context->use_private_key(boost::asio::buffer(identity.private_key_pem), ssl::context::pem, ec);
  }
  if (ec || SSL_CTX_check_private_key(context->native_handle()) != 1) {
    internal::ClearOpenSslErrors();
    return make_error_code(Errc::context_failed);
  }
  return context;
}

}  // namespace minegate::server::tls
