#include "db/error.hpp"

#include "base/error_category.hpp"

namespace minegate::db {

const boost::system::error_category& DbCategory() noexcept {
  static const base::ErrorCategory category = base::ErrorCategory::Of<Errc>(
      "minegate.db",
      {{Errc::open_failed, "ouverture de la base impossible / cannot open database"},
       {Errc::busy, "base occupée, réessayer / database busy, retry"},
       {Errc::constraint, "contrainte violée / constraint violated"},
       {Errc::no_row, "aucune ligne trouvée / no row found"},
       {Errc::type_mismatch, "type de donnée incorrect / data type mismatch"},
       {Errc::bad_parameter, "paramètre invalide / bad parameter"},
       {Errc::too_big, "valeur trop grande / value too big"},
       {Errc::sql_error, "erreur SQL / SQL error"},
       {Errc::read_only, "base en lecture seule / database is read-only"},
       {Errc::permission, "accès refusé / permission denied"},
       {Errc::io, "erreur d'entrée-sortie disque / disk I/O error"},
       {Errc::disk_full, "disque plein / disk full"},
       {Errc::corrupt, "base corrompue / database corrupt"},
       {Errc::not_a_database, "le fichier n'est pas une base de données / file is not a database"},
       {Errc::no_memory, "mémoire insuffisante / out of memory"},
       {Errc::misuse, "mauvaise utilisation de l'API / API misuse"},
       {Errc::interrupted, "opération interrompue / operation interrupted"},
       {Errc::internal, "erreur interne de SQLite / internal SQLite error"},
       {Errc::migration_invalid, "liste de migrations invalide / invalid migration list"},
       {Errc::migration_failed,
        "échec de la migration, version précédente conservée / migration failed, previous version "
        "kept"},
       {Errc::migration_version_ahead,
        "base écrite par une version plus récente du logiciel / database written by a newer "
        "version of the software"}});
  return category;
}

boost::system::error_code make_error_code(Errc e) noexcept {
  return {static_cast<int>(e), DbCategory()};
}

}  // namespace minegate::db
