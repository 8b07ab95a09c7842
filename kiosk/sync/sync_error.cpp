#include "kiosk/sync/sync_error.hpp"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include "base/error_category.hpp"

namespace minegate::kiosk::sync {
namespace {

Errc FromStatus(int status) {
  switch (status) {
    case 400:
      return Errc::bad_request;
    case 401:
      return Errc::unauthorized;
    case 403:
      return Errc::forbidden;
    case 404:
      return Errc::not_found;
    case 409:
      return Errc::conflict;
    default:
      return status >= 500 && status <= 599 ? Errc::server_error : Errc::unexpected_status;
  }
}

}  // namespace

const boost::system::error_category& ErrorCategory() {
  static const base::ErrorCategory category = base::ErrorCategory::Of<Errc>(
      "minegate.kiosk.sync",
      {{Errc::bad_options,
        "configuration de synchronisation incomplète / incomplete sync configuration"},
       {Errc::store_failed, "base de la borne indisponible / kiosk database unavailable"},
       {Errc::bad_frame, "trame du serveur illisible / unparsable server frame"},
       {Errc::unexpected_frame, "trame du serveur hors protocole / server frame out of order"},
       {Errc::bad_request, "requête refusée par le serveur / request refused by the server"},
       {Errc::unauthorized, "signature de la borne refusée / kiosk signature refused"},
       {Errc::forbidden, "accès refusé / access refused"},
       {Errc::not_found, "inconnu du serveur / unknown to the server"},
       {Errc::conflict, "conflit avec l'état du serveur / conflict with the server's state"},
       {Errc::server_error, "serveur indisponible / server unavailable"},
       {Errc::unexpected_status, "réponse inattendue du serveur / unexpected server response"},
       {Errc::bad_response, "réponse du serveur illisible / unparsable server response"},
       {Errc::bad_enrolment_file, "fichier d'inscription invalide / invalid enrolment file"}});
  return category;
}

boost::system::error_code make_error_code(Errc e) { return {static_cast<int>(e), ErrorCategory()}; }

ServerError ErrorFromResponse(int http_status, std::string_view body) {
  ServerError error;
  error.code = make_error_code(FromStatus(http_status));
  error.http_status = http_status;
  error.message = error.code.message();
  // The server's own words, when the body is its {"error":{"fr":..,"en":..}}.
  google::protobuf::Struct parsed;
  if (!google::protobuf::util::JsonStringToMessage(std::string(body), &parsed).ok()) return error;
  const auto found = parsed.fields().find("error");
  if (found == parsed.fields().end() ||
      found->second.kind_case() != google::protobuf::Value::kStructValue) {
    return error;
  }
  const auto& text = found->second.struct_value().fields();
  const auto fr = text.find("fr");
  const auto en = text.find("en");
  if (fr != text.end() && en != text.end() &&
      fr->second.kind_case() == google::protobuf::Value::kStringValue &&
      en->second.kind_case() == google::protobuf::Value::kStringValue) {
    error.message = fr->second.string_value() + " / " + en->second.string_value();
  }
  return error;
}

ServerError ErrorFromCode(boost::system::error_code code) {
  return ServerError{code, 0, code.message()};
}

ServerError BadResponse() {
  ServerError error = ErrorFromCode(make_error_code(Errc::bad_response));
  error.http_status = 200;
  return error;
}

}  // namespace minegate::kiosk::sync
