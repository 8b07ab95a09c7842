#include "server/police/police_error.hpp"

#include "base/error_category.hpp"

namespace minegate::server::police {

const boost::system::error_category& ErrorCategory() {
  static const base::ErrorCategory category = base::ErrorCategory::Of<Errc>(
      "minegate.server.police",
      {{Errc::bad_search,
        "indiquez un seul critère : uid, name, document, nationality ou site / give exactly one "
        "criterion: uid, name, document, nationality or site"},
       {Errc::bad_tag_uid,
        "UID de bracelet invalide (4, 7 ou 10 octets en hexadécimal) / invalid bracelet UID (4, "
        "7 or 10 bytes in hex)"},
       {Errc::name_too_short,
        "le nom doit avoir au moins un mot de deux lettres / the name needs at least one word of "
        "two letters"},
       {Errc::bad_document,
        "numéro de pièce invalide (lettres et chiffres, 32 au plus) / invalid document number "
        "(letters and digits, at most 32)"},
       {Errc::bad_nationality,
        "nationalité invalide (trois lettres ISO 3166, ex. MLI) / invalid nationality (three "
        "ISO 3166 letters, e.g. MLI)"},
       {Errc::bad_date_range,
        "période invalide : from et to au format AAAA-MM-JJ, to après from / invalid range: from "
        "and to as YYYY-MM-DD, to not before from"},
       {Errc::unknown_site, "site inconnu / unknown site"},
       {Errc::bad_person_id,
        "identifiant de personne invalide (32 chiffres hexadécimaux) / invalid person id (32 "
        "hex digits)"},
       {Errc::unknown_person, "personne inconnue / unknown person"},
       {Errc::bad_cursor,
        "curseur invalide (reprenez la liste au début) / invalid cursor (start the list again)"}});
  return category;
}

boost::system::error_code make_error_code(Errc e) { return {static_cast<int>(e), ErrorCategory()}; }

}  // namespace minegate::server::police
