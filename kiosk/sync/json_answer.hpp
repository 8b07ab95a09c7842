#pragma once
/// How every HTTPS call to the server ends: a 200 whose body is the JSON form of the expected
/// message, a refusal with the server's bilingual words, or no usable response at all.

#include <google/protobuf/util/json_util.h>

#include "kiosk/server_link/https_request.hpp"
#include "kiosk/sync/sync_error.hpp"

namespace minegate::kiosk::sync {

template <class Message>
Answer<Message> JsonAnswer(const net::Result<net::HttpsResponse>& response) {
  if (!response) return ErrorFromCode(response.error());
  if (response.value().status != 200) {
    return ErrorFromResponse(response.value().status, response.value().body);
  }
  Message message;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;  // a newer server may say more
  if (!google::protobuf::util::JsonStringToMessage(response.value().body, &message, options).ok()) {
    return BadResponse();
  }
  return message;
}

}  // namespace minegate::kiosk::sync
