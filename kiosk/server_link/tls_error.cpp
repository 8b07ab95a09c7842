#include "kiosk/net/tls_error.hpp"

#include <string>

namespace minegate::kiosk::net {
namespace {

class Category final : public boost::system::error_category {
 public:
  const char* name() const noexcept override { return "minegate.kiosk.link"; }

  std::string message(int value) const override {
    switch (static_cast<LinkErrc>(value)) {
      case LinkErrc::bad_fingerprint:
        return "empreinte du certificat invalide (SHA-256 attendu) / "
               "invalid certificate fingerprint (SHA-256 expected)";
      case LinkErrc::resolve_failed:
        return "nom du serveur introuvable / server name not found";
      case LinkErrc::connect_failed:
        return "connexion au serveur impossible / cannot connect to the server";
      case LinkErrc::tls_handshake_failed:
        return "échec de la négociation TLS / TLS handshake failed";
      case LinkErrc::tls_fingerprint_mismatch:
        return "le certificat du serveur n'est pas celui attendu / "
               "the server certificate is not the pinned one";
      case LinkErrc::websocket_handshake_failed:
        return "ouverture du flux refusée / stream upgrade refused";
      case LinkErrc::timed_out:
        return "délai dépassé / timed out";
      case LinkErrc::connection_lost:
        return "connexion perdue / connection lost";
      case LinkErrc::text_frame:
        return "trame texte reçue : binaire seulement / text frame received: binary only";
      case LinkErrc::http_failed:
        return "échec de la requête HTTPS / HTTPS request failed";
      case LinkErrc::response_too_large:
        return "réponse trop longue / response too large";
    }
    return "erreur de liaison inconnue / unknown link error";
  }
};

}  // namespace

const boost::system::error_category& LinkErrorCategory() {
  static const Category category;
  return category;
}

boost::system::error_code make_error_code(LinkErrc e) {
  return {static_cast<int>(e), LinkErrorCategory()};
}

const char* LinkErrorName(LinkErrc e) {
  switch (e) {
    case LinkErrc::bad_fingerprint:
      return "bad_fingerprint";
    case LinkErrc::resolve_failed:
      return "resolve_failed";
    case LinkErrc::connect_failed:
      return "connect_failed";
    case LinkErrc::tls_handshake_failed:
      return "tls_handshake_failed";
    case LinkErrc::tls_fingerprint_mismatch:
      return "tls_fingerprint_mismatch";
    case LinkErrc::websocket_handshake_failed:
      return "websocket_handshake_failed";
    case LinkErrc::timed_out:
      return "timed_out";
    case LinkErrc::connection_lost:
      return "connection_lost";
    case LinkErrc::text_frame:
      return "text_frame";
    case LinkErrc::http_failed:
      return "http_failed";
    case LinkErrc::response_too_large:
      return "response_too_large";
  }
  return "link_error";
}

}  // namespace minegate::kiosk::net
