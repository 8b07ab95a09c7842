// What the police's name index holds for a person and how a typed query is looked for.
#include "server/registry/name_index.hpp"

#include <gtest/gtest.h>

namespace minegate::server::registry {
namespace {

TEST(NameIndexTest, WordsBetweenSpacesAndEachNameJoined) {
  EXPECT_EQ(NameIndexText("Fatou", "N'Diaye"), " fatou n diaye ndiaye ");
  EXPECT_EQ(NameIndexText("Aïssatou", "Ba-Touré"), " aissatou ba toure batoure ");
  EXPECT_EQ(NameIndexText("Mame Diarra", "Sy"), " mame diarra sy mamediarra ");
  EXPECT_EQ(NameIndexText("Ndèye", "DIOP"), " ndeye diop ");
}

TEST(NameIndexTest, QueryWordsByLength) {
  const NameQuery query = ParseNameQuery("N'Diaye  ba aïssatou ba");
  EXPECT_EQ(query.words, (std::vector<std::string>{"n", "diaye", "ba", "aissatou"}));
  EXPECT_EQ(query.match, "\"diaye\" AND \" ba\" AND \"aissatou\"");
  EXPECT_EQ(query.initials, std::vector<std::string>{"n"});
}

TEST(NameIndexTest, OnlyInitialsHaveNoMatch) {
  const NameQuery query = ParseNameQuery("A. B.");
  EXPECT_TRUE(query.match.empty());
  EXPECT_EQ(query.initials, (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(ParseNameQuery(" -' ").words.empty());
}

TEST(NameIndexTest, InitialsStartAWordOfEitherName) {
  EXPECT_TRUE(NameHasInitials("Fatou", "N'Diaye", {"n"}));
  EXPECT_TRUE(NameHasInitials("Fatou", "N'Diaye", {"f", "d"}));
  EXPECT_FALSE(NameHasInitials("Fatou", "N'Diaye", {"a"}));
  EXPECT_TRUE(NameHasInitials("Awa", "Ba", {}));
}

}  // namespace
}  // namespace minegate::server::registry
