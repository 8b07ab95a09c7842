#include "server/ingest/ingest_error.hpp"

#include <string>

namespace minegate::server {
namespace {

class Category final : public boost::system::error_category {
 public:
  const char* name() const noexcept override { return "minegate.ingest"; }

  std::string message(int value) const override {
    switch (static_cast<IngestErrc>(value)) {
      case IngestErrc::invalid_event:
        return "événement invalide / invalid event";
      case IngestErrc::wrong_device:
        return "événement d'un autre appareil / event from another device";
      case IngestErrc::wrong_site:
        return "événement d'un autre site que celui de l'appareil / "
               "event for another site than the device's";
      case IngestErrc::not_consecutive:
        return "séquence non consécutive dans le lot / sequence not consecutive within the batch";
      case IngestErrc::sequence_conflict:
        return "numéro de séquence déjà utilisé par un autre événement / "
               "sequence number already used by another event";
      case IngestErrc::event_id_conflict:
        return "identifiant d'événement déjà utilisé / event id already used";
      case IngestErrc::sealed_body_invalid:
        return "contenu scellé illisible / sealed body cannot be opened";
      case IngestErrc::batch_too_large:
        return "lot trop grand / batch too large";
      case IngestErrc::storage_failed:
        return "enregistrement impossible pour l'instant / cannot store now";
      case IngestErrc::sealed_body_required:
        return "données personnelles en clair : à envoyer scellées / "
               "personal data in clear: must be sent sealed";
    }
    return "erreur d'ingestion inconnue / unknown ingest error";
  }
};

}  // namespace

const boost::system::error_category& IngestCategory() {
  static const Category category;
  return category;
}

boost::system::error_code make_error_code(IngestErrc e) {
  return {static_cast<int>(e), IngestCategory()};
}

v1::ErrorCode ToSyncErrorCode(const boost::system::error_code& ec) {
  if (ec.category() != IngestCategory()) return v1::ERROR_CODE_INTERNAL;
  switch (static_cast<IngestErrc>(ec.value())) {
    case IngestErrc::invalid_event:
    case IngestErrc::wrong_device:
    case IngestErrc::wrong_site:
    case IngestErrc::batch_too_large:
      return v1::ERROR_CODE_INVALID_EVENT;
    case IngestErrc::not_consecutive:
      return v1::ERROR_CODE_SEQUENCE_NOT_CONSECUTIVE;
    case IngestErrc::sequence_conflict:
    case IngestErrc::event_id_conflict:
      return v1::ERROR_CODE_SEQUENCE_CONFLICT;
    case IngestErrc::sealed_body_invalid:
      return v1::ERROR_CODE_SEALED_BODY_INVALID;
    case IngestErrc::storage_failed:
      return v1::ERROR_CODE_SERVER_BUSY;
    case IngestErrc::sealed_body_required:
      return v1::ERROR_CODE_SEALED_BODY_REQUIRED;
  }
  return v1::ERROR_CODE_INTERNAL;
}

}  // namespace minegate::server
