#pragma once
/// Identity document numbers as people type them: "SN-123 456", "sn123456" and "SN/123/456"
/// are one number. The key is the number upper case (ASCII letters), without spaces, '-' and
/// '/'; every other character stays ("SN.123" keeps its dot). It is the very expression of
/// the index persons_by_document_key (server/store/schema/0012_police_search.sql), so the
/// police's search by document finds what SQLite computed for the stored number; the search
/// notices' match by document compares the same keys (server/protection). Pure.

#include <string>
#include <string_view>

namespace minegate::server::registry {

/// The key of a document number: SQLite's
/// `replace(replace(replace(upper(number), ' ', ''), '-', ''), '/', '')` without ICU.
std::string DocumentKey(std::string_view number);

}  // namespace minegate::server::registry
