#pragma once
/// Names as people type them at a gate: "Aïssatou", "AISSATOU" and "aissatou"
/// are one name. A name key is ICU's transliteration `Any-Latin; Latin-ASCII;
/// Lower` of the name (the accents of French, Wolof, Pulaar and Mandinka
/// spellings, hooked letters — Ɓ Ɗ Ƴ Ɲ ŋ —, ligatures — Œ → oe, ß → ss —
/// and other scripts — Мария → maria, 李 → li — to plain lower-case ASCII), with
/// letters and digits kept and every other run of characters (spaces, hyphens,
/// apostrophes, what no rule turned into a letter) made one space. The one way
/// names are folded in the server: the gate agent's search, search notices and
/// phonetic keys (server/risk), and the police's name index (name_index.hpp).
/// Thread-safe: each thread has its own transliterator.

#include <string>
#include <string_view>

namespace minegate::server::registry {

/// The folded form of `name`; invalid UTF-8 sequences split words.
std::string NameKey(std::string_view name);

}  // namespace minegate::server::registry
