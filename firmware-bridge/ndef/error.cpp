#include "firmware-bridge/ndef/error.hpp"

#include <string>

namespace minegate::ndef {
namespace {

class NdefErrorCategory final : public boost::system::error_category {
 public:
  const char* name() const noexcept override { return "minegate.ndef"; }

  std::string message(int ev) const override {
    switch (static_cast<Errc>(ev)) {
      case Errc::empty_message:
        return "message NDEF vide / empty NDEF message";
      case Errc::too_large:
        return "message NDEF trop grand / NDEF message too large";
      case Errc::too_many_records:
        return "trop d'enregistrements NDEF / too many NDEF records";
      case Errc::truncated:
        return "données tronquées / truncated data";
      case Errc::length_beyond_buffer:
        return "longueur d'enregistrement au-delà des données / record length beyond the data";
      case Errc::missing_message_begin:
        return "premier enregistrement sans MB / first record lacks MB";
      case Errc::unexpected_message_begin:
        return "MB sur un enregistrement suivant / MB set on a later record";
      case Errc::missing_message_end:
        return "aucun enregistrement avec ME / no record carries ME";
      case Errc::trailing_bytes:
        return "octets après l'enregistrement ME / bytes after the ME record";
      case Errc::chunked_record_unsupported:
        return "enregistrement fragmenté (CF) non pris en charge / chunked record (CF) unsupported";
      case Errc::bad_tnf:
        return "TNF invalide / invalid TNF";
      case Errc::bad_empty_record:
        return "enregistrement vide non vide / empty-TNF record with content";
      case Errc::type_not_allowed:
        return "type interdit pour ce TNF / type not allowed for this TNF";
      case Errc::type_too_long:
        return "type trop long (> 255 octets) / type too long (> 255 bytes)";
      case Errc::id_too_long:
        return "identifiant trop long (> 255 octets) / id too long (> 255 bytes)";
      case Errc::record_not_found:
        return "enregistrement introuvable / record not found";
      case Errc::no_ndef_tlv:
        return "aucun TLV NDEF (étiquette vierge ?) / no NDEF TLV (blank tag?)";
      case Errc::bad_tlv_length:
        return "longueur de TLV invalide / invalid TLV length";
      case Errc::nlen_beyond_file:
        return "NLEN au-delà du fichier / NLEN beyond the file";
      case Errc::bad_capability_container:
        return "conteneur de capacités invalide / invalid capability container";
      case Errc::unsupported_mapping_version:
        return "version de mapping non prise en charge / unsupported mapping version";
    }
    return "erreur NDEF inconnue / unknown NDEF error";
  }
};

}  // namespace

const boost::system::error_category& NdefCategory() noexcept {
  static const NdefErrorCategory category;
  return category;
}

boost::system::error_code make_error_code(Errc e) noexcept {
  return {static_cast<int>(e), NdefCategory()};
}

}  // namespace minegate::ndef
