#pragma once
/// What an API handler answers, on plain structs: the HTTP layer converts.

#include <string>
#include <string_view>

namespace minegate::server {

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
};

/// A bilingual error body: {"error":{"fr":"...","en":"..."}}.
ApiResponse ErrorResponse(int status, std::string_view fr, std::string_view en);

}  // namespace minegate::server
