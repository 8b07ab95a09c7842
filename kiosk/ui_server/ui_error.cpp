#include "kiosk/ui_server/ui_error.hpp"

#include <string>

#include "base/error_category.hpp"

namespace minegate::kiosk::net {
const boost::system::error_category& UiErrorCategory() {
  static const base::ErrorCategory category = base::ErrorCategory::Of<UiErrc>(
      "minegate.kiosk.ui_server",
      {{UiErrc::bad_address, "adresse d'écoute invalide / invalid listen address"},
       {UiErrc::non_loopback_address,
        "l'interface n'écoute que sur la boucle locale / the UI listens on loopback only"},
       {UiErrc::already_started, "serveur d'interface déjà démarré / UI server already started"},
       {UiErrc::stopped, "serveur d'interface arrêté / UI server stopped"},
       {UiErrc::bad_page_token,
        "jeton de page absent ou mal formé / page token missing or malformed"}});
  return category;
}

boost::system::error_code make_error_code(UiErrc e) {
  return {static_cast<int>(e), UiErrorCategory()};
}

}  // namespace minegate::kiosk::net
