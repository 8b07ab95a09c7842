#include "server/tls/error.hpp"

#include <string>

namespace minegate::server::tls {
namespace {

class Category final : public boost::system::error_category {
 public:
  const char* name() const noexcept override { return "minegate.server.tls"; }

  std::string message(int value) const override {
    switch (static_cast<Errc>(value)) {
      case Errc::incomplete_configuration:
        return "certificat et clé TLS doivent être donnés ensemble / TLS certificate and key "
               "must be given together";
      case Errc::certificate_unreadable:
        return "certificat illisible (fichier absent ou sans certificat PEM) / unreadable "
               "certificate (missing file or no PEM certificate)";
      case Errc::key_unreadable:
        return "clé privée illisible (fichier absent, chiffrée ou sans clé PEM) / unreadable "
               "private key (missing file, encrypted, or no PEM key)";
      case Errc::key_mismatch:
        return "la clé privée ne correspond pas au certificat / the private key does not match "
               "the certificate";
      case Errc::invalid_host_name:
        return "nom d'hôte invalide pour un certificat / host name not valid in a certificate";
      case Errc::generation_failed:
        return "échec de génération du certificat / certificate generation failed";
      case Errc::write_failed:
        return "écriture impossible dans le répertoire de données / cannot write to the data "
               "directory";
      case Errc::context_failed:
        return "contexte TLS refusé par OpenSSL / OpenSSL refused the TLS context";
    }
    return "erreur TLS inconnue / unknown TLS error";
  }
};

}  // namespace

const boost::system::error_category& ErrorCategory() {
  static const Category category;
  return category;
}

boost::system::error_code make_error_code(Errc e) { return {static_cast<int>(e), ErrorCategory()}; }

}  // namespace minegate::server::tls
