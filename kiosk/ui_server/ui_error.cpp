#include "kiosk/net/ui_error.hpp"

#include <string>

namespace minegate::kiosk::net {
namespace {

class Category final : public boost::system::error_category {
 public:
  const char* name() const noexcept override { return "minegate.kiosk.ui_server"; }

  std::string message(int value) const override {
    switch (static_cast<UiErrc>(value)) {
      case UiErrc::bad_address:
        return "adresse d'écoute invalide / invalid listen address";
      case UiErrc::non_loopback_address:
        return "l'interface n'écoute que sur la boucle locale / the UI listens on loopback only";
      case UiErrc::already_started:
        return "serveur d'interface déjà démarré / UI server already started";
      case UiErrc::stopped:
        return "serveur d'interface arrêté / UI server stopped";
      case UiErrc::bad_page_token:
        return "jeton de page absent ou mal formé / page token missing or malformed";
    }
    return "erreur du serveur d'interface inconnue / unknown UI server error";
  }
};

}  // namespace

const boost::system::error_category& UiErrorCategory() {
  static const Category category;
  return category;
}

boost::system::error_code make_error_code(UiErrc e) {
  return {static_cast<int>(e), UiErrorCategory()};
}

}  // namespace minegate::kiosk::net
