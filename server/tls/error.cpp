#include "server/tls/error.hpp"

#include <string>

#include "base/error_category.hpp"

namespace minegate::server::tls {
const boost::system::error_category& ErrorCategory() {
  static const base::ErrorCategory category = base::ErrorCategory::Of<Errc>(
      "minegate.server.tls",
      {{Errc::incomplete_configuration,
        "certificat et clé TLS doivent être donnés ensemble / TLS certificate and key must be "
        "given together"},
       {Errc::certificate_unreadable,
        "certificat illisible (fichier absent ou sans certificat PEM) / unreadable certificate "
        "(missing file or no PEM certificate)"},
       {Errc::key_unreadable,
        "clé privée illisible (fichier absent, chiffrée ou sans clé PEM) / unreadable private key "
        "(missing file, encrypted, or no PEM key)"},
       {Errc::key_mismatch,
        "la clé privée ne correspond pas au certificat / the private key does not match the "
        "certificate"},
       {Errc::invalid_host_name,
        "nom d'hôte invalide pour un certificat / host name not valid in a certificate"},
       {Errc::generation_failed,
        "échec de génération du certificat / certificate generation failed"},
       {Errc::write_failed,
        "écriture impossible dans le répertoire de données / cannot write to the data directory"},
       {Errc::context_failed,
        "contexte TLS refusé par OpenSSL / OpenSSL refused the TLS context"}});
  return category;
}

boost::system::error_code make_error_code(Errc e) { return {static_cast<int>(e), ErrorCategory()}; }

}  // namespace minegate::server::tls
