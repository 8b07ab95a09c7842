#pragma once
/// The police's search by name (server/police), over an FTS5 table with the trigram tokenizer
/// (`person_names`, schema 0012): what the projector indexes for a person and how a query is
/// looked for, both here so that they cannot drift apart. Names are folded by NameKey first
/// (SQLite 3.40's trigram tokenizer has no option to remove diacritics).
///
/// Hyphens and apostrophes separate words, and a name of several words is also indexed joined:
/// "N'Diaye" is found by "ndiaye", "diaye" and "n diaye"; "Ba-Touré" by "ba toure", "batoure"
/// and "toure". Every query word must be found, in any order and in either name ("ndeye diop"
/// finds "DIOP Ndèye"): a word of 3 letters or more anywhere inside a word of the name
/// ("aissa" finds "Aïssatou"), a word of 2 letters at the start of a word ("ba" finds "Ba" and
/// "Bah", not "Diaba"), a word of 1 letter as a whole word or an initial, checked on the rows
/// the other words found (trigrams cannot look for it: a query of 1-letter words only is
/// refused by the caller).

#include <string>
#include <string_view>
#include <vector>

namespace minegate::server::registry {

/// The indexed text of a person: the folded words of both names, then each name's words
/// joined when it has several, every word between spaces (" fatou n diaye ndiaye "), so that a
/// trigram with a space marks the start or end of a word.
std::string NameIndexText(std::string_view given_name, std::string_view family_name);

struct NameQuery {
  /// The folded words as typed, in order (duplicates removed).
  std::vector<std::string> words;
  /// The FTS5 MATCH expression of the words of 2 letters or more ("\"aissatou\" AND \" ba\""),
  /// empty when there is none.
  std::string match;
  /// The 1-letter words, to check with NameHasInitials on what `match` found.
  std::vector<std::string> initials;
};

/// The query for what an officer typed.
NameQuery ParseNameQuery(std::string_view typed);

/// Whether each of `initials` (1-letter words) starts a word of the person's names.
bool NameHasInitials(std::string_view given_name, std::string_view family_name,
                     const std::vector<std::string>& initials);

}  // namespace minegate::server::registry
