#include "server/api/request_reading.hpp"

#include <charconv>

#include "server/api/json_body.hpp"

namespace minegate::server::api {

std::optional<ApiProblem> ReadPage(const net::HttpRequest& request, PageRequest& page,
                                   std::size_t max, std::size_t fallback) {
  page.limit = fallback;
  page.after.clear();
  if (const auto limit = request.QueryParam("limit")) {
    std::size_t value = 0;
    const auto [end, ec] = std::from_chars(limit->data(), limit->data() + limit->size(), value);
    if (ec != std::errc() || end != limit->data() + limit->size() || value == 0 || value > max) {
      return Problem(400, "bad_limit", "limit : entier de 1 à " + std::to_string(max) + " attendu",
                     "limit: integer 1 to " + std::to_string(max) + " expected", "limit");
    }
    page.limit = value;
  }
  if (const auto cursor = request.QueryParam("cursor"); cursor && !cursor->empty()) {
    auto decoded = DecodeCursor(*cursor);
    if (!decoded) {
      return Problem(400, "bad_cursor", "curseur invalide (reprenez la liste au début)",
                     "invalid cursor (start the list again)", "cursor");
    }
    page.after = std::move(*decoded);
  }
  return std::nullopt;
}

std::optional<ApiProblem> ReadBody(const net::HttpRequest& request,
                                   google::protobuf::Message& out) {
  const std::string* content_type = request.Header("content-type");
  return ParseJsonBody(content_type != nullptr ? *content_type : std::string_view(), request.body,
                       out);
}

std::optional<std::int64_t> PositiveId(const net::PathParams& params, const std::string& name) {
  const auto found = params.find(name);
  if (found == params.end()) return std::nullopt;
  const std::string& text = found->second;
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

}  // namespace minegate::server::api
