#pragma once
/// OpenSSL objects owned by unique_ptr, and their PEM text in both directions. Every failure
/// clears OpenSSL's thread-local error queue, so that a stale error cannot be mistaken later
/// for a TLS failure on the same thread.

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace minegate::server::tls::internal {

struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};
struct EvpPkeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using X509Ptr = std::unique_ptr<X509, X509Free>;
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, EvpPkeyFree>;

/// Every certificate in `pem`, in order; empty if there is none or one is malformed.
std::vector<X509Ptr> ParseCertificates(std::string_view pem);
/// The first private key in `pem`; nullptr if none, malformed, or encrypted (never prompts
/// for a passphrase: a server started by systemd has no terminal).
EvpPkeyPtr ParsePrivateKey(std::string_view pem);

std::optional<std::string> CertificateToPem(X509* certificate);
/// PKCS#8, unencrypted: the file's mode protects it.
std::optional<std::string> PrivateKeyToPem(EVP_PKEY* key);

/// True if `key` is the private half of `certificate`'s public key.
bool KeyMatchesCertificate(X509* certificate, EVP_PKEY* key);

/// Drops whatever OpenSSL left on this thread's error queue.
void ClearOpenSslErrors();

}  // namespace minegate::server::tls::internal
