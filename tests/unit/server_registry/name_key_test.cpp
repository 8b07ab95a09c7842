// Names as people type them: case, accents, hooks, ligatures, other scripts and separators do
// not matter (ICU's Any-Latin; Latin-ASCII; Lower, then words).
#include "server/registry/name_key.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace minegate::server::registry {
namespace {

TEST(NameKeyTest, FoldsCaseAccentsAndSeparators) {
  EXPECT_EQ(NameKey("Aïssatou"), "aissatou");
  EXPECT_EQ(NameKey("AISSATOU"), "aissatou");
  EXPECT_EQ(NameKey("DIOP Ndèye"), "diop ndeye");
  EXPECT_EQ(NameKey("  N'Diaye -- Fatoumata  "), "n diaye fatoumata");
  EXPECT_EQ(NameKey("N’Diaye"), "n diaye");  // typographic apostrophe
  EXPECT_EQ(NameKey("Ba-Touré"), "ba toure");
  EXPECT_EQ(NameKey("Ɗiallo ɓaba ŋom"), "diallo baba nom");
  EXPECT_EQ(NameKey("Ɲamé Ƴero"), "name yero");
  EXPECT_EQ(NameKey("Mariam2"), "mariam2");
}

TEST(NameKeyTest, LigaturesAreSpelledOut) {
  // ICU's Latin-ASCII spells ligatures and special letters as they are read (the table this
  // replaced dropped a letter: "Œuvre" was "ouvre", "ß" was "s").
  EXPECT_EQ(NameKey("Çé Œuvre ß"), "ce oeuvre ss");
  EXPECT_EQ(NameKey("Æsa Þóra"), "aesa thora");
}

TEST(NameKeyTest, OtherScriptsAreTransliterated) {
  EXPECT_EQ(NameKey("Мария"), "maria");
  EXPECT_EQ(NameKey("Awa 李 Ba"), "awa li ba");
}

TEST(NameKeyTest, InvalidUtf8SplitsWords) {
  EXPECT_EQ(NameKey(std::string("Aw\xc3\xa0\xff"
                                "Ba")),
            "awa ba");
  EXPECT_EQ(NameKey(""), "");
  EXPECT_EQ(NameKey("--"), "");
  EXPECT_EQ(NameKey("×÷"), "");  // symbols ICU makes punctuation are separators
}

TEST(NameKeyTest, FoldsTheSameOnEveryThread) {
  // Each thread builds its own transliterator.
  std::string seen[4];
  std::thread threads[4];
  for (int i = 0; i < 4; ++i) {
    threads[i] = std::thread([&seen, i] {
      for (int n = 0; n < 200; ++n) seen[i] = NameKey("Ndèye Aïssatou N'Diaye");
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const std::string& key : seen) EXPECT_EQ(key, "ndeye aissatou n diaye");
}

}  // namespace
}  // namespace minegate::server::registry
