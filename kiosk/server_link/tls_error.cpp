#include "kiosk/server_link/tls_error.hpp"

#include <string>

#include "base/error_category.hpp"

namespace minegate::kiosk::net {
const boost::system::error_category& LinkErrorCategory() {
  static const base::ErrorCategory category = base::ErrorCategory::Of<LinkErrc>(
      "minegate.kiosk.link",
      {{LinkErrc::bad_fingerprint,
        "empreinte du certificat invalide (SHA-256 attendu) / invalid certificate fingerprint "
        "(SHA-256 expected)"},
       {LinkErrc::resolve_failed, "nom du serveur introuvable / server name not found"},
       {LinkErrc::connect_failed, "connexion au serveur impossible / cannot connect to the server"},
       {LinkErrc::tls_handshake_failed, "échec de la négociation TLS / TLS handshake failed"},
       {LinkErrc::tls_fingerprint_mismatch,
        "le certificat du serveur n'est pas celui attendu / the server certificate is not the "
        "pinned one"},
       {LinkErrc::websocket_handshake_failed, "ouverture du flux refusée / stream upgrade refused"},
       {LinkErrc::timed_out, "délai dépassé / timed out"},
       {LinkErrc::connection_lost, "connexion perdue / connection lost"},
       {LinkErrc::text_frame,
        "trame texte reçue : binaire seulement / text frame received: binary only"},
       {LinkErrc::http_failed, "échec de la requête HTTPS / HTTPS request failed"},
       {LinkErrc::response_too_large, "réponse trop longue / response too large"}});
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
