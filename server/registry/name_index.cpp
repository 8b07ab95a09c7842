#include "server/registry/name_index.hpp"

#include <algorithm>

#include "server/registry/name_key.hpp"

namespace minegate::server::registry {
namespace {

std::vector<std::string> WordsOf(const std::string& key) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start < key.size()) {
    std::size_t end = key.find(' ', start);
    if (end == std::string::npos) end = key.size();
    if (end > start) words.emplace_back(key.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

void AppendWords(const std::vector<std::string>& words, std::string& text) {
  for (const std::string& word : words) {
    text += word;
    text += ' ';
  }
}

/// The name's words joined, when there are several ("n diaye" → "ndiaye").
void AppendJoined(const std::vector<std::string>& words, std::string& text) {
  if (words.size() < 2) return;
  for (const std::string& word : words) text += word;
  text += ' ';
}

}  // namespace

std::string NameIndexText(std::string_view given_name, std::string_view family_name) {
  const std::vector<std::string> given = WordsOf(NameKey(given_name));
  const std::vector<std::string> family = WordsOf(NameKey(family_name));
  std::string text = " ";
  AppendWords(given, text);
  AppendWords(family, text);
  AppendJoined(given, text);
  AppendJoined(family, text);
  return text;
}

NameQuery ParseNameQuery(std::string_view typed) {
  NameQuery query;
  for (std::string& word : WordsOf(NameKey(typed))) {
    if (std::find(query.words.begin(), query.words.end(), word) != query.words.end()) continue;
    query.words.push_back(word);
  }
  for (const std::string& word : query.words) {
    if (word.size() == 1) {
      query.initials.push_back(word);
      continue;
    }
    if (!query.match.empty()) query.match += " AND ";
    // Folded words are [a-z0-9] only: nothing to escape inside the quotes. A 2-letter word is
    // looked for after a space, at the start of a word (3 characters: one trigram).
    query.match += word.size() == 2 ? "\" " + word + "\"" : "\"" + word + "\"";
  }
  return query;
}

bool NameHasInitials(std::string_view given_name, std::string_view family_name,
                     const std::vector<std::string>& initials) {
  if (initials.empty()) return true;
  const std::string text = NameIndexText(given_name, family_name);
  return std::all_of(initials.begin(), initials.end(), [&text](const std::string& initial) {
    return text.find(" " + initial) != std::string::npos;
  });
}

}  // namespace minegate::server::registry
