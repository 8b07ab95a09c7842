#include "firmware-bridge/reader/error.hpp"

#include <nfc/nfc.h>

#include <string>

namespace minegate::reader {
namespace {

class Category final : public boost::system::error_category {
 public:
  const char* name() const noexcept override { return "minegate.reader"; }

  std::string message(int value) const override {
    switch (static_cast<Errc>(value)) {
      case Errc::no_reader:
        return "lecteur NFC introuvable / NFC reader not found";
      case Errc::io:
        return "liaison avec le lecteur perdue / reader link lost";
      case Errc::timeout:
        return "pas de réponse à temps / no answer in time";
      case Errc::aborted:
        return "opération interrompue / operation aborted";
      case Errc::tag_refused:
        return "la puce a refusé la commande / the tag refused the command";
      case Errc::tag_lost:
        return "puce retirée du lecteur / tag left the field";
      case Errc::unsupported_tag:
        return "type de puce non pris en charge / unsupported tag type";
      case Errc::bad_answer:
        return "réponse inattendue de la puce / unexpected answer from the tag";
      case Errc::too_small:
        return "mémoire de la puce trop petite / tag memory too small";
      case Errc::read_only:
        return "puce verrouillée en lecture seule / tag is read-only";
      case Errc::chip:
        return "erreur interne du lecteur / reader chip error";
      case Errc::reader_error:
        return "erreur du lecteur / reader error";
    }
    return "erreur de lecteur inconnue / unknown reader error";
  }
};

}  // namespace

const boost::system::error_category& ErrorCategory() {
  static const Category category;
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
