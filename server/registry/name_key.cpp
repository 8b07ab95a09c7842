#include "server/registry/name_key.hpp"

#include <cstdint>

namespace minegate::server::registry {
namespace {

/// ASCII letters for U+00C0..U+017F (Latin-1 Supplement letters and Latin
/// Extended-A), lower case; '\0' where the code point is not a letter.
constexpr char kLatinFolds[] =
    // U+00C0..U+00FF
    "aaaaaaaceeeeiiii"   // C0-CF  (Æ folds to 'a': rare, and better than nothing)
    "dnooooo\0ouuuuyts"  // D0-DF  (× is not a letter, Þ→t, ß→s)
    "aaaaaaaceeeeiiii"   // E0-EF
    "dnooooo\0ouuuuyty"  // F0-FF  (÷ is not a letter)
    // U+0100..U+017F
    "aaaaaaccccccccdd"   // 100-10F
    "ddeeeeeeeeeegggg"   // 110-11F
    "gggghhhhiiiiiiii"   // 120-12F
    "iiiijjkkklllllll"   // 130-13F
    "lllnnnnnnnnnoooo"   // 140-14F
    "oooorrrrrrssssss"   // 150-15F
    "ssttttttuuuuuuuu"   // 160-16F
    "uuuuwwyyyzzzzzzs";  // 170-17F
static_assert(sizeof(kLatinFolds) == 0x180 - 0xC0 + 1, "one entry per code point");

/// The hooked letters of Pulaar and Wolof orthographies, which people also
/// write without the hook.
char FoldAfrican(std::int32_t code) {
  switch (code) {
    case 0x181:  // Ɓ
    case 0x253:  // ɓ
      return 'b';
    case 0x18A:  // Ɗ
    case 0x257:  // ɗ
      return 'd';
    case 0x19D:  // Ɲ
    case 0x272:  // ɲ
      return 'n';
    case 0x1B3:  // Ƴ
    case 0x1B4:  // ƴ
      return 'y';
    default:
      return '\0';
  }
}

/// Decodes one UTF-8 code point at `i`, advancing it; -1 for an invalid sequence.
std::int32_t NextCodePoint(std::string_view text, std::size_t& i) {
  const auto lead = static_cast<std::uint8_t>(text[i++]);
  if (lead < 0x80) return lead;
  int extra = 0;
  std::int32_t code = 0;
  if ((lead & 0xE0) == 0xC0) {
    extra = 1;
    code = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    extra = 2;
    code = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    extra = 3;
    code = lead & 0x07;
  } else {
    return -1;
  }
  for (int k = 0; k < extra; ++k) {
    if (i >= text.size()) return -1;
    const auto next = static_cast<std::uint8_t>(text[i]);
    if ((next & 0xC0) != 0x80) return -1;
    code = (code << 6) | (next & 0x3F);
    ++i;
  }
  return code;
}

}  // namespace

std::string NameKey(std::string_view name) {
  std::string key;
  key.reserve(name.size());
  bool pending_space = false;
  std::size_t i = 0;
  while (i < name.size()) {
    const std::int32_t code = NextCodePoint(name, i);
    char folded = '\0';
    if (code >= 'A' && code <= 'Z') {
      folded = static_cast<char>(code - 'A' + 'a');
    } else if ((code >= 'a' && code <= 'z') || (code >= '0' && code <= '9')) {
      folded = static_cast<char>(code);
    } else if (code >= 0xC0 && code <= 0x17F) {
      folded = kLatinFolds[static_cast<std::size_t>(code - 0xC0)];
    } else {
      folded = FoldAfrican(code);
    }
    if (folded == '\0') {
      // A separator, or a letter outside the table: both split words.
      pending_space = !key.empty();
      continue;
    }
    if (pending_space) key.push_back(' ');
    pending_space = false;
    key.push_back(folded);
  }
  return key;
}

}  // namespace minegate::server::registry
