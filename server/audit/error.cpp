#include "server/audit/error.hpp"

#include "base/error_category.hpp"

namespace minegate::server::audit {

const boost::system::error_category& ErrorCategory() noexcept {
  static const base::ErrorCategory category = base::ErrorCategory::Of<Errc>(
      "minegate.server.audit",
      {{Errc::bad_entry,
        "entrée d'audit invalide (champ trop long, élément de liste vide ou sur plusieurs lignes, "
        "jeton de personne non hexadécimal) / invalid audit entry (field too long, list item "
        "empty or spanning lines, person token not hex)"},
       {Errc::not_in_transaction,
        "une entrée d'audit s'écrit dans la transaction de la modification / an audit entry is "
        "written inside the change's transaction"},
       {Errc::bad_filter, "filtre du journal d'audit invalide / invalid audit log filter"},
       {Errc::bad_cursor, "curseur de page invalide / invalid page cursor"},
       {Errc::bad_head,
        "tête attendue invalide, format NOMBRE:EMPREINTE (64 hex) / invalid expected head, "
        "format COUNT:HASH (64 hex)"},
       {Errc::unsupported_format,
        "entrée d'audit d'un format inconnu de cette version / audit entry in a format this "
        "version does not know"},
       {Errc::queue_full, "journal d'audit saturé, réessayer / audit log overloaded, retry"},
       {Errc::stopped, "journal d'audit arrêté / audit log stopped"}});
  return category;
}

boost::system::error_code make_error_code(Errc e) noexcept {
  return {static_cast<int>(e), ErrorCategory()};
}

}  // namespace minegate::server::audit
