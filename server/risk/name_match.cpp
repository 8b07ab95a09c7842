#include "server/risk/name_match.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <initializer_list>
#include <tuple>

#include "server/registry/name_key.hpp"

namespace minegate::server::risk {
namespace {

/// Words of a name looked at (a name of 80 characters has rarely more).
constexpr std::size_t kMaxWords = 8;
/// Letters of a word looked at.
constexpr std::size_t kMaxLetters = 48;
/// A word of at least this many letters that begins another is a short form of it...
constexpr std::size_t kMinShortForm = 4;
/// ... and this alike.
constexpr double kShortFormSimilarity = 0.95;
/// Two words are one name written two ways when their keys are equal, one is a short form of the
/// other, or at most one edit per this many letters of the longer separates them: none in Awa or
/// Hawa, one in Asatu / Aisatu or Jenaba / Jenba, two from ten letters. Counted in whole letters,
/// not compared as a ratio of doubles, so that five letters and one edit is exactly on the bar.
constexpr std::size_t kLettersPerEdit = 5;

bool IsVowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

/// The phonetic form of one folded word (lower-case ASCII letters and digits). The rules
/// make the spellings of one West African name meet, whoever wrote it (README.md):
/// French and English digraphs for one sound ("ou"/"u", "ch"/"sh", "dj"/"j", "di" + vowel
/// as in Diallo/Jallo), letters with one sound (c/k/q, z/s, y/i, ph/f), silent or dropped
/// letters (h, a final e), and doubled letters.
std::string PhoneticWord(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  const auto at = [&](std::size_t i) { return i < word.size() ? word[i] : '\0'; };
  std::size_t i = 0;
  while (i < word.size()) {
    const char c = word[i];
    const char next = at(i + 1);
    if (c == 't' && next == 'c' && at(i + 2) == 'h') {
      out += 's';  // Tchoukou / Chukwu
      i += 3;
    } else if ((c == 'c' || c == 's') && next == 'h') {
      out += 's';  // Aïcha / Aisha, Cheikh / Sheikh
      i += 2;
    } else if (c == 'd' && next == 'j') {
      out += 'j';  // Djénéba / Jeneba
      i += 2;
    } else if (c == 'd' && (next == 'i' || next == 'y') && IsVowel(at(i + 2)) && at(i + 2) != 'i') {
      out += 'j';  // Diallo / Jallo, Ndiaye / Njaay
      i += 2;
    } else if (c == 'o' && (next == 'u' || next == 'o')) {
      out += 'u';  // Oumou / Umu, Moosa / Musa
      i += 2;
    } else if (c == 'e' && next == 'e') {
      out += 'i';  // Ameenah / Aminah
      i += 2;
    } else if (c == 'g' && next == 'n') {
      out += "ni";  // Gnima / Nyima
      i += 2;
    } else if ((c == 'p' && next == 'h')) {
      out += 'f';
      i += 2;
    } else if ((c == 't' || c == 'k' || c == 'g') && next == 'h') {
      out += c;  // Khadija / Kadija, Thierno / Tierno
      i += 2;
    } else if ((c == 'q' && next == 'u') || (c == 'c' && next == 'k')) {
      out += 'k';
      i += 2;
    } else if (c == 'c') {
      out += (next == 'e' || next == 'i' || next == 'y') ? 's' : 'k';
      ++i;
    } else if (c == 'q') {
      out += 'k';
      ++i;
    } else if (c == 'z') {
      out += 's';  // Zeynab / Seynabou
      ++i;
    } else if (c == 'x') {
      out += "ks";
      ++i;
    } else if (c == 'y') {
      out += 'i';  // Ndeye / Ndeie, Seynabou / Seinabou
      ++i;
    } else if (c == 'h') {
      ++i;  // written or not: Fatimah / Fatima, Halima / Alima
    } else {
      out += c;
      ++i;
    }
  }
  // Doubled letters: Aissatou / Aisatu, Diallo / Dialo.
  out.erase(std::unique(out.begin(), out.end()), out.end());
  // A final e is often silent or dropped: Ndeye / Ndey.
  if (out.size() > 2 && out.back() == 'e') out.pop_back();
  return out;
}

/// Letter edits (insert, delete, substitute, swap two neighbours) from one word to the other:
/// the Damerau-Levenshtein distance in its optimal-string-alignment form.
std::size_t EditDistance(std::string_view a, std::string_view b) {
  // Three rows of the classic table, on the stack (words are at most kMaxLetters).
  std::array<std::size_t, kMaxLetters + 1> before{};
  std::array<std::size_t, kMaxLetters + 1> previous{};
  std::array<std::size_t, kMaxLetters + 1> current{};
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
    }
    before = previous;
    previous = current;
  }
  return previous[b.size()];
}

/// Two phonetic words compared: how alike, in [0, 1], and whether they pass the bar of one word
/// (kLettersPerEdit). A word that passes is at least 0.8 alike; one that does not, below.
struct WordComparison {
  double similarity = 0.0;
  bool same_word = false;
};

WordComparison CompareWords(std::string_view a, std::string_view b) {
  a = a.substr(0, kMaxLetters);
  b = b.substr(0, kMaxLetters);
  if (a == b) return {1.0, true};
  if (a.empty() || b.empty()) return {};
  // A short form: Chukwu of Chukwuemeka, Fatou of Fatoumata, Mariam of Mariama.
  const std::string_view shorter = a.size() < b.size() ? a : b;
  const std::string_view longer = a.size() < b.size() ? b : a;
  if (shorter.size() >= kMinShortForm && longer.substr(0, shorter.size()) == shorter) {
    return {kShortFormSimilarity, true};
  }
  // Otherwise the share of letters that need no edit: one slip in "Okonkwo" leaves 6/7, one in
  // "Awa" only 2/3, so short names must be spelt closer.
  const std::size_t distance = EditDistance(a, b);
  const double similarity =
      std::max(0.0, 1.0 - static_cast<double>(distance) / static_cast<double>(longer.size()));
  return {similarity, distance * kLettersPerEdit <= longer.size()};
}

}  // namespace

std::vector<std::string> PhoneticKeys(std::string_view name) {
  const std::string folded = registry::NameKey(name);
  std::vector<std::string> keys;
  std::string pending;  // "n" of "N'Diaye", "m" of "M'Baye": part of the next word
  std::size_t start = 0;
  while (start < folded.size()) {
    std::size_t end = folded.find(' ', start);
    if (end == std::string::npos) end = folded.size();
    const std::string_view word(folded.data() + start, end - start);
    start = end + 1;
    if (word == "n" || word == "m") {
      pending = word;
      continue;
    }
    std::string key = PhoneticWord(pending + std::string(word));
    pending.clear();
    if (!key.empty()) keys.push_back(std::move(key));
  }
  if (!pending.empty()) keys.push_back(pending);
  return keys;
}

std::string PhoneticKey(std::string_view name) {
  std::vector<std::string> keys = PhoneticKeys(name);
  std::sort(keys.begin(), keys.end());
  std::string joined;
  for (const std::string& key : keys) {
    if (!joined.empty()) joined += ' ';
    joined += key;
  }
  return joined;
}

double NameSimilarity(std::string_view a, std::string_view b) {
  std::vector<std::string> words_a = PhoneticKeys(a);
  std::vector<std::string> words_b = PhoneticKeys(b);
  if (words_a.empty() || words_b.empty()) return 0.0;
  words_a.resize(std::min(words_a.size(), kMaxWords));
  words_b.resize(std::min(words_b.size(), kMaxWords));

  // Words paired best first, whatever their order in either name. Ties are broken on the words
  // themselves, so that swapping a and b pairs the same words. Pairs that pass a word's bar are
  // all more alike than those that do not, so they are taken first.
  struct Pair {
    double similarity;
    bool same_word;
    std::string_view low;
    std::string_view high;
    std::size_t i;
    std::size_t j;
  };
  std::vector<Pair> pairs;
  pairs.reserve(words_a.size() * words_b.size());
  for (std::size_t i = 0; i < words_a.size(); ++i) {
    for (std::size_t j = 0; j < words_b.size(); ++j) {
      const std::string_view x = words_a[i];
      const std::string_view y = words_b[j];
      const WordComparison compared = CompareWords(x, y);
      pairs.push_back(
          {compared.similarity, compared.same_word, std::min(x, y), std::max(x, y), i, j});
    }
  }
  std::sort(pairs.begin(), pairs.end(), [](const Pair& x, const Pair& y) {
    return std::tie(y.similarity, x.low, x.high) < std::tie(x.similarity, y.low, y.high);
  });
  std::array<bool, kMaxWords> used_a{};
  std::array<bool, kMaxWords> used_b{};
  double weighted = 0.0;
  double weights = 0.0;
  std::size_t paired = 0;
  bool every_word = true;
  for (const Pair& pair : pairs) {
    if (used_a[pair.i] || used_b[pair.j]) continue;
    used_a[pair.i] = true;
    used_b[pair.j] = true;
    every_word = every_word && pair.same_word;
    // Longer words weigh more: a one-letter slip in "Ba" is not one in "Chukwuemeka".
    const auto weight = static_cast<double>(std::max(pair.low.size(), pair.high.size()));
    weighted += pair.similarity * weight;
    weights += weight;
    ++paired;
  }
  // Each word of the shorter name must be one of the other's on its own: an average lets a long
  // shared family name carry a wrong given name (Hadja / Hawa Kourouma would be 0.89). A name
  // with a wrong word is another person's name, whatever threshold a rule set chose.
  if (!every_word) return 0.0;
  // Words left without a partner (a middle name one side gave) lower the score gently; a
  // lone word matching one of a full name's words is not a match.
  const double coverage = std::sqrt(2.0 * static_cast<double>(paired) /
                                    static_cast<double>(words_a.size() + words_b.size()));
  return weights > 0.0 ? weighted / weights * coverage : 0.0;
}

}  // namespace minegate::server::risk
