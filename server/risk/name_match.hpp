#pragma once
/// Names for search notices, as West African names reach a gate: transliterated from Wolof,
/// Pulaar, Mandinka, Bambara, Igbo, Yoruba... by whoever holds the pen ("Aïssatou",
/// "Aissatou", "Aisatu"; "Djénéba", "Jeneba"; "Oumou", "Umu"), given and family names in
/// either order, and misspelt. Two tools (server/risk/README.md says why):
///  - a phonetic key per word, for indexing: spellings of one name give the same key, so the
///    candidates of a registration are found by an index lookup, not a scan;
///  - a similarity in [0, 1] for the decision: words paired best-first whatever their order,
///    each pair scored on the phonetic forms by Damerau-Levenshtein edits relative to length
///    (a short form such as Fatou of Fatoumata scores 0.95), the whole weighted by length and
///    lowered for words left without a partner. Every word of the shorter name must be one of
///    the other's on its own (equal keys, a short form, or at most one edit per five letters),
///    or the names are different: 0. A long shared family name never carries a wrong given
///    name (Hadja / Hawa Kourouma).

#include <string>
#include <string_view>
#include <vector>

namespace minegate::server::risk {

/// A similarity at or above this is a name match (the default rule set's min_similarity).
inline constexpr double kNameMatchThreshold = 0.85;

/// The phonetic key of each word of `name` (folded with registry::NameKey first), in the
/// name's order; words that fold to nothing are dropped. "Aïssatou Djénéba" → {"asatu",
/// "jenba"}-like keys; the exact form is internal and may change with an index rebuild.
std::vector<std::string> PhoneticKeys(std::string_view name);

/// The keys of PhoneticKeys, sorted and joined by one space: one index key for a whole name,
/// whatever the order of its words.
std::string PhoneticKey(std::string_view name);

/// How alike two full names are, in [0, 1]: 1 for the same words in any order and spelling
/// variants of one name; 0 when a word of the shorter name is none of the other's (another
/// given name with the same family name is another woman, whatever the threshold). Symmetric.
double NameSimilarity(std::string_view a, std::string_view b);

}  // namespace minegate::server::risk
