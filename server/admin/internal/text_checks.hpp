#pragma once
/// Checks on the text administrators type (names, descriptions, alert texts, ids), so that what
/// reaches the database and the kiosks' screens is valid UTF-8 of a sane length.

#include <cstddef>
#include <optional>
#include <string_view>

namespace minegate::server::admin::internal {

/// Characters (code points) in `text`; nullopt if it is not valid UTF-8 or holds a control
/// character (a newline in a name would break every listing that prints it).
std::optional<std::size_t> PrintableLength(std::string_view text);

/// True when `text` is printable UTF-8 of 1..max_chars characters, not blank.
bool IsPrintableText(std::string_view text, std::size_t max_chars);

/// True when `text` is min..max characters of [a-z0-9._-]: ids that appear in file names, URLs
/// and logs without quoting.
bool IsIdentifier(std::string_view text, std::size_t min_chars, std::size_t max_chars);

}  // namespace minegate::server::admin::internal
