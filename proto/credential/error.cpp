#include "proto/credential/error.hpp"

#include <string>

namespace minegate::credential {
namespace {

class Category final : public boost::system::error_category {
 public:
  const char* name() const noexcept override { return "minegate.credential"; }

  std::string message(int value) const override {
    switch (static_cast<Errc>(value)) {
      case Errc::empty:
        return "aucune donnée d'identifiant / no credential bytes";
      case Errc::truncated:
        return "identifiant tronqué / credential truncated";
      case Errc::oversized:
        return "identifiant trop long / credential oversized";
      case Errc::unsupported_version:
        return "version d'identifiant inconnue / unsupported credential version";
      case Errc::unknown_kind:
        return "type d'identifiant inconnu / unknown credential kind";
      case Errc::bad_card_number:
        return "numéro de carte invalide / invalid card number";
      case Errc::trailing_bytes:
        return "octets en trop après la signature / trailing bytes after signature";
      case Errc::bad_uid:
        return "UID de puce invalide / invalid tag UID";
      case Errc::card_number_on_bracelet:
        return "un bracelet ne porte pas de numéro de carte / a bracelet carries no card number";
      case Errc::unknown_key:
        return "clé de signature inconnue / unknown signing key";
      case Errc::bad_signature:
        return "signature invalide ou copiée d'une autre puce / "
               "signature invalid or copied from another tag";
      case Errc::key_revoked:
        return "clé révoquée, bracelet inconnu du serveur avant la révocation / "
               "key revoked, bracelet not known to the server before the revocation";
      case Errc::crypto_unavailable:
        return "bibliothèque cryptographique indisponible / crypto library unavailable";
      case Errc::issued_in_future:
        return "identifiant daté dans le futur / credential dated in the future";
    }
    return "erreur d'identifiant inconnue / unknown credential error";
  }
};

}  // namespace

const boost::system::error_category& ErrorCategory() {
  static const Category category;
  return category;
}

boost::system::error_code make_error_code(Errc e) { return {static_cast<int>(e), ErrorCategory()}; }

}  // namespace minegate::credential
