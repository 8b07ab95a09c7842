#include "server/ingest/ingest_error.hpp"

#include <string>

#include "base/error_category.hpp"

namespace minegate::server {
const boost::system::error_category& IngestCategory() {
  static const base::ErrorCategory category = base::ErrorCategory::Of<IngestErrc>(
      "minegate.ingest",
      {{IngestErrc::invalid_event, "événement invalide / invalid event"},
       {IngestErrc::wrong_device, "événement d'un autre appareil / event from another device"},
       {IngestErrc::wrong_site,
        "événement d'un autre site que celui de l'appareil / event for another site than the "
        "device's"},
       {IngestErrc::not_consecutive,
        "séquence non consécutive dans le lot / sequence not consecutive within the batch"},
       {IngestErrc::sequence_conflict,
        "numéro de séquence déjà utilisé par un autre événement / sequence number already used by "
        "another event"},
       {IngestErrc::event_id_conflict,
        "identifiant d'événement déjà utilisé / event id already used"},
       {IngestErrc::sealed_body_invalid, "contenu scellé illisible / sealed body cannot be opened"},
       {IngestErrc::batch_too_large, "lot trop grand / batch too large"},
       {IngestErrc::storage_failed, "enregistrement impossible pour l'instant / cannot store now"},
       {IngestErrc::storage_full,
        "stockage du serveur plein : rien n'est enregistré, renvoyer plus tard / server storage "
        "full: nothing stored, send again later"},
       {IngestErrc::sealed_body_required,
        "données personnelles en clair : à envoyer scellées / personal data in clear: must be sent "
        "sealed"}});
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
    case IngestErrc::storage_full:
      // The kiosk keeps the batch and sends it again after its backoff: what it must do.
      return v1::ERROR_CODE_SERVER_BUSY;
    case IngestErrc::sealed_body_required:
      return v1::ERROR_CODE_SEALED_BODY_REQUIRED;
  }
  return v1::ERROR_CODE_INTERNAL;
}

}  // namespace minegate::server
