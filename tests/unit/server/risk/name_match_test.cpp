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
      // The evaluation's missing girls (tests/support/population): an i dropped and Diallo
      // transliterated; Djénéba written Jenaba and C written K; in either order.
      {"Aïssatou Diallo", "Asatou Jallo"},
      {"Djénéba Coulibaly", "Jenaba Koulibaly"},
      {"Coulibaly Djénéba", "Jenaba Koulibaly"},
      // The spellings the README lists, with a family name.
      {"Aissatou Barry", "Aisatu Barry"},
      {"Ndèye Diop", "Ndey Diop"},
      {"Oumou Keïta", "Umu Keita"},
      {"Djénéba Traoré", "Jeneba Traore"},
      // One edit in five letters is on the bar of one word, and passes.
      {"Binta Kourouma", "Bintou Kourouma"},
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

TEST(NameMatch, EveryWordMustBeMatchedOnItsOwn) {
  // Another given name with the same family name is another woman. Averaged over the letters,
  // a long shared family name used to carry a wrong given name over the threshold (Hadja / Hawa
  // Kourouma scored 0.89 and an ordinary woman got an urgent flag); now a word that is none of
  // the other name's words makes the names different, whatever threshold a rule set chose.
  const std::pair<std::string_view, std::string_view> differ[] = {
      {"Hadja Kourouma", "Hawa Kourouma"},    // aja / awa: one edit in three letters
      {"Aminata Diallo", "Aissatou Diallo"},  // the same family, another woman
      {"Fatou Camara", "Fanta Camara"},       // two edits in five letters
      {"Awa Kourouma", "Ada Kourouma"},       // one letter in a short given name
      {"Sira Koulibaly", "Sara Coulibaly"},   // one edit in four letters: beyond the bar
      {"Kadiatou Camara", "Hawa Camara"},     //
      {"Fatoumata Binta Diallo", "Fatoumata Diallo Barry"},  // one word of three wrong
      {"Kourouma Hadja", "Hawa Kourouma"},                   // in either order
  };
  for (const auto& [a, b] : differ) {
    EXPECT_EQ(NameSimilarity(a, b), 0.0) << a << " / " << b;
    EXPECT_EQ(NameSimilarity(b, a), 0.0) << b << " / " << a;
  }
  // Each word on its own, the family name only once: a given name alone against a full name is
  // still too little (its single word matches, the other name has more).
  EXPECT_GT(NameSimilarity("Aissatou Diallo", "Aissatou"), 0.0);
  EXPECT_LT(NameSimilarity("Aissatou Diallo", "Aissatou"), kNameMatchThreshold);
}

}  // namespace
}  // namespace minegate::server::risk
