#include "firmware-bridge/reader/error.hpp"

#include <nfc/nfc.h>

#include <string>

#include "base/error_category.hpp"

namespace minegate::reader {
const boost::system::error_category& ErrorCategory() {
  static const base::ErrorCategory category = base::ErrorCategory::Of<Errc>(
      "minegate.reader",
      {{Errc::no_reader, "lecteur NFC introuvable / NFC reader not found"},
       {Errc::io, "liaison avec le lecteur perdue / reader link lost"},
       {Errc::timeout, "pas de réponse à temps / no answer in time"},
       {Errc::aborted, "opération interrompue / operation aborted"},
       {Errc::tag_refused, "la puce a refusé la commande / the tag refused the command"},
       {Errc::tag_lost, "puce retirée du lecteur / tag left the field"},
       {Errc::unsupported_tag, "type de puce non pris en charge / unsupported tag type"},
       {Errc::bad_answer, "réponse inattendue de la puce / unexpected answer from the tag"},
       {Errc::too_small, "mémoire de la puce trop petite / tag memory too small"},
       {Errc::read_only, "puce verrouillée en lecture seule / tag is read-only"},
       {Errc::chip, "erreur interne du lecteur / reader chip error"},
       {Errc::reader_error, "erreur du lecteur / reader error"}});
  return category;
}

boost::system::error_code make_error_code(Errc e) { return {static_cast<int>(e), ErrorCategory()}; }

Errc FromLibnfc(int code) {
  switch (code) {
    case NFC_EIO:
      return Errc::io;
    case NFC_ETIMEOUT:
      return Errc::timeout;
    case NFC_EOPABORTED:
      return Errc::aborted;
    case NFC_ENOTSUCHDEV:
      return Errc::no_reader;
    case NFC_ETGRELEASED:
      return Errc::tag_lost;
    case NFC_ERFTRANS:
    case NFC_EMFCAUTHFAIL:
      return Errc::tag_refused;
    case NFC_ECHIP:
      return Errc::chip;
    default:
      return Errc::reader_error;
  }
}

}  // namespace minegate::reader
