#include "server/net/route_pattern.hpp"

#include <algorithm>

namespace minegate::server::net {
namespace {

/// The segments between slashes of a path that starts with '/': "/a/b" gives {"a", "b"},
/// "/" gives {""}.
std::vector<std::string_view> SplitSegments(std::string_view path) {
  std::vector<std::string_view> segments;
  std::string_view rest = path.substr(1);
  while (true) {
    const auto slash = rest.find('/');
    segments.push_back(rest.substr(0, slash));
    if (slash == std::string_view::npos) break;
    rest = rest.substr(slash + 1);
  }
  return segments;
}

}  // namespace

std::optional<RoutePattern> RoutePattern::Parse(std::string_view pattern) {
  if (pattern.empty() || pattern.front() != '/') return std::nullopt;
  RoutePattern parsed;
  parsed.text_ = std::string(pattern);
  if (pattern == "/") return parsed;
  for (const std::string_view segment : SplitSegments(pattern)) {
    if (segment.empty()) return std::nullopt;
    const bool opens = segment.front() == '{';
    const bool closes = segment.back() == '}';
    if (opens || closes) {
      if (!opens || !closes || segment.size() < 3) return std::nullopt;
      std::string name(segment.substr(1, segment.size() - 2));
      bool rest = false;
      if (name.ends_with("...")) {
        name.resize(name.size() - 3);
        rest = true;
      }
      if (name.empty() || name.find_first_of("{}.") != std::string::npos) return std::nullopt;
      if (parsed.rest_) return std::nullopt;  // `{name...}` is the last segment
      const bool duplicate =
          std::any_of(parsed.segments_.begin(), parsed.segments_.end(),
                      [&name](const Segment& other) { return other.param && other.text == name; });
      if (duplicate) return std::nullopt;
      parsed.segments_.push_back(Segment{name, true});
      parsed.rest_ = rest;
    } else {
      if (parsed.rest_) return std::nullopt;
      if (segment.find_first_of("{}") != std::string_view::npos) return std::nullopt;
      parsed.segments_.push_back(Segment{std::string(segment), false});
    }
  }
  return parsed;
}

std::optional<PathParams> RoutePattern::Match(std::string_view path) const {
  if (path.empty() || path.front() != '/') return std::nullopt;
  if (segments_.empty())
    return path == "/" ? std::optional<PathParams>(PathParams{}) : std::nullopt;
  const auto parts = SplitSegments(path);
  if (rest_ ? parts.size() < segments_.size() : parts.size() != segments_.size()) {
    return std::nullopt;
  }
  PathParams params;
  for (std::size_t i = 0; i < segments_.size(); ++i) {
    if (rest_ && i + 1 == segments_.size()) {
      // The rest of the path, each segment decoded and non-empty, joined by '/'. A decoded
      // '/' would make two paths of one: refused.
      std::string joined;
      for (std::size_t j = i; j < parts.size(); ++j) {
        auto value = parts[j].empty() ? std::nullopt : PercentDecode(parts[j]);
        if (!value || value->find('/') != std::string::npos) return std::nullopt;
        if (j > i) joined += '/';
        joined += *value;
      }
      params.emplace(segments_[i].text, std::move(joined));
      break;
    }
    if (!segments_[i].param) {
      if (parts[i] != segments_[i].text) return std::nullopt;
      continue;
    }
    if (parts[i].empty()) return std::nullopt;
    auto value = PercentDecode(parts[i]);
    if (!value) return std::nullopt;
    params.emplace(segments_[i].text, std::move(*value));
  }
  return params;
}

}  // namespace minegate::server::net
