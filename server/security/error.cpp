#include "server/security/error.hpp"

#include "base/error_category.hpp"

namespace minegate::server::security {

const boost::system::error_category& SecurityCategory() noexcept {
  static const base::ErrorCategory category = base::ErrorCategory::Of<Errc>(
      "minegate.server.security",
      {{Errc::unknown_event, "événement de sécurité inconnu / unknown security event"},
       {Errc::event_not_open,
        "cet événement a déjà été traité (révoqué ou écarté) / this event was already handled "
        "(revoked or dismissed)"},
       {Errc::bad_speed,
        "vitesse hors limites : 1 à 1000 km/h / speed out of range: 1 to 1000 km/h"}});
  return category;
}

boost::system::error_code make_error_code(Errc e) noexcept {
  return {static_cast<int>(e), SecurityCategory()};
}

}  // namespace minegate::server::security
