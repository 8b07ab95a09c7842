#pragma once
/// Request and response bodies of the officials' API: the protobuf JSON form of the messages in
/// proto/minegate/v1/api.proto, through protobuf's own JSON utilities (never hand-built JSON).

#include <google/protobuf/message.h>

#include <optional>
#include <string>
#include <string_view>

#include "server/api/problem.hpp"

namespace minegate::server::api {

inline constexpr std::string_view kJsonContentType = "application/json";

/// Fills `out` from a request body. Refused: a Content-Type other than application/json
/// (415), and a body that is not a JSON object of this message — a syntax error, a wrong
/// type, an unknown field — (400 bad_json, with protobuf's explanation as detail).
std::optional<ApiProblem> ParseJsonBody(std::string_view content_type, std::string_view body,
                                        google::protobuf::Message& out);

/// The message as JSON, every field printed (zeros and empty lists too, so pages need no
/// defaults), lowerCamelCase names.
std::string ToJson(const google::protobuf::Message& message);

/// Opaque list cursors: the position a page ended at, as clients pass it back in ?cursor=.
/// They are not secret (a client that forges one only pages differently) but are not meant
/// to be read: base64url of a versioned key.
std::string EncodeCursor(std::string_view position);
/// The position, or nullopt for a cursor we did not make.
std::optional<std::string> DecodeCursor(std::string_view cursor);

}  // namespace minegate::server::api
