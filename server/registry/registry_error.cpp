#include "server/registry/registry_error.hpp"

#include <string>

namespace minegate::server::registry {
namespace {

class Category final : public boost::system::error_category {
 public:
  const char* name() const noexcept override { return "minegate.server.registry"; }
  std::string message(int value) const override {
    switch (static_cast<Errc>(value)) {
      case Errc::bad_query:
        return "recherche incomplète : prénom, année de naissance et sexe sont requis / "
               "incomplete search: given name, birth year and sex are required";
      case Errc::agent_not_allowed:
        return "seul un agent de porte actif affecté au site de la borne peut chercher / "
               "only an active gate agent assigned to the kiosk's site may search";
    }
    return "erreur de registre inconnue / unknown registry error";
  }
};

}  // namespace

const boost::system::error_category& ErrorCategory() {
  static const Category category;
  return category;
}

boost::system::error_code make_error_code(Errc e) { return {static_cast<int>(e), ErrorCategory()}; }

}  // namespace minegate::server::registry
