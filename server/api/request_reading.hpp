#pragma once
/// Small readings of a request shared by the officials' handlers: the JSON body into its
/// message, the page size and cursor of a list, an id in the path.

#include <cstdint>
#include <optional>
#include <string>

#include "server/api/api_call.hpp"

namespace minegate::server::api {

/// A list's page: `limit` (1..max, default `fallback`) and the decoded `cursor` (empty: the
/// first page). A problem for a bad limit or a cursor we did not make.
struct PageRequest {
  std::size_t limit = 100;
  std::string after;
};
std::optional<ApiProblem> ReadPage(const net::HttpRequest& request, PageRequest& page,
                                   std::size_t max = 500, std::size_t fallback = 100);

/// The request's JSON body into `out` (ParseJsonBody with the request's Content-Type).
std::optional<ApiProblem> ReadBody(const net::HttpRequest& request, google::protobuf::Message& out);

/// A positive integer path parameter ("{id}" of /v1/sites/{id}/gates); nullopt otherwise.
std::optional<std::int64_t> PositiveId(const net::PathParams& params, const std::string& name);

}  // namespace minegate::server::api
