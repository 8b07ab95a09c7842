#include "kiosk/server_link/tls_connect.hpp"

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ssl/verify_context.hpp>
#include <boost/beast/core/error.hpp>

namespace minegate::kiosk::net {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using boost::system::error_code;

/// The SHA-256 of a certificate's DER encoding; false when it cannot be encoded.
bool DigestOf(X509* certificate, Sha256& out) {
  if (certificate == nullptr) return false;
  unsigned char* der = nullptr;
  const int size = i2d_X509(certificate, &der);
  if (size <= 0) return false;
  out = CertificateDigest(der, static_cast<std::size_t>(size));
  OPENSSL_free(der);
  return true;
}

/// Why the pin check refused, so that the handshake's generic "verify failed" can be
/// reported as what it is.
struct PinState {
  Sha256 expected{};
  bool mismatch = false;
};

}  // namespace

ssl::context MakePinnedContext() {
  ssl::context context(ssl::context::tls_client);
  context.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                      ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
  context.set_verify_mode(ssl::verify_peer);
  return context;
}

void AsyncConnectPinned(TlsStream& stream, tcp::resolver& resolver, const TlsEndpoint& endpoint,
                        std::function<void(error_code)> done) {
  auto pin = std::make_shared<PinState>();
  pin->expected = endpoint.pin;
  // Only the leaf matters: the chain is not checked against any authority, the pin replaces
  // it. OpenSSL calls this for depth 0 whatever happened higher up the chain.
  stream.set_verify_callback([pin](bool, ssl::verify_context& context) {
    X509_STORE_CTX* store = context.native_handle();
    if (X509_STORE_CTX_get_error_depth(store) != 0) return true;
    Sha256 digest{};
    if (!DigestOf(X509_STORE_CTX_get_current_cert(store), digest) || digest != pin->expected) {
      pin->mismatch = true;
      return false;
    }
    return true;
  });
  error_code ignored;
  asio::ip::make_address(endpoint.host, ignored);
  if (ignored) {  // a DNS name: send it as SNI, as a name-based server expects
    // SSL_set_tlsext_host_name is a macro with a C cast: its expansion, spelled out.
    SSL_ctrl(stream.native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
             const_cast<char*>(endpoint.host.c_str()));
  }
  const auto connect_timeout = endpoint.connect_timeout;
  const auto handshake_timeout = endpoint.handshake_timeout;
  resolver.async_resolve(
      endpoint.host, std::to_string(endpoint.port),
      [&stream, pin, connect_timeout, handshake_timeout, done = std::move(done)](
          error_code resolved, const tcp::resolver::results_type& results) mutable {
        if (resolved) return done(make_error_code(LinkErrc::resolve_failed));
        beast::get_lowest_layer(stream).expires_after(connect_timeout);
        beast::get_lowest_layer(stream).async_connect(
            results, [&stream, pin, handshake_timeout, done = std::move(done)](
                         error_code connected, const tcp::endpoint&) mutable {
              if (connected) return done(make_error_code(LinkErrc::connect_failed));
              beast::get_lowest_layer(stream).expires_after(handshake_timeout);
              stream.async_handshake(
                  ssl::stream_base::client,
                  [&stream, pin, done = std::move(done)](error_code ec) mutable {
                    beast::get_lowest_layer(stream).expires_never();
                    if (pin->mismatch)
                      return done(make_error_code(LinkErrc::tls_fingerprint_mismatch));
                    if (ec == beast::error::timeout)
                      return done(make_error_code(LinkErrc::timed_out));
                    if (ec) return done(make_error_code(LinkErrc::tls_handshake_failed));
                    // Checked again on the session itself, in case a verification path
                    // never reached the leaf.
                    X509* leaf = SSL_get1_peer_certificate(stream.native_handle());
                    Sha256 digest{};
                    const bool ok = DigestOf(leaf, digest) && digest == pin->expected;
                    X509_free(leaf);
                    if (!ok) return done(make_error_code(LinkErrc::tls_fingerprint_mismatch));
                    done({});
                  });
            });
      });
}

}  // namespace minegate::kiosk::net
