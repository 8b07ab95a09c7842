#include "proto/credential/error.hpp"

#include <string>

#include "base/error_category.hpp"

namespace minegate::credential {
const boost::system::error_category& ErrorCategory() {
  static const base::ErrorCategory category = base::ErrorCategory::Of<Errc>(
      "minegate.credential",
      {{Errc::empty, "aucune donnée d'identifiant / no credential bytes"},
       {Errc::truncated, "identifiant tronqué / credential truncated"},
       {Errc::oversized, "identifiant trop long / credential oversized"},
       {Errc::unsupported_version,
        "version d'identifiant inconnue / unsupported credential version"},
       {Errc::unknown_kind, "type d'identifiant inconnu / unknown credential kind"},
       {Errc::bad_card_number, "numéro de carte invalide / invalid card number"},
       {Errc::trailing_bytes, "octets en trop après la signature / trailing bytes after signature"},
       {Errc::bad_uid, "UID de puce invalide / invalid tag UID"},
       {Errc::card_number_on_bracelet,
        "un bracelet ne porte pas de numéro de carte / a bracelet carries no card number"},
       {Errc::unknown_key, "clé de signature inconnue / unknown signing key"},
       {Errc::bad_signature,
        "signature invalide ou copiée d'une autre puce / signature invalid or copied from another "
        "tag"},
       {Errc::key_revoked,
        "clé révoquée, bracelet inconnu du serveur avant la révocation / key revoked, bracelet not "
        "known to the server before the revocation"},
       {Errc::crypto_unavailable,
        "bibliothèque cryptographique indisponible / crypto library unavailable"},
       {Errc::issued_in_future,
        "identifiant daté dans le futur / credential dated in the future"}});
  return category;
}

boost::system::error_code make_error_code(Errc e) { return {static_cast<int>(e), ErrorCategory()}; }

}  // namespace minegate::credential
