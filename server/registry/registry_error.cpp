#include "server/registry/registry_error.hpp"

#include <string>

#include "base/error_category.hpp"

namespace minegate::server::registry {
const boost::system::error_category& ErrorCategory() {
  static const base::ErrorCategory category = base::ErrorCategory::Of<Errc>(
      "minegate.server.registry",
      {{Errc::bad_query,
        "recherche incomplète : prénom, année de naissance et sexe sont requis / incomplete "
        "search: given name, birth year and sex are required"},
       {Errc::agent_not_allowed,
        "seul un agent de porte actif affecté au site de la borne peut chercher / only an active "
        "gate agent assigned to the kiosk's site may search"}});
  return category;
}

boost::system::error_code make_error_code(Errc e) { return {static_cast<int>(e), ErrorCategory()}; }

}  // namespace minegate::server::registry
