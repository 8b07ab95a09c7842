#include "server/web/content_negotiation.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

namespace minegate::server::web {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

std::string_view Trim(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  return text;
}

bool EqualsNoCase(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

/// qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ): whether it is above zero, or
/// nullopt when malformed.
std::optional<bool> PositiveWeight(std::string_view q) {
  if (q.empty() || (q[0] != '0' && q[0] != '1')) return std::nullopt;
  const std::string_view fraction = q.substr(1);
  if (!fraction.empty()) {
    if (fraction[0] != '.' || fraction.size() > 4) return std::nullopt;
    for (const char c : fraction.substr(1)) {
      if (c < '0' || c > '9' || (q[0] == '1' && c != '0')) return std::nullopt;
    }
  }
  if (q[0] == '1') return true;
  return fraction.size() > 1 && fraction.substr(1).find_first_not_of('0') != std::string_view::npos;
}

/// One member "coding;q=0.5;…": its coding, and whether its weight is positive (nullopt if
/// malformed). Parameters other than q are ignored.
struct Member {
  std::string_view coding;
  std::optional<bool> positive;
};

Member ParseMember(std::string_view text) {
  const auto semicolon = text.find(';');
  Member member{Trim(text.substr(0, semicolon)), true};
  std::string_view params =
      semicolon == std::string_view::npos ? std::string_view() : text.substr(semicolon + 1);
  while (!params.empty()) {
    const auto next = params.find(';');
    const std::string_view param = Trim(params.substr(0, next));
    params = next == std::string_view::npos ? std::string_view() : params.substr(next + 1);
    const auto eq = param.find('=');
    if (eq == std::string_view::npos) continue;
    if (EqualsNoCase(Trim(param.substr(0, eq)), "q")) {
      member.positive = PositiveWeight(Trim(param.substr(eq + 1)));
    }
  }
  return member;
}

}  // namespace

bool AcceptsGzip(std::string_view accept_encoding) {
  std::optional<bool> gzip;
  std::optional<bool> any;
  std::string_view rest = accept_encoding;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const Member member = ParseMember(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    if (!member.positive) continue;
    if (EqualsNoCase(member.coding, "gzip") || EqualsNoCase(member.coding, "x-gzip")) {
      // Named twice ("gzip, gzip;q=0"): a refusal anywhere wins, the cautious reading.
      gzip = gzip.value_or(true) && *member.positive;
    } else if (member.coding == "*") {
      any = any.value_or(true) && *member.positive;
    }
  }
  if (gzip) return *gzip;
  return any.value_or(false);
}

bool IfNoneMatchHits(std::string_view if_none_match, std::string_view etag) {
  std::string_view rest = Trim(if_none_match);
  if (rest == "*") return true;
  const std::string_view wanted = etag;
  while (!rest.empty()) {
    while (!rest.empty() && (IsSpace(rest.front()) || rest.front() == ',')) rest.remove_prefix(1);
    if (rest.empty()) break;
    if (rest.starts_with("W/")) rest.remove_prefix(2);
    if (rest.empty() || rest.front() != '"') return false;
    const auto close = rest.find('"', 1);
    if (close == std::string_view::npos) return false;
    if (rest.substr(0, close + 1) == wanted) return true;
    rest.remove_prefix(close + 1);
  }
  return false;
}

}  // namespace minegate::server::web
