// Rule sets: the default one parses and validates; every kind of mistake is refused at its
// line and column, in French and English.

#include "server/risk/rule_set.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace minegate::server::risk {
namespace {

// A small valid rule set; tests change one line (1-based) and expect the error there.
constexpr std::string_view kBase =
    "version: \"2026-12-07.2\"\n"                  // 1
    "element_threshold: 6\n"                       // 2
    "flag_threshold: 7\n"                          // 3
    "indicators {\n"                               // 4
    "  id: \"female_minor\"\n"                     // 5
    "  kind: INDICATOR_KIND_FEMALE_MINOR\n"        // 6
    "  grade: GRADE_DECISIVE\n"                    // 7
    "  points: 10\n"                               // 8
    "  applies_to: APPLIES_TO_FEMALES\n"           // 9
    "  max_age_years: 17\n"                        // 10
    "  label_fr: \"Mineure : {value} ans\"\n"      // 11
    "  label_en: \"Minor: {value} years old\"\n"   // 12
    "}\n"                                          // 13
    "indicators {\n"                               // 14
    "  id: \"job\"\n"                              // 15
    "  kind: INDICATOR_KIND_JOB_PROMISED\n"        // 16
    "  elements: ELEMENT_DECEPTIVE_RECRUITMENT\n"  // 17
    "  grade: GRADE_MEDIUM\n"                      // 18
    "  points: 3\n"                                // 19
    "  applies_to: APPLIES_TO_FEMALES\n"           // 20
    "  jobs: PROMISED_JOB_BAR\n"                   // 21
    "  label_fr: \"Emploi promis : {value}\"\n"    // 22
    "  label_en: \"Job promised: {value}\"\n"      // 23
    "}\n";                                         // 24

std::vector<std::string> Lines(std::string_view text) {
  std::vector<std::string> lines;
  std::istringstream in{std::string(text)};
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string Join(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  return text;
}

/// kBase with line `number` replaced by `replacement`.
std::string WithLine(int number, std::string_view replacement) {
  std::vector<std::string> lines = Lines(kBase);
  lines.at(static_cast<std::size_t>(number - 1)) = std::string(replacement);
  return Join(lines);
}

std::vector<RuleSetError> Errors(std::string_view text) {
  RuleSetResult result = ParseRuleSet(text);
  if (result) return {};
  return result.error();
}

/// Exactly one error, at line:column, whose two messages contain `fr` and `en`.
void ExpectError(std::string_view text, int line, int column, std::string_view fr,
                 std::string_view en) {
  const std::vector<RuleSetError> errors = Errors(text);
  ASSERT_EQ(errors.size(), 1U) << (errors.empty() ? "no error" : errors.back().Text()) << "\n"
                               << text;
  EXPECT_EQ(errors[0].line, line) << errors[0].Text();
  EXPECT_EQ(errors[0].column, column) << errors[0].Text();
  EXPECT_NE(errors[0].fr.find(fr), std::string::npos) << errors[0].Text();
  EXPECT_NE(errors[0].en.find(en), std::string::npos) << errors[0].Text();
}

TEST(RuleSet, TheBaseOfTheseTestsIsValid) {
  const RuleSetResult result = ParseRuleSet(kBase);
  ASSERT_TRUE(result) << result.error().front().Text();
  EXPECT_EQ(result.value().version(), "2026-12-07.2");
  ASSERT_EQ(result.value().rules().size(), 2U);
  const CompiledRule& job = result.value().rules()[1];
  EXPECT_EQ(job.id, "job");
  EXPECT_EQ(job.label_fr.parts, (std::vector<std::string>{"Emploi promis : ", ""}));
}

TEST(RuleSet, TheDefaultRuleSetParsesAndValidates) {
  const RuleSetResult result = ParseRuleSet(DefaultRuleSetText());
  ASSERT_TRUE(result) << result.error().front().Text();
  const CompiledRuleSet& rules = result.value();
  EXPECT_EQ(rules.version(), "2026-12-07.2");
  EXPECT_EQ(&DefaultRuleSet(), &DefaultRuleSet());
  EXPECT_EQ(DefaultRuleSet().version(), "2026-12-07.2");
  // One rule for each kind the engine knows, in French and English, each with its value.
  std::set<int> kinds;
  std::set<std::string> ids;
  for (const v1::IndicatorRule& rule : rules.message().indicators()) {
    kinds.insert(rule.kind());
    ids.insert(rule.id());
    EXPECT_FALSE(rule.label_fr().empty());
    EXPECT_FALSE(rule.label_en().empty());
    EXPECT_NE(rule.label_fr(), rule.label_en()) << rule.id();
  }
  EXPECT_EQ(kinds.size(), 15U);
  EXPECT_EQ(ids.size(), 15U);
  EXPECT_EQ(rules.element_threshold(), 6);
  EXPECT_EQ(rules.flag_threshold(), 7);
  EXPECT_EQ(rules.weak_points_cap(), 2);
  // The change note of this version, in both languages.
  EXPECT_NE(rules.message().description().find("2026-12-07.2 : les signes faibles"),
            std::string::npos);
  EXPECT_NE(rules.message().description().find("2026-12-07.2: weak signs"), std::string::npos);
  EXPECT_EQ(rules.PriorityOf(7), v1::PRIORITY_LOW);
  EXPECT_EQ(rules.PriorityOf(9), v1::PRIORITY_MEDIUM);
  EXPECT_EQ(rules.PriorityOf(30), v1::PRIORITY_HIGH);
}

TEST(RuleSet, NegativeOrTooManyPointsAreRefused) {
  ExpectError(WithLine(19, "  points: -3"), 19, 3, "jamais négatif", "never negative");
  ExpectError(WithLine(19, "  points: 101"), 19, 3, "attendu de 0 à 100", "expected 0 to 100");
}

TEST(RuleSet, IdsMustBeWellFormedAndUnique) {
  ExpectError(WithLine(15, "  id: \"female_minor\""), 15, 3, "déjà employé ligne 5",
              "already used on line 5");
  ExpectError(WithLine(15, "  id: \"Job!\""), 15, 3, "a-z", "a-z");
  ExpectError(WithLine(15, "  id: \"\""), 15, 3, "obligatoire", "required");
}

TEST(RuleSet, SyntaxErrorsPointAtTheToken) {
  ExpectError(WithLine(21, "  jobz: PROMISED_JOB_BAR"), 21, 3, "champ inconnu « jobz »",
              "no field named \"jobz\"");
  ExpectError(WithLine(18, "  grade: GRADE_HUGE"), 18, 10, "valeur inconnue « GRADE_HUGE »",
              "GRADE_HUGE");
  ExpectError(WithLine(10, "  max_age_years: -1"), 10, 18, "erreur de syntaxe", "syntax error");
  ExpectError(WithLine(13, "  grade: GRADE_WEAK\n}"), 13, 3, "plusieurs fois",
              "specified multiple times");
  ExpectError(WithLine(24, ""), 25, 1, "erreur de syntaxe", "syntax error");
}

// Protobuf's parser reported NUL bytes inside a string at 29, 29, 42, 33 on one line (found by
// fuzz_risk_rule_set): the errors come back in line and column order, each place once.
TEST(RuleSet, SyntaxErrorsComeInLineOrderEachOnce) {
  std::string text(DefaultRuleSetText());
  const std::string label = "label_en: \"Has no identity document\"";
  const auto at = text.find(label);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, label.size(), std::string("label_en: \"Has no identity\0\0\0 document\"", 39));
  auto parsed = ParseRuleSet(text);
  ASSERT_FALSE(parsed);
  const auto& errors = parsed.error();
  ASSERT_FALSE(errors.empty());
  for (std::size_t i = 1; i < errors.size(); ++i) {
    const auto before = std::pair(errors[i - 1].line, errors[i - 1].column);
    const auto now = std::pair(errors[i].line, errors[i].column);
    EXPECT_TRUE(before < now || (before == now && errors[i - 1].en != errors[i].en))
        << errors[i - 1].Text() << " then " << errors[i].Text();
  }
}

TEST(RuleSet, LabelsAreRequiredAndQuoteTheValue) {
  ExpectError(WithLine(22, "  label_fr: \"\""), 22, 3, "libellé vide", "empty label");
  ExpectError(WithLine(23, "  label_en: \"Job promised\""), 23, 3, "{value}", "{value}");
  ExpectError(WithLine(22, "  label_fr: \"Emploi {value} en {window_days} jours\""), 22, 3,
              "« {window_days} » n'est pas une valeur de INDICATOR_KIND_JOB_PROMISED",
              "\"{window_days}\" is not a value of INDICATOR_KIND_JOB_PROMISED");
  ExpectError(WithLine(22, "  label_fr: \"Emploi {value\""), 22, 3, "« { » sans « } »",
              "\"{\" without \"}\"");
  ExpectError(WithLine(22, "  label_fr: \"Emploi\\n{value}\""), 22, 3, "caractère de contrôle",
              "control character");
}

TEST(RuleSet, ParametersAKindDoesNotReadOrNeedsAreReported) {
  const std::vector<RuleSetError> errors = Errors(WithLine(21, "  window_days: 30"));
  ASSERT_EQ(errors.size(), 2U);
  // Sorted by position: the kind needing jobs, then the parameter it does not read.
  EXPECT_EQ(errors[0].Text(),
            "16:3: jobs : obligatoire pour INDICATOR_KIND_JOB_PROMISED / jobs: required for "
            "INDICATOR_KIND_JOB_PROMISED");
  EXPECT_EQ(errors[1].Text(),
            "21:3: window_days : sans effet pour INDICATOR_KIND_JOB_PROMISED, à retirer / "
            "window_days: not read by INDICATOR_KIND_JOB_PROMISED, remove it");
  // The values of a list share its position.
  ExpectError(WithLine(21, "  jobs: [PROMISED_JOB_BAR, PROMISED_JOB_BAR]"), 21, 3, "valeur répétée",
              "value repeated");
}

TEST(RuleSet, ARuleSetWithoutTheDecisiveMinorRuleIsRefused) {
  std::vector<std::string> lines = Lines(kBase);
  lines.erase(lines.begin() + 3, lines.begin() + 13);  // lines 4..13: the minor rule
  ExpectError(Join(lines), 4, 1, "INDICATOR_KIND_FEMALE_MINOR de grade GRADE_DECISIVE",
              "GRADE_DECISIVE INDICATOR_KIND_FEMALE_MINOR rule is required");
  // Graded lower, or not covering every girl under 18: the same refusal.
  ExpectError(WithLine(7, "  grade: GRADE_STRONG elements: ELEMENT_COERCIVE_RECRUITMENT"), 4, 1,
              "GRADE_DECISIVE", "GRADE_DECISIVE");
  ExpectError(WithLine(10, "  max_age_years: 15"), 4, 1, "moins de 18 ans", "under 18");
  ExpectError(WithLine(10, "  max_age_years: 15\n  min_age_years: 1"), 4, 1, "moins de 18 ans",
              "under 18");
  const std::vector<RuleSetError> adult = Errors(WithLine(10, "  max_age_years: 18"));
  ASSERT_EQ(adult.size(), 2U);
  EXPECT_EQ(adult[0].line, 4);
  EXPECT_EQ(adult[1].line, 10);
  EXPECT_NE(adult[1].en.find("a minor is at most 17"), std::string::npos);
  ExpectError(WithLine(9, "  applies_to: APPLIES_TO_EVERYONE"), 9, 3, "femmes et les filles",
              "women and girls only");
}

TEST(RuleSet, ThresholdsKeepWeakSignsFromFlagging) {
  ExpectError(WithLine(2, "element_threshold: 0"), 2, 1, "attendu de 1 à 10000",
              "expected 1 to 10000");
  // Two weak signs of 6 points: an element on one of them, or a flag on both, is refused.
  const std::string weak =
      "indicators { id: \"young\" kind: INDICATOR_KIND_FEMALE_YOUNG_ADULT\n"
      "  elements: ELEMENT_RECRUITMENT_ABUSE_OF_VULNERABILITY grade: GRADE_WEAK points: 6\n"
      "  applies_to: APPLIES_TO_FEMALES min_age_years: 18 max_age_years: 25\n"
      "  label_fr: \"Jeune : {value}\" label_en: \"Young: {value}\" }\n"
      "indicators { id: \"nodoc\" kind: INDICATOR_KIND_NO_IDENTITY_DOCUMENT\n"
      "  elements: ELEMENT_RECRUITMENT_ABUSE_OF_VULNERABILITY grade: GRADE_WEAK points: 6\n"
      "  applies_to: APPLIES_TO_FEMALES label_fr: \"Sans pièce\" label_en: \"No document\" }\n";
  const std::vector<RuleSetError> errors = Errors(std::string(kBase) + weak);
  ASSERT_EQ(errors.size(), 2U);
  EXPECT_EQ(errors[0].Text(),
            "2:1: element_threshold : 6 ; un seul signe faible (6 points) ne doit jamais suffire "
            "à un élément / element_threshold: 6; one weak sign (6 points) must never make an "
            "element present");
  EXPECT_EQ(errors[1].Text(),
            "3:1: flag_threshold : 7 ; les signes faibles réunis (12 points) ne doivent jamais "
            "suffire à signaler / flag_threshold: 7; the weak signs together (12 points) must "
            "never flag");
}

// Four weak signs of 1 point on element 3 (what a young woman who has just crossed the border
// looks like) beside kBase's medium job rule (3 points, element 1), and a medium rule on element 3.
constexpr std::string_view kWeakSigns =
    "indicators { id: \"young\" kind: INDICATOR_KIND_FEMALE_YOUNG_ADULT\n"
    "  elements: ELEMENT_RECRUITMENT_ABUSE_OF_VULNERABILITY grade: GRADE_WEAK points: 1\n"
    "  applies_to: APPLIES_TO_FEMALES min_age_years: 18 max_age_years: 25\n"
    "  label_fr: \"Jeune : {value}\" label_en: \"Young: {value}\" }\n"
    "indicators { id: \"nodoc\" kind: INDICATOR_KIND_NO_IDENTITY_DOCUMENT\n"
    "  elements: ELEMENT_RECRUITMENT_ABUSE_OF_VULNERABILITY grade: GRADE_WEAK points: 1\n"
    "  applies_to: APPLIES_TO_FEMALES label_fr: \"Sans pièce\" label_en: \"No document\" }\n"
    "indicators { id: \"recent\" kind: INDICATOR_KIND_ENTERED_SENEGAL_RECENTLY\n"
    "  elements: ELEMENT_RECRUITMENT_ABUSE_OF_VULNERABILITY grade: GRADE_WEAK points: 1\n"
    "  applies_to: APPLIES_TO_FEMALES window_days: 90\n"
    "  label_fr: \"Entrée : {value}\" label_en: \"Entered: {value}\" }\n"
    "indicators { id: \"lang\" kind: INDICATOR_KIND_NO_LOCAL_LANGUAGE\n"
    "  elements: ELEMENT_RECRUITMENT_ABUSE_OF_VULNERABILITY grade: GRADE_WEAK points: 1\n"
    "  applies_to: APPLIES_TO_FEMALES languages: \"fra\"\n"
    "  label_fr: \"Langues : {value}\" label_en: \"Languages: {value}\" }\n"
    "indicators { id: \"paid\" kind: INDICATOR_KIND_TRAVEL_PAID_BY_THIRD_PARTY\n"
    "  elements: ELEMENT_RECRUITMENT_ABUSE_OF_VULNERABILITY grade: GRADE_MEDIUM points: 3\n"
    "  applies_to: APPLIES_TO_FEMALES label_fr: \"Payé\" label_en: \"Paid\" }\n";

TEST(RuleSet, OneMediumSignWithWeakSignsCanNeverFlagNorMakeAnElement) {
  // Uncapped, the four weak signs (4) and one medium sign (3) reach both thresholds (6 and 7):
  // refused, each threshold naming what reaches it.
  const std::vector<RuleSetError> errors = Errors(std::string(kBase) + std::string(kWeakSigns));
  ASSERT_EQ(errors.size(), 2U);
  EXPECT_EQ(errors[0].Text(),
            "2:1: element_threshold : 6 ; dans ELEMENT_RECRUITMENT_ABUSE_OF_VULNERABILITY, un "
            "signe moyen (3 points) avec les signes faibles (4 points comptés, voir "
            "weak_points_cap) ne doit jamais suffire à un élément / element_threshold: 6; in "
            "ELEMENT_RECRUITMENT_ABUSE_OF_VULNERABILITY, one medium sign (3 points) with the "
            "weak signs (4 points counted, see weak_points_cap) must never make an element "
            "present");
  EXPECT_EQ(errors[1].Text(),
            "3:1: flag_threshold : 7 ; un signe moyen (3 points) avec les signes faibles (4 "
            "points comptés, voir weak_points_cap) ne doit jamais suffire à signaler / "
            "flag_threshold: 7; one medium sign (3 points) with the weak signs (4 points "
            "counted, see weak_points_cap) must never flag");
  // A cap of 3 keeps the flag out of reach (3 + 3 = 6) but not the element; 2 keeps both.
  const std::string capped = std::string(kBase) + std::string(kWeakSigns);
  ExpectError(capped + "weak_points_cap: 3\n", 2, 1, "un signe moyen (3 points)",
              "(3 points counted, see weak_points_cap)");
  const RuleSetResult two = ParseRuleSet(capped + "weak_points_cap: 2\n");
  ASSERT_TRUE(two) << two.error().front().Text();
  EXPECT_EQ(two.value().weak_points_cap(), 2);
  // A cap of 0 is allowed (weak signs listed, never counted); one above the range is not.
  EXPECT_TRUE(ParseRuleSet(capped + "weak_points_cap: 0\n"));
  ExpectError(std::string(kBase) + "weak_points_cap: 10001\n", 25, 1, "attendu de 0 à 10000",
              "expected 0 to 10000");
  // Without a cap, weak signs together are counted whole, and may not make an element alone.
  std::vector<std::string> lines = Lines(kBase);
  lines[1] = "element_threshold: 4";
  lines[2] = "flag_threshold: 8";
  std::string weak_only(kWeakSigns);
  weak_only.erase(weak_only.find("indicators { id: \"paid\""));
  ExpectError(Join(lines) + weak_only, 2, 1, "les signes faibles réunis (4 points comptés)",
              "the weak signs together (4 points counted) must never make an element present");
  // The default value when unset: no cap.
  EXPECT_EQ(ParseRuleSet(kBase).value().weak_points_cap(),
            std::numeric_limits<std::int32_t>::max());
}

TEST(RuleSet, SignsThatFollowNationalityOrSexStayWeak) {
  const std::string language =
      "indicators { id: \"lang\" kind: INDICATOR_KIND_NO_LOCAL_LANGUAGE\n"  // 25
      "  elements: ELEMENT_RECRUITMENT_ABUSE_OF_VULNERABILITY\n"            // 26
      "  grade: GRADE_MEDIUM points: 3\n"                                   // 27
      "  applies_to: APPLIES_TO_FEMALES languages: [\"fra\", \"FR\"]\n"     // 28
      "  label_fr: \"Langues : {value}\" label_en: \"Languages: {value}\" }\n";
  const std::vector<RuleSetError> errors = Errors(std::string(kBase) + language);
  ASSERT_EQ(errors.size(), 2U);
  EXPECT_EQ(errors[0].line, 27);
  EXPECT_EQ(errors[0].column, 3);
  EXPECT_NE(errors[0].en.find("follows nationality or sex too closely"), std::string::npos);
  EXPECT_EQ(errors[1].line, 28);
  EXPECT_EQ(errors[1].column, 34);  // the list, whose values share its position
  EXPECT_NE(errors[1].fr.find("« FR » n'est pas un code ISO 639-3"), std::string::npos);
}

TEST(RuleSet, CentralPatternsAndBandsAreChecked) {
  ExpectError(WithLine(21, "  jobs: PROMISED_JOB_BAR flags_with_any_other: true"), 21, 26,
              "GRADE_STRONG", "GRADE_STRONG");
  ExpectError(std::string(kBase) + "priority_bands { priority: PRIORITY_URGENT min_score: 5 }\n",
              25, 18, "réservée aux indicateurs décisifs", "urgent belongs to decisive");
  ExpectError(std::string(kBase) +
                  "priority_bands { priority: PRIORITY_HIGH min_score: 5 }\n"
                  "priority_bands { priority: PRIORITY_MEDIUM min_score: 9 }\n",
              26, 44, "une priorité plus haute demande un score plus haut",
              "a higher priority needs a higher score");
}

TEST(RuleSet, ANameSimilarityIsAShareOfOne) {
  const std::string notice =
      "indicators { id: \"notice\" kind: INDICATOR_KIND_SEARCH_NOTICE_MATCH\n"  // 25
      "  grade: GRADE_DECISIVE points: 10 applies_to: APPLIES_TO_EVERYONE\n"    // 26
      "  label_fr: \"Avis : {value}\" label_en: \"Notice: {value}\"\n";         // 27
  EXPECT_TRUE(ParseRuleSet(std::string(kBase) + notice + "  min_similarity: 0.85 }\n"));
  for (const char* bad : {"1.5", "-0.2", "nan", "inf"}) {
    ExpectError(std::string(kBase) + notice + "  min_similarity: " + bad + " }\n", 28, 3,
                "min_similarity : attendu dans ]0, 1]", "min_similarity: expected in (0, 1]");
  }
  ExpectError(std::string(kBase) + notice + "}\n", 25, 27,
              "min_similarity : obligatoire pour INDICATOR_KIND_SEARCH_NOTICE_MATCH",
              "min_similarity: required for INDICATOR_KIND_SEARCH_NOTICE_MATCH");
}

TEST(RuleSet, VersionIsRequiredAndDated) {
  ExpectError(WithLine(1, "version: \"v2\""), 1, 1, "AAAA-MM-JJ.N", "YYYY-MM-DD.N");
  ExpectError(WithLine(1, "version: \"2026-13-07.1\""), 1, 1, "AAAA-MM-JJ.N", "YYYY-MM-DD.N");
  ExpectError(WithLine(1, "# no version"), 1, 1, "obligatoire", "required");
}

TEST(RuleSet, AnOversizedTextIsRefusedBeforeParsing) {
  const std::string text(kMaxRuleSetBytes + 1, ' ');
  ExpectError(text, 1, 1, "trop grand", "too large");
}

TEST(RuleSet, ErrorsAreCappedAndInLineOrder) {
  std::string text(kBase);
  for (int i = 0; i < 60; ++i) {
    text += "indicators { id: \"x" + std::to_string(i) +
            "\" kind: INDICATOR_KIND_TRAVEL_PAID_BY_THIRD_PARTY elements: "
            "ELEMENT_DECEPTIVE_RECRUITMENT grade: GRADE_MEDIUM points: -1 applies_to: "
            "APPLIES_TO_FEMALES label_fr: \"a\" label_en: \"b\" }\n";
  }
  const std::vector<RuleSetError> errors = Errors(text);
  ASSERT_EQ(errors.size(), kMaxRuleSetErrors);
  for (std::size_t i = 1; i < errors.size(); ++i) {
    EXPECT_LE(errors[i - 1].line, errors[i].line);
  }
  EXPECT_EQ(errors.front().line, 25);
}

}  // namespace
}  // namespace minegate::server::risk
