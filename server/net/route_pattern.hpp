#pragma once
/// A route's path pattern such as `/v1/devices/{id}/reconcile`: literal segments match
/// exactly, `{name}` segments match any one non-empty segment and capture it, and a last
/// `{name...}` matches one or more non-empty segments and captures them joined by '/'
/// (`/static/{path...}` serves a folder).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/net/http_types.hpp"

namespace minegate::server::net {

class RoutePattern {
 public:
  /// nullopt unless `pattern` starts with '/', has no empty segment (but may be just "/"),
  /// and each `{name}` is a whole segment with a non-empty, unique name.
  static std::optional<RoutePattern> Parse(std::string_view pattern);

  /// Captured parameters (percent-decoded) if `path` (still percent-encoded) matches.
  std::optional<PathParams> Match(std::string_view path) const;

  const std::string& text() const { return text_; }

 private:
  struct Segment {
    std::string text;    ///< the literal, or the parameter's name
    bool param = false;  ///< true for `{name}`
  };

  std::string text_;
  std::vector<Segment> segments_;
  bool rest_ = false;  ///< the last segment is `{name...}`
};

}  // namespace minegate::server::net
