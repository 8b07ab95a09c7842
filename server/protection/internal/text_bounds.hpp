#pragma once
/// Free text officers type (reasons, notes, service details): valid UTF-8, no control
/// characters, a length in characters (code points, as the schema's CHECKs count them).

#include <cstddef>
#include <string_view>

namespace minegate::server::protection::internal {

/// True when `text` is valid UTF-8 without control characters (U+0000..U+001F, U+007F), of
/// `min_chars`..`max_chars` code points.
bool TextWithin(std::string_view text, std::size_t min_chars, std::size_t max_chars);

/// The same, but line breaks (\n) are allowed: notes and reasons of several lines.
bool MultilineTextWithin(std::string_view text, std::size_t min_chars, std::size_t max_chars);

}  // namespace minegate::server::protection::internal
