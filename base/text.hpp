#pragma once
/// Text people type (names, reasons, notes) checked one way everywhere: valid UTF-8, no control
/// characters, a length counted in characters (code points), as the schemas' CHECKs and the
/// event rules count them.

#include <cstddef>
#include <optional>
#include <string_view>

namespace minegate::base {

/// Code points in `text`, or nullopt when it is not valid UTF-8 (overlong forms, UTF-16
/// surrogates and values past U+10FFFF are invalid).
std::optional<std::size_t> Utf8CodePoints(std::string_view text);

/// True when `text` holds a C0 control character (U+0000..U+001F) or DEL; with
/// `allow_line_breaks`, "\n" is not counted as one.
bool HasControlCharacter(std::string_view text, bool allow_line_breaks = false);

/// Whether free text may have several lines (a note) or only one (a name, a reason).
enum class Lines { kOne, kSeveral };

/// True when `text` is valid UTF-8 of `min_chars`..`max_chars` code points without control
/// characters (line breaks allowed with Lines::kSeveral).
bool TextWithin(std::string_view text, std::size_t min_chars, std::size_t max_chars,
                Lines lines = Lines::kOne);

}  // namespace minegate::base
