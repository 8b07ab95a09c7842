#include "server/api/api_response.hpp"

#include <google/protobuf/util/json_util.h>

#include "minegate/v1/events.pb.h"

namespace minegate::server {

ApiResponse ErrorResponse(int status, std::string_view fr, std::string_view en) {
  v1::LocalizedText text;
  text.set_fr(std::string(fr));
  text.set_en(std::string(en));
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(text, &json);
  return {status, "application/json", "{\"error\":" + json + "}"};
}

}  // namespace minegate::server
