#include "server/api/enrolment.hpp"

#include <google/protobuf/util/json_util.h>

#include "minegate/v1/sync.pb.h"

namespace minegate::server {
namespace {

/// The HTTP status for an enrolment the registry refused.
int StatusFor(const boost::system::error_code& ec) {
  using admin::Errc;
  if (ec == admin::make_error_code(Errc::bad_enrolment_code) ||
      ec == admin::make_error_code(Errc::bad_key_length) ||
      ec == admin::make_error_code(Errc::bad_public_key)) {
    return 400;
  }
  if (ec == admin::make_error_code(Errc::unknown_enrolment_code) ||
      ec == admin::make_error_code(Errc::enrolment_expired)) {
    return 403;
  }
  if (ec == admin::make_error_code(Errc::key_already_enrolled)) return 409;
  return 503;
}

}  // namespace

ApiResponse HandleEnrolment(std::string_view body, const CompleteEnrolment& complete,
                            std::string_view sealing_public_key, std::string_view sealing_key_id,
                            std::int64_t now_ms) {
  v1::EnrolmentRequest request;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  if (!google::protobuf::util::JsonStringToMessage(std::string(body), &request, options).ok()) {
    return ErrorResponse(400, "corps JSON invalide (EnrolmentRequest attendu)",
                         "invalid JSON body (EnrolmentRequest expected)");
  }
  const auto* key = reinterpret_cast<const std::uint8_t*>(request.public_key().data());
  auto enrolled = complete(request.code(), std::span(key, request.public_key().size()));
  if (!enrolled) {
    const std::string text = enrolled.error().message();
    const auto split = text.find(" / ");
    return ErrorResponse(StatusFor(enrolled.error()), text.substr(0, split),
                         split == std::string::npos ? text : text.substr(split + 3));
  }
  v1::EnrolmentResponse response;
  response.set_device_id(enrolled.value().device_id);
  response.set_site_id(static_cast<std::uint32_t>(enrolled.value().site_id));
  response.set_gate_id(static_cast<std::uint32_t>(enrolled.value().gate_id.value_or(0)));
  response.set_sealing_public_key(std::string(sealing_public_key));
  response.set_sealing_key_id(std::string(sealing_key_id));
  response.set_server_time_ms(now_ms);
  ApiResponse out;
  (void)google::protobuf::util::MessageToJsonString(response, &out.body);
  return out;
}

}  // namespace minegate::server
