#pragma once
/// Text checks shared by the rules: UTF-8 decoding and the small formats of
/// events.proto, written out (no std::regex: this runs on every event).

#include <cstddef>
#include <optional>
#include <string_view>

namespace minegate::rules::internal {

/// Code points in `text`, or nullopt when it is not valid UTF-8 (overlong
/// forms, surrogates and values past U+10FFFF are invalid).
std::optional<std::size_t> CodePoints(std::string_view text);

/// True when `text` holds a C0 control character or DEL.
bool HasControl(std::string_view text);

/// Exactly three letters of A-Z (ISO 3166-1 alpha-3).
bool IsCountryAlpha3(std::string_view text);
/// Exactly three letters of a-z (ISO 639-3).
bool IsLanguage639_3(std::string_view text);
/// "+", a digit 1-9, then 7 to 14 digits (E.164).
bool IsE164(std::string_view text);
/// [A-Z0-9] then [A-Z0-9 /-]* (the length is checked apart).
bool IsDocumentNumber(std::string_view text);
/// [0-9A-Z/-]+.
bool IsCardNumber(std::string_view text);
/// Every character in [a-z0-9] or one of `extra`.
bool IsLowerIdentifier(std::string_view text, std::string_view extra);

}  // namespace minegate::rules::internal
