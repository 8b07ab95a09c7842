#include "kiosk/sync/sync_error.hpp"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

namespace minegate::kiosk::sync {
namespace {

class Category final : public boost::system::error_category {
 public:
  const char* name() const noexcept override { return "minegate.kiosk.sync"; }

  std::string message(int value) const override {
    switch (static_cast<Errc>(value)) {
      case Errc::bad_options:
        return "configuration de synchronisation incomplète / incomplete sync configuration";
      case Errc::store_failed:
        return "base de la borne indisponible / kiosk database unavailable";
      case Errc::bad_frame:
        return "trame du serveur illisible / unparsable server frame";
      case Errc::unexpected_frame:
        return "trame du serveur hors protocole / server frame out of order";
      case Errc::bad_request:
        return "requête refusée par le serveur / request refused by the server";
      case Errc::unauthorized:
        return "signature de la borne refusée / kiosk signature refused";
      case Errc::forbidden:
        return "accès refusé / access refused";
      case Errc::not_found:
        return "inconnu du serveur / unknown to the server";
      case Errc::conflict:
        return "conflit avec l'état du serveur / conflict with the server's state";
      case Errc::server_error:
        return "serveur indisponible / server unavailable";
      case Errc::unexpected_status:
        return "réponse inattendue du serveur / unexpected server response";
      case Errc::bad_response:
        return "réponse du serveur illisible / unparsable server response";
      case Errc::bad_enrolment_file:
        return "fichier d'inscription invalide / invalid enrolment file";
    }
    return "erreur de synchronisation inconnue / unknown sync error";
  }
};

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
  static const Category category;
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
