#include "server/tls/internal/self_signed.hpp"

#include <arpa/inet.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/x509v3.h>

#include <array>
#include <memory>

#include "server/tls/identity.hpp"
#include "server/tls/internal/pem.hpp"

namespace minegate::server::tls::internal {
namespace {

struct PkeyCtxFree {
  void operator()(EVP_PKEY_CTX* ctx) const { EVP_PKEY_CTX_free(ctx); }
};
struct BnFree {
  void operator()(BIGNUM* bn) const { BN_free(bn); }
};
struct GeneralNamesFree {
  void operator()(GENERAL_NAMES* names) const { GENERAL_NAMES_free(names); }
};
struct ExtensionFree {
  void operator()(X509_EXTENSION* extension) const { X509_EXTENSION_free(extension); }
};

boost::system::error_code Failed() {
  ClearOpenSslErrors();
  return make_error_code(Errc::generation_failed);
}

EvpPkeyPtr GenerateP256Key() {
  std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> ctx(
      EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
  if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 ||
      EVP_PKEY_CTX_set_group_name(ctx.get(), "P-256") != 1) {
    return nullptr;
  }
  EVP_PKEY* key = nullptr;
  if (EVP_PKEY_generate(ctx.get(), &key) != 1) return nullptr;
  return EvpPkeyPtr(key);
}

/// A random positive 127-bit serial: unique without keeping any state.
bool SetRandomSerial(X509* certificate) {
  std::unique_ptr<BIGNUM, BnFree> serial(BN_new());
  return serial && BN_rand(serial.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) == 1 &&
         BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(certificate)) != nullptr;
}

bool AddName(X509_NAME* name, const char* field, const char* value) {
  return X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                                    reinterpret_cast<const unsigned char*>(value), -1, -1, 0) == 1;
}

/// Adds a DNS or IP entry; built field by field (not from a config string) so that no host
/// name can smuggle in another entry.
bool AddAltName(GENERAL_NAMES* names, const std::string& host) {
  std::array<unsigned char, 16> address{};
  int address_size = 0;
  if (::inet_pton(AF_INET, host.c_str(), address.data()) == 1) {
    address_size = 4;
  } else if (::inet_pton(AF_INET6, host.c_str(), address.data()) == 1) {
    address_size = 16;
  }
  GENERAL_NAME* entry = GENERAL_NAME_new();
  if (entry == nullptr) return false;
  if (address_size > 0) {
    ASN1_OCTET_STRING* ip = ASN1_OCTET_STRING_new();
    if (ip == nullptr || ASN1_OCTET_STRING_set(ip, address.data(), address_size) != 1) {
      ASN1_OCTET_STRING_free(ip);
      GENERAL_NAME_free(entry);
      return false;
    }
    GENERAL_NAME_set0_value(entry, GEN_IPADD, ip);
  } else {
    ASN1_IA5STRING* dns = ASN1_IA5STRING_new();
    if (dns == nullptr || ASN1_STRING_set(dns, host.data(), static_cast<int>(host.size())) != 1) {
      ASN1_IA5STRING_free(dns);
      GENERAL_NAME_free(entry);
      return false;
    }
    GENERAL_NAME_set0_value(entry, GEN_DNS, dns);
  }
  if (sk_GENERAL_NAME_push(names, entry) == 0) {
    GENERAL_NAME_free(entry);
    return false;
  }
  return true;
}

bool AddConfExtension(X509* certificate, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, certificate, certificate, nullptr, nullptr, 0);
  std::unique_ptr<X509_EXTENSION, ExtensionFree> extension(
      X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
  return extension && X509_add_ext(certificate, extension.get(), -1) == 1;
}

}  // namespace

Result<PemPair> GenerateSelfSigned(const std::vector<std::string>& host_names,
                                   std::chrono::hours validity) {
  for (const auto& host : host_names) {
    if (!IsValidCertificateHostName(host)) return make_error_code(Errc::invalid_host_name);
  }
  EvpPkeyPtr key = GenerateP256Key();
  if (!key) return Failed();
  X509Ptr certificate(X509_new());
  if (!certificate || X509_set_version(certificate.get(), 2) != 1 ||
      !SetRandomSerial(certificate.get())) {
    return Failed();
  }
  constexpr long kClockSkewSeconds = 24 * 3600;
  if (X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -kClockSkewSeconds) == nullptr ||
      X509_gmtime_adj(X509_getm_notAfter(certificate.get()),
                      std::chrono::duration_cast<std::chrono::seconds>(validity).count()) ==
          nullptr ||
      X509_set_pubkey(certificate.get(), key.get()) != 1) {
    return Failed();
  }
  X509_NAME* name = X509_get_subject_name(certificate.get());
  if (!AddName(name, "O", "minegate") || !AddName(name, "CN", "minegate-server") ||
      X509_set_issuer_name(certificate.get(), name) != 1) {
    return Failed();
  }

  std::unique_ptr<GENERAL_NAMES, GeneralNamesFree> alt_names(sk_GENERAL_NAME_new_null());
  if (!alt_names || !AddAltName(alt_names.get(), "localhost") ||
      !AddAltName(alt_names.get(), "127.0.0.1")) {
    return Failed();
  }
  for (const auto& host : host_names) {
    if (host == "localhost" || host == "127.0.0.1") continue;
    if (!AddAltName(alt_names.get(), host)) return Failed();
  }
  if (X509_add1_ext_i2d(certificate.get(), NID_subject_alt_name, alt_names.get(), 0,
                        X509V3_ADD_DEFAULT) != 1 ||
      !AddConfExtension(certificate.get(), NID_basic_constraints, "critical,CA:FALSE") ||
      !AddConfExtension(certificate.get(), NID_key_usage, "critical,digitalSignature") ||
      !AddConfExtension(certificate.get(), NID_ext_key_usage, "serverAuth") ||
      !AddConfExtension(certificate.get(), NID_subject_key_identifier, "hash")) {
    return Failed();
  }
  if (X509_sign(certificate.get(), key.get(), EVP_sha256()) <= 0) return Failed();

  auto certificate_pem = CertificateToPem(certificate.get());
  auto key_pem = PrivateKeyToPem(key.get());
  if (!certificate_pem || !key_pem) return Failed();
  return PemPair{std::move(*certificate_pem), std::move(*key_pem)};
}

}  // namespace minegate::server::tls::internal
