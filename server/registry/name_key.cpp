#include "server/registry/name_key.hpp"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>

namespace minegate::server::registry {
namespace {

/// ICU's rules, the choice over a hand-written table: Any-Latin carries other scripts
/// over, Latin-ASCII drops accents and spells out ligatures and hooked letters, Lower folds case.
constexpr char kTransliteration[] = "Any-Latin; Latin-ASCII; Lower";

/// One transliterator per thread: ICU's are not meant for concurrent use, and building one
/// reads ICU's rule data (a millisecond), so each thread builds it once. nullptr when ICU's data
/// is missing: names then fold as ASCII only (checked by the unit test on every build).
const icu::Transliterator* ThreadTransliterator() {
  thread_local const std::unique_ptr<icu::Transliterator> transliterator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> made(icu::Transliterator::createInstance(
        icu::UnicodeString::fromUTF8(kTransliteration), UTRANS_FORWARD, status));
    if (U_FAILURE(status)) made.reset();
    return made;
  }();
  return transliterator.get();
}

bool IsAscii(std::string_view text) {
  for (const char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

/// Letters and digits lower-cased, every other run one space, none at either end.
std::string KeepWords(std::string_view text) {
  std::string key;
  key.reserve(text.size());
  bool pending_space = false;
  for (const char c : text) {
    char folded = '\0';
    if (c >= 'A' && c <= 'Z') {
      folded = static_cast<char>(c - 'A' + 'a');
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      folded = c;
    }
    if (folded == '\0') {
      pending_space = !key.empty();
      continue;
    }
    if (pending_space) key.push_back(' ');
    pending_space = false;
    key.push_back(folded);
  }
  return key;
}

}  // namespace

std::string NameKey(std::string_view name) {
  // Most names typed at the gates are plain ASCII: ICU would give them back lower-cased, which
  // KeepWords does by itself (the registry's million names are folded on every rebuild).
  if (IsAscii(name)) return KeepWords(name);
  const icu::Transliterator* transliterator = ThreadTransliterator();
  if (transliterator == nullptr) return KeepWords(name);
  // fromUTF8 turns an invalid sequence into U+FFFD, which KeepWords makes a space.
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(name.data(), static_cast<std::int32_t>(name.size())));
  transliterator->transliterate(text);
  std::string folded;
  text.toUTF8String(folded);
  return KeepWords(folded);
}

}  // namespace minegate::server::registry
