// Names as people type them: case, accents, hooks and separators do not matter.
#include "server/registry/name_key.hpp"

#include <gtest/gtest.h>

namespace minegate::server::registry {
namespace {

TEST(NameKeyTest, FoldsCaseAccentsAndSeparators) {
  EXPECT_EQ(NameKey("Aïssatou"), "aissatou");
  EXPECT_EQ(NameKey("AISSATOU"), "aissatou");
  EXPECT_EQ(NameKey("DIOP Ndèye"), "diop ndeye");
  EXPECT_EQ(NameKey("  N'Diaye -- Fatoumata  "), "n diaye fatoumata");
  EXPECT_EQ(NameKey("Ɗiallo ɓaba ŋom"), "diallo baba nom");
  EXPECT_EQ(NameKey("Çé Œuvre ß"), "ce ouvre s");
  EXPECT_EQ(NameKey("Mariam2"), "mariam2");
}

TEST(NameKeyTest, InvalidUtf8AndOtherScriptsSplitWords) {
  EXPECT_EQ(NameKey(std::string("Awa\xff"
                                "Ba")),
            "awa ba");
  EXPECT_EQ(NameKey("Awa 李 Ba"), "awa ba");
  EXPECT_EQ(NameKey(""), "");
  EXPECT_EQ(NameKey("--"), "");
}

}  // namespace
}  // namespace minegate::server::registry
