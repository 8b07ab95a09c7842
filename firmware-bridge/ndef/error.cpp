#include "firmware-bridge/ndef/error.hpp"

#include <string>

#include "base/error_category.hpp"

namespace minegate::ndef {
const boost::system::error_category& NdefCategory() noexcept {
  static const base::ErrorCategory category = base::ErrorCategory::Of<Errc>(
      "minegate.ndef",
      {{Errc::empty_message, "message NDEF vide / empty NDEF message"},
       {Errc::too_large, "message NDEF trop grand / NDEF message too large"},
       {Errc::too_many_records, "trop d'enregistrements NDEF / too many NDEF records"},
       {Errc::truncated, "données tronquées / truncated data"},
       {Errc::length_beyond_buffer,
        "longueur d'enregistrement au-delà des données / record length beyond the data"},
       {Errc::missing_message_begin, "premier enregistrement sans MB / first record lacks MB"},
       {Errc::unexpected_message_begin,
        "MB sur un enregistrement suivant / MB set on a later record"},
       {Errc::missing_message_end, "aucun enregistrement avec ME / no record carries ME"},
       {Errc::trailing_bytes, "octets après l'enregistrement ME / bytes after the ME record"},
       {Errc::chunked_record_unsupported,
        "enregistrement fragmenté (CF) non pris en charge / chunked record (CF) unsupported"},
       {Errc::bad_tnf, "TNF invalide / invalid TNF"},
       {Errc::bad_empty_record, "enregistrement vide non vide / empty-TNF record with content"},
       {Errc::type_not_allowed, "type interdit pour ce TNF / type not allowed for this TNF"},
       {Errc::type_too_long, "type trop long (> 255 octets) / type too long (> 255 bytes)"},
       {Errc::id_too_long, "identifiant trop long (> 255 octets) / id too long (> 255 bytes)"},
       {Errc::record_not_found, "enregistrement introuvable / record not found"},
       {Errc::no_ndef_tlv, "aucun TLV NDEF (étiquette vierge ?) / no NDEF TLV (blank tag?)"},
       {Errc::bad_tlv_length, "longueur de TLV invalide / invalid TLV length"},
       {Errc::nlen_beyond_file, "NLEN au-delà du fichier / NLEN beyond the file"},
       {Errc::bad_capability_container,
        "conteneur de capacités invalide / invalid capability container"},
       {Errc::unsupported_mapping_version,
        "version de mapping non prise en charge / unsupported mapping version"}});
  return category;
}

boost::system::error_code make_error_code(Errc e) noexcept {
  return {static_cast<int>(e), NdefCategory()};
}

}  // namespace minegate::ndef
