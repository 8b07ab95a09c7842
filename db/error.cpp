#include "db/error.hpp"

#include <string>

namespace minegate::db {
namespace {

/// Final and stateless: one static instance serves the whole process.
class DbErrorCategory final : public boost::system::error_category {
 public:
  const char* name() const noexcept override { return "minegate.db"; }

  std::string message(int value) const override {
    switch (static_cast<Errc>(value)) {
      case Errc::open_failed:
        return "ouverture de la base impossible / cannot open database";
      case Errc::busy:
        return "base occupée, réessayer / database busy, retry";
      case Errc::constraint:
        return "contrainte violée / constraint violated";
      case Errc::no_row:
        return "aucune ligne trouvée / no row found";
      case Errc::type_mismatch:
        return "type de donnée incorrect / data type mismatch";
      case Errc::bad_parameter:
        return "paramètre invalide / bad parameter";
      case Errc::too_big:
        return "valeur trop grande / value too big";
      case Errc::sql_error:
        return "erreur SQL / SQL error";
      case Errc::read_only:
        return "base en lecture seule / database is read-only";
      case Errc::permission:
        return "accès refusé / permission denied";
      case Errc::io:
        return "erreur d'entrée-sortie disque / disk I/O error";
      case Errc::disk_full:
        return "disque plein / disk full";
      case Errc::corrupt:
        return "base corrompue / database corrupt";
      case Errc::not_a_database:
        return "le fichier n'est pas une base de données / file is not a database";
      case Errc::no_memory:
        return "mémoire insuffisante / out of memory";
      case Errc::misuse:
        return "mauvaise utilisation de l'API / API misuse";
      case Errc::interrupted:
        return "opération interrompue / operation interrupted";
      case Errc::internal:
        return "erreur interne de SQLite / internal SQLite error";
      case Errc::migration_invalid:
        return "liste de migrations invalide / invalid migration list";
      case Errc::migration_failed:
        return "échec de la migration, version précédente conservée / migration failed, previous "
               "version kept";
      case Errc::migration_version_ahead:
        return "base écrite par une version plus récente du logiciel / database written by a newer "
               "version of the software";
    }
    return "erreur inconnue / unknown error";
  }
};

}  // namespace

const boost::system::error_category& DbCategory() noexcept {
  static const DbErrorCategory category;
  return category;
}

boost::system::error_code make_error_code(Errc e) noexcept {
  return {static_cast<int>(e), DbCategory()};
}

}  // namespace minegate::db
