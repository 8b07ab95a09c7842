// Name matching for search notices: spellings of one West African name meet (phonetic key for
// the index, similarity for the decision); different names do not.

#include "server/risk/name_match.hpp"

#include <gtest/gtest.h>

#include <string_view>
#include <utility>

namespace minegate::server::risk {
namespace {

TEST(NameMatch, SpellingsOfOneNameShareAPhoneticKey) {
  const std::pair<std::string_view, std::string_view> same[] = {
      {"Aïssatou", "Aissatou"},
      {"Aissatou", "Aisatu"},
      {"AÏSSATOU", "aisatou"},
      {"Ndèye", "Ndeye"},
      {"Ndeye", "Ndey"},
      {"Oumou", "Umu"},
      {"Djénéba", "Jeneba"},
      {"Djeneba", "Dieneba"},
      {"Diallo", "Jallo"},
      {"Ndiaye", "N'Diaye"},
      {"Ndiaye", "Njaay"},
      {"Aïcha", "Aisha"},
      {"Cheikh", "Sheikh"},
      {"Khadija", "Kadija"},
      {"Fatimah", "Fatima"},
      {"Seynabou", "Zeinabou"},
      {"Mariama Bah", "Mariama Ba"},
      {"Moussa Camara", "Musa Kamara"},
      {"Chukwu", "Tchukwu"},
      {"Gnima", "Nyima"},
      {"Abdoulaye", "Abdulaye"},
  };
  for (const auto& [a, b] : same) {
    EXPECT_EQ(PhoneticKey(a), PhoneticKey(b)) << a << " / " << b;
    EXPECT_DOUBLE_EQ(NameSimilarity(a, b), 1.0) << a << " / " << b;
  }
}

TEST(NameMatch, TheKeyIgnoresTheOrderOfTheWords) {
  EXPECT_EQ(PhoneticKey("Diallo Aïssatou"), PhoneticKey("Aissatou DIALLO"));
  EXPECT_EQ(PhoneticKeys("Aïssatou Diallo"), (std::vector<std::string>{"aisatu", "jalo"}));
  EXPECT_TRUE(PhoneticKeys("  -- ").empty());
  EXPECT_EQ(PhoneticKey(""), "");
}

TEST(NameMatch, VariantsTranspositionsAndMisspellingsMatch) {
  const std::pair<std::string_view, std::string_view> match[] = {
      // Family name first on one side, transliterated on the other.
      {"Aissatou Diallo", "Jallo Aïsatu"},
      {"Ndèye Fatou Ndiaye", "Ndiaye Ndeye Fatou"},
      // Misspelt: a letter dropped, doubled, swapped.
      {"Blessing Okonkwo", "Blesing Okonkow"},
      {"Chiamaka Eze", "Chiamak Eze"},
      {"Mariam Traoré", "Mariama Traore"},
      {"Fatoumata Kouyaté", "Fatoumatta Kouyate"},
      {"Djénéba Keïta", "Jeneba Keita"},
      {"Oumou Sangaré", "Umu Sangare"},
      // Short forms: Chukwu of Chukwuemeka, Fatou of Fatoumata.
      {"Chukwuemeka Obi", "Chukwu Obi"},
      {"Fatoumata Sow", "Fatou Sow"},
      // A middle name given on one side only.
      {"Aissatou Diallo", "Aissatou Binta Diallo"},
  };
  for (const auto& [a, b] : match) {
    const double similarity = NameSimilarity(a, b);
    EXPECT_GE(similarity, kNameMatchThreshold) << a << " / " << b;
    EXPECT_DOUBLE_EQ(similarity, NameSimilarity(b, a)) << a << " / " << b;
  }
}

TEST(NameMatch, DifferentNamesDoNotMatch) {
  const std::pair<std::string_view, std::string_view> differ[] = {
      {"Aissatou Diallo", "Aminata Diallo"},  // same family, another woman
      {"Fatou Ndiaye", "Fatou Diop"},         // same given name, another family
      {"Mariama Bah", "Kadiatou Barry"},
      {"Blessing Okonkwo", "Blessing Adeyemi"},
      {"Ngozi Eze", "Nkechi Obi"},
      {"Aissatou Diallo", "Aissatou"},  // a given name alone is not a match
      {"Awa Ba", "Ada Ba"},             // short names: one letter is a lot
      {"Kadiatou Camara", "Hawa Camara"},
  };
  for (const auto& [a, b] : differ) {
    EXPECT_LT(NameSimilarity(a, b), kNameMatchThreshold) << a << " / " << b;
  }
  EXPECT_EQ(NameSimilarity("", "Aissatou"), 0.0);
}

}  // namespace
}  // namespace minegate::server::risk
