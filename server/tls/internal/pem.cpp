#include "server/tls/internal/pem.hpp"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include <climits>

namespace minegate::server::tls::internal {
namespace {

struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;

/// A read-only memory BIO over `text` (which must outlive it).
BioPtr MemoryBio(std::string_view text) {
  if (text.size() > static_cast<std::size_t>(INT_MAX)) return nullptr;
  return BioPtr(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
}

/// Refuses every passphrase prompt: an encrypted key is reported, never waited on.
int NoPassphrase(char*, int, int, void*) { return 0; }

std::optional<std::string> BioContents(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  if (size <= 0 || data == nullptr) return std::nullopt;
  return std::string(data, static_cast<std::size_t>(size));
}

}  // namespace

void ClearOpenSslErrors() { ERR_clear_error(); }

std::vector<X509Ptr> ParseCertificates(std::string_view pem) {
  std::vector<X509Ptr> certificates;
  BioPtr bio = MemoryBio(pem);
  if (!bio) return {};
  while (X509Ptr certificate{PEM_read_bio_X509(bio.get(), nullptr, NoPassphrase, nullptr)}) {
    certificates.push_back(std::move(certificate));
  }
  // The loop ends on "no start line" at the end of the text; anything else is malformed.
  const unsigned long last = ERR_peek_last_error();
  const bool clean_end =
      certificates.empty() || last == 0 ||
      (ERR_GET_LIB(last) == ERR_LIB_PEM && ERR_GET_REASON(last) == PEM_R_NO_START_LINE);
  ClearOpenSslErrors();
  if (!clean_end) return {};
  return certificates;
}

EvpPkeyPtr ParsePrivateKey(std::string_view pem) {
  BioPtr bio = MemoryBio(pem);
  if (!bio) return nullptr;
  EvpPkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, NoPassphrase, nullptr));
  if (!key) ClearOpenSslErrors();
  return key;
}

std::optional<std::string> CertificateToPem(X509* certificate) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_X509(bio.get(), certificate) != 1) {
    ClearOpenSslErrors();
    return std::nullopt;
  }
  return BioContents(bio.get());
}

std::optional<std::string> PrivateKeyToPem(EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio ||
      PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    ClearOpenSslErrors();
    return std::nullopt;
  }
  return BioContents(bio.get());
}

bool KeyMatchesCertificate(X509* certificate, EVP_PKEY* key) {
  const bool matches = X509_check_private_key(certificate, key) == 1;
  if (!matches) ClearOpenSslErrors();
  return matches;
}

}  // namespace minegate::server::tls::internal
