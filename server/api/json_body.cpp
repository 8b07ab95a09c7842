#include "server/api/json_body.hpp"

#include <google/protobuf/util/json_util.h>
#include <sodium.h>

#include <vector>

namespace minegate::server::api {
namespace {

constexpr std::string_view kCursorVersion = "c1:";

/// "application/json", ignoring parameters (charset) and ASCII case.
bool IsJson(std::string_view content_type) {
  const auto semicolon = content_type.find(';');
  std::string_view type = content_type.substr(0, semicolon);
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  if (type.size() != kJsonContentType.size()) return false;
  for (std::size_t i = 0; i < type.size(); ++i) {
    const char c = type[i];
    const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if (lower != kJsonContentType[i]) return false;
  }
  return true;
}

/// `text` with every byte that is not part of a well-formed UTF-8 sequence replaced by '?'.
/// Protobuf's parse errors quote the body around the error, invalid bytes included, and a
/// string field of the Problem must be UTF-8: its printer would otherwise drop bytes and log.
std::string DetailAsUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    unsigned char low = 0x80;  // allowed range of the second byte (no overlong, no surrogate)
    unsigned char high = 0xBF;
    if (lead < 0x80) {
      length = 1;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) low = 0xA0;
      if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) low = 0x90;
      if (lead == 0xF4) high = 0x8F;
    }
    bool valid = length != 0 && i + length <= text.size();
    for (std::size_t k = 1; valid && k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      valid = k == 1 ? (next >= low && next <= high) : (next >= 0x80 && next <= 0xBF);
    }
    if (!valid) {
      out += '?';
      ++i;
      continue;
    }
    out.append(text.substr(i, length));
    i += length;
  }
  return out;
}

}  // namespace

std::optional<ApiProblem> ParseJsonBody(std::string_view content_type, std::string_view body,
                                        google::protobuf::Message& out) {
  if (!IsJson(content_type)) {
    return Problem(415, "unsupported_media_type", "le corps doit être en application/json",
                   "the body must be application/json");
  }
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;  // a misspelt field is an error, not silence
  options.case_insensitive_enum_parsing = false;
  out.Clear();
  const auto status = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(body.data(), body.size()), &out, options);
  // The parser also takes `null` or a bare value for some messages: only an object is a body.
  std::size_t first = body.find_first_not_of(" \t\r\n");
  const bool object = first != std::string_view::npos && body[first] == '{';
  if (!status.ok() || !object) {
    ApiProblem problem = Problem(400, "bad_json", "corps JSON invalide", "invalid JSON body");
    problem.detail = status.ok()
                         ? std::string("un objet JSON est attendu / a JSON object is expected")
                         : DetailAsUtf8(std::string(status.message()));
    return problem;
  }
  return std::nullopt;
}

std::string ToJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.always_print_primitive_fields = true;
  options.always_print_enums_as_ints = false;
  std::string json;
  // Printing a message we built cannot fail.
  (void)google::protobuf::util::MessageToJsonString(message, &json, options);
  return json;
}

std::string EncodeCursor(std::string_view position) {
  std::string plain = std::string(kCursorVersion) + std::string(position);
  std::string encoded(
      sodium_base64_encoded_len(plain.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(encoded.data(), encoded.size(),
                    reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  encoded.resize(encoded.find('\0'));
  return encoded;
}

std::optional<std::string> DecodeCursor(std::string_view cursor) {
  if (cursor.empty() || cursor.size() > 512) return std::nullopt;
  std::vector<unsigned char> plain(cursor.size());
  std::size_t length = 0;
  if (sodium_base642bin(plain.data(), plain.size(), cursor.data(), cursor.size(), nullptr, &length,
                        nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
    return std::nullopt;
  }
  std::string text(plain.begin(), plain.begin() + static_cast<std::ptrdiff_t>(length));
  if (!text.starts_with(kCursorVersion)) return std::nullopt;
  return text.substr(kCursorVersion.size());
}

}  // namespace minegate::server::api
