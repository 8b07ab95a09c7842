// Each indicator of the default rule set with the words a protection officer reads, and the
// flag decision (decisive, ILO combination, central pattern with another sign, score, bands).

#include "server/risk/risk_evaluator.hpp"

#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "server/risk/rule_set.hpp"
#include "tests/unit/server/risk/facts_builder.hpp"

namespace minegate::server::risk {
namespace {

using testing::FactsBuilder;
using testing::kDayMs;
using testing::kRegisteredAtMs;

constexpr std::int64_t kNowMs = kRegisteredAtMs + 2 * kDayMs;

v1::RiskAssessment Assess(const FactsBuilder& person, std::int64_t now_ms = kNowMs) {
  return Evaluate(DefaultRuleSet(), person.facts(), now_ms);
}

const v1::RaisedIndicator* Find(const v1::RiskAssessment& assessment, std::string_view id) {
  for (const v1::RaisedIndicator& indicator : assessment.indicators()) {
    if (indicator.id() == id) return &indicator;
  }
  return nullptr;
}

/// The one indicator raised, with its French and English words.
void ExpectOnly(const v1::RiskAssessment& assessment, std::string_view id, std::string_view fr,
                std::string_view en) {
  ASSERT_EQ(assessment.indicators_size(), 1) << assessment.DebugString();
  const v1::RaisedIndicator& indicator = assessment.indicators(0);
  EXPECT_EQ(indicator.id(), id);
  EXPECT_EQ(indicator.text_fr(), fr);
  EXPECT_EQ(indicator.text_en(), en);
}

TEST(RiskEvaluator, AnOrdinaryManRaisesNothing) {
  const v1::RiskAssessment assessment = Assess(FactsBuilder());
  EXPECT_EQ(assessment.rule_set_version(), "2026-12-07.2");
  EXPECT_EQ(assessment.score(), 0);
  EXPECT_FALSE(assessment.flagged());
  EXPECT_EQ(assessment.priority(), v1::PRIORITY_NONE);
  EXPECT_EQ(assessment.indicators_size(), 0);
  EXPECT_EQ(assessment.elements_present_size(), 0);
}

TEST(RiskEvaluator, AGirlOfFifteenIsFlaggedUrgent) {
  const v1::RiskAssessment assessment = Assess(FactsBuilder().Female().Born(2011, 3, 2));
  ExpectOnly(assessment, "female_minor", "Mineure : 15 ans", "Minor: 15 years old");
  const v1::RaisedIndicator& minor = assessment.indicators(0);
  EXPECT_EQ(minor.kind(), v1::INDICATOR_KIND_FEMALE_MINOR);
  EXPECT_EQ(minor.grade(), v1::GRADE_DECISIVE);
  EXPECT_EQ(minor.value(), "15");
  EXPECT_EQ(minor.points(), 10);
  EXPECT_TRUE(assessment.flagged());
  EXPECT_EQ(assessment.priority(), v1::PRIORITY_URGENT);
  EXPECT_EQ(assessment.score(), 10);
}

TEST(RiskEvaluator, AgeIsTakenAtRegistrationToTheDay) {
  // Registered 2026-12-01: born 2008-12-02 she is 17, born 2008-12-01 she is 18.
  const v1::RiskAssessment seventeen = Assess(FactsBuilder().Female().Born(2008, 12, 2));
  ExpectOnly(seventeen, "female_minor", "Mineure : 17 ans", "Minor: 17 years old");
  const v1::RiskAssessment eighteen = Assess(FactsBuilder().Female().Born(2008, 12, 1));
  ExpectOnly(eighteen, "female_young_adult", "Jeune femme de 18 à 25 ans : 18 ans",
             "Young woman aged 18 to 25: 18 years old");
  EXPECT_FALSE(eighteen.flagged());
  // Years later she is still the girl who was brought at 17.
  EXPECT_TRUE(
      Assess(FactsBuilder().Female().Born(2008, 12, 2), kRegisteredAtMs + 900 * kDayMs).flagged());
}

TEST(RiskEvaluator, AnImpreciseBirthCountsAsTheYoungestItAllows) {
  // Born "in 2008", estimated: 17 or 18 in December 2026, so possibly a minor.
  ExpectOnly(Assess(FactsBuilder().Female().BornAbout(2008)), "female_minor",
             "Mineure : environ 17 ans", "Minor: about 17 years old");
  ExpectOnly(Assess(FactsBuilder().Female().BornAbout(2004)), "female_young_adult",
             "Jeune femme de 18 à 25 ans : environ 21 ans",
             "Young woman aged 18 to 25: about 21 years old");
}

TEST(RiskEvaluator, AYoungWomanAloneIsOneWeakSignAndNoFlag) {
  const v1::RiskAssessment assessment = Assess(FactsBuilder().Female().Born(2004, 6, 1));
  ExpectOnly(assessment, "female_young_adult", "Jeune femme de 18 à 25 ans : 22 ans",
             "Young woman aged 18 to 25: 22 years old");
  EXPECT_EQ(assessment.indicators(0).grade(), v1::GRADE_WEAK);
  EXPECT_EQ(assessment.score(), 1);
  EXPECT_FALSE(assessment.flagged());
  EXPECT_EQ(assessment.elements_present_size(), 0);
}

TEST(RiskEvaluator, BoysAndMenRaiseNoneOfTheWomensSigns) {
  const v1::RiskAssessment assessment = Assess(
      FactsBuilder().Born(2011, 3, 2).Companion(v1::COMPANION_RELATION_EMPLOYER, "k1", true));
  EXPECT_EQ(assessment.indicators_size(), 0);
  EXPECT_FALSE(assessment.flagged());
}

TEST(RiskEvaluator, ACompanionWhoIsNotFamily) {
  ExpectOnly(Assess(FactsBuilder().Female().Companion(v1::COMPANION_RELATION_RECRUITER, "k1")),
             "companion_not_family",
             "Arrivée avec une personne qui n'est pas de sa famille : recruteur",
             "Arrived with someone who is not family: recruiter");
  // Two companions: both relations, in a fixed order whatever the order recorded.
  const v1::RiskAssessment two = Assess(FactsBuilder()
                                            .Female()
                                            .Companion(v1::COMPANION_RELATION_FRIEND, "k1")
                                            .Companion(v1::COMPANION_RELATION_EMPLOYER, "k2"));
  ExpectOnly(two, "companion_not_family",
             "Arrivée avec une personne qui n'est pas de sa famille : employeur, ami ou amie",
             "Arrived with someone who is not family: employer, friend");
  EXPECT_EQ(two.indicators(0).value(), "employer,friend");
  EXPECT_EQ(Assess(FactsBuilder().Female().Companion(v1::COMPANION_RELATION_UNKNOWN, "k1"))
                .indicators(0)
                .text_en(),
            "Arrived with someone who is not family: someone she does not know");
  EXPECT_EQ(Assess(FactsBuilder().Female().Companion(v1::COMPANION_RELATION_PARENT, "k1"))
                .indicators_size(),
            0);
}

TEST(RiskEvaluator, TheCompanionAnsweredForHer) {
  const v1::RiskAssessment assessment =
      Assess(FactsBuilder().Female().Companion(v1::COMPANION_RELATION_SPOUSE, "k1", true));
  ExpectOnly(assessment, "companion_answered_for_her",
             "La personne qui l'accompagnait a répondu à sa place (conjoint)",
             "The person with her answered in her place (spouse)");
  EXPECT_EQ(assessment.indicators(0).elements(0), v1::ELEMENT_COERCION_AT_DESTINATION);
  EXPECT_FALSE(assessment.flagged());
}

TEST(RiskEvaluator, HerDocumentHeldBySomeoneElse) {
  const v1::RiskAssessment assessment =
      Assess(FactsBuilder().Female().DocumentHeldBy(v1::DOCUMENT_HOLDER_EMPLOYER_OR_RECRUITER));
  ExpectOnly(assessment, "document_held_by_other",
             "Sa pièce d'identité est gardée par son employeur ou recruteur",
             "Her identity document is held by her employer or recruiter");
  EXPECT_EQ(assessment.indicators(0).grade(), v1::GRADE_STRONG);
  EXPECT_EQ(assessment.indicators(0).value(), "employer_or_recruiter");
  // One strong sign is not yet an element present, nor a flag.
  EXPECT_EQ(assessment.elements_present_size(), 0);
  EXPECT_FALSE(assessment.flagged());
  // She declined to answer: nothing is concluded from silence.
  EXPECT_EQ(Assess(FactsBuilder().Female().DocumentHeldBy(v1::DOCUMENT_HOLDER_DECLINED))
                .indicators_size(),
            0);
}

TEST(RiskEvaluator, NoIdentityDocument) {
  ExpectOnly(Assess(FactsBuilder().Female().NoDocument()), "no_identity_document",
             "N'a aucune pièce d'identité", "Has no identity document");
}

TEST(RiskEvaluator, TravelPaidAndDebtAreMediumEachAndStrongTogether) {
  ExpectOnly(Assess(FactsBuilder().Female().TravelPaid()), "travel_paid_by_third_party",
             "Son voyage a été payé par quelqu'un d'autre", "Someone else paid for her journey");
  ExpectOnly(Assess(FactsBuilder().Female().Debt()), "debt_declared",
             "Dit avoir une dette (voyage, logement ou recruteur)",
             "Says she owes a debt (journey, lodging or recruiter)");
  EXPECT_FALSE(Assess(FactsBuilder().Female().TravelPaid()).flagged());
  const v1::RiskAssessment both = Assess(FactsBuilder().Female().TravelPaid().Debt());
  ASSERT_EQ(both.indicators_size(), 3);
  const v1::RaisedIndicator* together = Find(both, "travel_paid_and_debt");
  ASSERT_NE(together, nullptr);
  EXPECT_EQ(together->grade(), v1::GRADE_STRONG);
  EXPECT_EQ(together->text_fr(), "Voyage payé par un tiers et dette à rembourser, ensemble");
  EXPECT_EQ(both.score(), 11);
  EXPECT_TRUE(both.flagged());
  EXPECT_EQ(both.priority(), v1::PRIORITY_MEDIUM);
}

TEST(RiskEvaluator, AJobPromisedOtherThanMining) {
  ExpectOnly(Assess(FactsBuilder().Female().Promised(v1::PROMISED_JOB_BAR)), "job_promised",
             "Venue pour un emploi promis autre que la mine : bar",
             "Came for a promised job other than mining: bar");
  ExpectOnly(Assess(FactsBuilder().Female().Promised(v1::PROMISED_JOB_HAIRDRESSING)),
             "job_promised", "Venue pour un emploi promis autre que la mine : coiffure",
             "Came for a promised job other than mining: hairdressing");
  ExpectOnly(Assess(FactsBuilder().Female().Promised(v1::PROMISED_JOB_DOMESTIC_WORK)),
             "job_promised", "Venue pour un emploi promis autre que la mine : travail domestique",
             "Came for a promised job other than mining: domestic work");
  EXPECT_EQ(Assess(FactsBuilder().Female().Promised(v1::PROMISED_JOB_MINING)).indicators_size(), 0);
}

TEST(RiskEvaluator, EnteredSenegalRecently) {
  ExpectOnly(Assess(FactsBuilder().Female().Entered(2026, 10, 2)), "entered_senegal_recently",
             "Entrée au Sénégal 60 jours avant son enregistrement (moins de 90 jours)",
             "Entered Senegal 60 days before registering (under 90 days)");
  // A month without its day: its first day, said "about".
  FactsBuilder month_only = FactsBuilder().Female();
  month_only.Entered(2026, 11, 0);
  ExpectOnly(Assess(month_only), "entered_senegal_recently",
             "Entrée au Sénégal environ 30 jours avant son enregistrement (moins de 90 jours)",
             "Entered Senegal about 30 days before registering (under 90 days)");
  EXPECT_EQ(Assess(FactsBuilder().Female().Entered(2026, 8, 1)).indicators_size(), 0);
  // "In 2026": perhaps in January, so not known to be recent.
  EXPECT_EQ(Assess(FactsBuilder().Female().Entered(2026, 0, 0)).indicators_size(), 0);
}

TEST(RiskEvaluator, SpeaksNoLocalOrOfficialLanguage) {
  const v1::RiskAssessment assessment = Assess(FactsBuilder().Female().Languages({"yor", "eng"}));
  ExpectOnly(assessment, "no_local_language",
             "Ne parle aucune langue officielle ou locale ; parle : anglais, yoruba",
             "Speaks no official or local language; speaks: English, Yoruba");
  EXPECT_EQ(assessment.indicators(0).value(), "eng,yor");
  EXPECT_EQ(Assess(FactsBuilder().Female().Languages({"eng", "bam"})).indicators_size(), 0);
  EXPECT_EQ(Assess(FactsBuilder().Female().Languages({})).indicators_size(), 0);
}

TEST(RiskEvaluator, TheSameCompanionBroughtSeveralYoungWomen) {
  const std::int64_t t = kRegisteredAtMs;
  FactsBuilder her = FactsBuilder().Female().Born(2005, 1, 1);
  her.Companion(v1::COMPANION_RELATION_RECRUITER, "0a0b", false, t)
      .Brought(2, v1::SEX_FEMALE, 2006, t - 20 * kDayMs)
      .Brought(3, v1::SEX_FEMALE, 2003, t + 30 * kDayMs)
      .Brought(4, v1::SEX_MALE, 2004, t)                   // a man: not counted
      .Brought(5, v1::SEX_FEMALE, 1980, t)                 // not young: not counted
      .Brought(6, v1::SEX_FEMALE, 2004, t - 80 * kDayMs)   // outside the window
      .Brought(3, v1::SEX_FEMALE, 2003, t + 31 * kDayMs);  // the same woman again
  const v1::RiskAssessment assessment = Assess(her);
  const v1::RaisedIndicator* pattern = Find(assessment, "recruiter_pattern");
  ASSERT_NE(pattern, nullptr) << assessment.DebugString();
  EXPECT_EQ(pattern->value(), "3");
  EXPECT_EQ(pattern->text_fr(),
            "La personne qui l'accompagnait a amené 3 filles ou jeunes femmes de 25 ans au plus "
            "en 60 jours");
  EXPECT_EQ(pattern->text_en(),
            "The person with her brought 3 girls or young women aged 25 or under within 60 days");
  // The central pattern with any other sign (here her age and the companion) flags her.
  EXPECT_TRUE(assessment.flagged());
  EXPECT_NE(Find(assessment, "companion_not_family"), nullptr);
}

TEST(RiskEvaluator, AMotherWithHerDaughtersIsNoRecruiter) {
  const std::int64_t t = kRegisteredAtMs;
  FactsBuilder daughter = FactsBuilder().Female().Born(2004, 2, 2);
  daughter.Companion(v1::COMPANION_RELATION_PARENT, "0c0d", false, t)
      .Brought(2, v1::SEX_FEMALE, 2006, t)
      .Brought(3, v1::SEX_FEMALE, 2002, t)
      .Brought(4, v1::SEX_FEMALE, 2007, t);
  const v1::RiskAssessment assessment = Assess(daughter);
  EXPECT_EQ(Find(assessment, "recruiter_pattern"), nullptr);
  EXPECT_FALSE(assessment.flagged());
}

TEST(RiskEvaluator, ShortStaysAtManySites) {
  const std::int64_t t = kRegisteredAtMs;
  FactsBuilder her = FactsBuilder().Female().Born(1995, 1, 1);
  her.Passage(1, v1::DIRECTION_IN, t)
      .Passage(2, v1::DIRECTION_IN, t + 5 * kDayMs)
      .Passage(2, v1::DIRECTION_OUT, t + 9 * kDayMs)
      .Passage(3, v1::DIRECTION_IN, t + 10 * kDayMs)
      .Passage(4, v1::DIRECTION_IN, t + 17 * kDayMs);
  const v1::RiskAssessment assessment = Assess(her, t + 18 * kDayMs);
  ExpectOnly(assessment, "moved_between_sites",
             "Déplacée entre 4 sites en 30 jours, séjours de moins de 10 jours",
             "Moved between 4 sites within 30 days, stays under 10 days");
  EXPECT_EQ(assessment.indicators(0).grade(), v1::GRADE_STRONG);
  // Alone it is a reason to watch, not a flag; with any other sign it flags.
  EXPECT_FALSE(assessment.flagged());
  EXPECT_TRUE(Assess(her.Companion(v1::COMPANION_RELATION_FRIEND, "k"), t + 18 * kDayMs).flagged());
}

TEST(RiskEvaluator, ALongStayOrAWideSpreadIsNotBeingMoved) {
  const std::int64_t t = kRegisteredAtMs;
  FactsBuilder settled = FactsBuilder().Female();
  settled.Passage(1, v1::DIRECTION_IN, t)
      .Passage(2, v1::DIRECTION_IN, t + 3 * kDayMs)
      .Passage(3, v1::DIRECTION_IN, t + 20 * kDayMs)  // 17 days at site 2
      .Passage(4, v1::DIRECTION_IN, t + 25 * kDayMs);
  EXPECT_EQ(Assess(settled, t + 26 * kDayMs).indicators_size(), 0);
  FactsBuilder spread = FactsBuilder().Female();
  for (std::uint32_t site = 1; site <= 4; ++site) {
    // Every 11 days: the first and the fourth are 33 days apart, beyond the 30-day window.
    spread.Passage(site, v1::DIRECTION_IN, t + site * 11 * kDayMs);
    spread.Passage(site, v1::DIRECTION_OUT, t + (site * 11 + 2) * kDayMs);
  }
  EXPECT_EQ(Assess(spread, t + 60 * kDayMs).indicators_size(), 0);
}

TEST(RiskEvaluator, AWomanTradingOnHerOwnAccountIsNotBeingMoved) {
  const std::int64_t t = kRegisteredAtMs;
  FactsBuilder trader = FactsBuilder().Female().Purpose(v1::PURPOSE_OWN_TRADE);
  for (std::uint32_t week = 0; week < 6; ++week) {
    trader.Passage(1 + week % 5, v1::DIRECTION_IN, t + week * 7 * kDayMs);
    trader.Passage(1 + week % 5, v1::DIRECTION_OUT, t + (week * 7 + 2) * kDayMs);
  }
  EXPECT_EQ(Assess(trader, t + 50 * kDayMs).indicators_size(), 0);
}

TEST(RiskEvaluator, ASearchNoticeMatchIsDecisiveForAnyone) {
  const v1::RiskAssessment by_document = Assess(FactsBuilder().NoticeMatch(
      12, v1::SEARCH_NOTICE_KIND_MISSING, v1::SEARCH_NOTICE_MATCH_METHOD_DOCUMENT_NUMBER, 1.0));
  ExpectOnly(by_document, "search_notice_match",
             "Correspond à un avis de recherche : n° 12 (personne disparue, même numéro de pièce "
             "d'identité)",
             "Matches a search notice: no. 12 (missing person, same identity document number)");
  EXPECT_TRUE(by_document.flagged());
  EXPECT_EQ(by_document.priority(), v1::PRIORITY_URGENT);
  EXPECT_EQ(by_document.indicators(0).value(), "notice:12");

  const v1::RiskAssessment by_name = Assess(FactsBuilder().Female().NoticeMatch(
      7, v1::SEARCH_NOTICE_KIND_WATCH, v1::SEARCH_NOTICE_MATCH_METHOD_NAME_BIRTH_NATIONALITY, 0.9));
  ExpectOnly(by_name, "search_notice_match",
             "Correspond à un avis de recherche : n° 7 (personne à surveiller, nom proche, même "
             "année de naissance et nationalité)",
             "Matches a search notice: no. 7 (person to watch for, similar name, same birth year "
             "and nationality)");
  // Below the rule's min_similarity (0.85) a name match is not one.
  EXPECT_EQ(
      Assess(FactsBuilder().NoticeMatch(7, v1::SEARCH_NOTICE_KIND_WATCH,
                                        v1::SEARCH_NOTICE_MATCH_METHOD_NAME_BIRTH_NATIONALITY, 0.8))
          .indicators_size(),
      0);
}

TEST(RiskEvaluator, ScoreAndPriorityBands) {
  // 3 + 3 + 1 = 7: the flag threshold, priority low.
  const v1::RiskAssessment seven =
      Assess(FactsBuilder().Female().Born(2004, 1, 1).Promised(v1::PROMISED_JOB_BAR).TravelPaid());
  EXPECT_EQ(seven.score(), 7);
  EXPECT_TRUE(seven.flagged());
  EXPECT_EQ(seven.priority(), v1::PRIORITY_LOW);
  ASSERT_EQ(seven.elements_present_size(), 1);
  EXPECT_EQ(seven.elements_present(0), v1::ELEMENT_DECEPTIVE_RECRUITMENT);
  // 5 + 3 + 3 + 1 = 12: high.
  const v1::RiskAssessment twelve =
      Assess(FactsBuilder()
                 .Female()
                 .Born(2004, 1, 1)
                 .DocumentHeldBy(v1::DOCUMENT_HOLDER_COMPANION)
                 .Companion(v1::COMPANION_RELATION_RECRUITER, "k1", true));
  EXPECT_EQ(twelve.score(), 12);
  EXPECT_EQ(twelve.priority(), v1::PRIORITY_HIGH);
  // 3 + 3 = 6: one short of the threshold, no element present, no flag.
  const v1::RiskAssessment six =
      Assess(FactsBuilder().Female().Companion(v1::COMPANION_RELATION_FRIEND, "k1", true));
  EXPECT_EQ(six.score(), 6);
  EXPECT_FALSE(six.flagged());
}

TEST(RiskEvaluator, WeakSignsCountTogetherForAtMostTwoPoints) {
  // Issue 12's evaluation: a young Nigerian woman who came with a friend was flagged (3 for the
  // friend, 4 for her age, a recent entry, no document, no local language: 7), a Senegalese woman
  // in the same situation was not (3 + 1). The weak signs follow nationality; counted together
  // for at most 2 points (weak_points_cap), one medium sign with them never reaches 7.
  const v1::RiskAssessment nigerian = Assess(FactsBuilder()
                                                 .Female()
                                                 .Born(2005, 3, 1)
                                                 .Nationality("NGA")
                                                 .Companion(v1::COMPANION_RELATION_FRIEND, "k1")
                                                 .NoDocument()
                                                 .Entered(2026, 11, 1)
                                                 .Languages({"eng", "pcm"}));
  ASSERT_EQ(nigerian.indicators_size(), 5) << nigerian.DebugString();
  int listed = 0;
  for (const v1::RaisedIndicator& indicator : nigerian.indicators()) listed += indicator.points();
  EXPECT_EQ(listed, 7);  // each sign still listed with its own points
  EXPECT_EQ(nigerian.score(), 5);
  EXPECT_FALSE(nigerian.flagged());
  EXPECT_EQ(nigerian.elements_present_size(), 0);
  const v1::RiskAssessment senegalese = Assess(
      FactsBuilder().Female().Born(2005, 3, 1).Companion(v1::COMPANION_RELATION_FRIEND, "k1"));
  EXPECT_EQ(senegalese.score(), 4);
  EXPECT_EQ(senegalese.flagged(), nigerian.flagged());

  // What the weak signs complete is unchanged: a strong sign with two of them flags (5 + 2)...
  const v1::RiskAssessment strong = Assess(FactsBuilder()
                                               .Female()
                                               .Born(2005, 3, 1)
                                               .DocumentHeldBy(v1::DOCUMENT_HOLDER_COMPANION)
                                               .Entered(2026, 11, 1)
                                               .Languages({"eng"}));
  EXPECT_EQ(strong.score(), 7);
  EXPECT_TRUE(strong.flagged());
  // ...and two medium signs with one (3 + 3 + 1), whatever her nationality.
  const v1::RiskAssessment two_medium = Assess(FactsBuilder()
                                                   .Female()
                                                   .Born(2005, 3, 1)
                                                   .Companion(v1::COMPANION_RELATION_FRIEND, "k1")
                                                   .TravelPaid());
  EXPECT_EQ(two_medium.score(), 7);
  EXPECT_TRUE(two_medium.flagged());
  // An element counts its weak signs capped too: travel paid (3, elements 1 and 3) with her age,
  // no document, a recent entry and no local language (4 on element 3) is no element present.
  const v1::RiskAssessment paid = Assess(FactsBuilder()
                                             .Female()
                                             .Born(2005, 3, 1)
                                             .TravelPaid()
                                             .NoDocument()
                                             .Entered(2026, 11, 1)
                                             .Languages({"eng"}));
  EXPECT_EQ(paid.score(), 5);
  EXPECT_EQ(paid.elements_present_size(), 0);
  EXPECT_FALSE(paid.flagged());
}

TEST(RiskEvaluator, AReusedAssessmentIsTheSameAsAFreshOne) {
  v1::RiskAssessment reused;
  Evaluate(DefaultRuleSet(), FactsBuilder().Female().Born(2011, 1, 1).facts(), kNowMs, reused);
  Evaluate(DefaultRuleSet(), FactsBuilder().Female().TravelPaid().facts(), kNowMs, reused);
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(
      reused, Assess(FactsBuilder().Female().TravelPaid())))
      << reused.DebugString();
}

TEST(CompanionKey, ATokenOrAFoldedDescription) {
  v1::CompanionRecorded by_token;
  by_token.set_companion_person_token(std::string("\x01\xab", 2) + std::string(14, '\0'));
  EXPECT_EQ(CompanionKey(by_token), "01ab0000000000000000000000000000");
  v1::CompanionRecorded described;
  described.set_companion_description("Moussa, moto rouge");
  v1::CompanionRecorded described_again;
  described_again.set_companion_description("MOUSSA  moto-rouge");
  EXPECT_EQ(CompanionKey(described), "d:moussa moto rouge");
  EXPECT_EQ(CompanionKey(described), CompanionKey(described_again));
  described.set_companion_description("--");
  EXPECT_EQ(CompanionKey(described), "");
  EXPECT_EQ(CompanionKey(v1::CompanionRecorded()), "");
}

// The flag decision on a rule set where the score threshold is out of reach: the ILO
// combination and the central pattern decide alone.
constexpr std::string_view kStructureOnly = R"(
version: "2026-12-07.9"
element_threshold: 4
flag_threshold: 100
indicators { id: "minor" kind: INDICATOR_KIND_FEMALE_MINOR grade: GRADE_DECISIVE points: 10
  applies_to: APPLIES_TO_FEMALES max_age_years: 17 label_fr: "M {value}" label_en: "M {value}" }
indicators { id: "job" kind: INDICATOR_KIND_JOB_PROMISED elements: ELEMENT_DECEPTIVE_RECRUITMENT
  grade: GRADE_STRONG points: 4 applies_to: APPLIES_TO_FEMALES jobs: PROMISED_JOB_BAR
  label_fr: "J {value}" label_en: "J {value}" }
indicators { id: "doc" kind: INDICATOR_KIND_DOCUMENT_HELD_BY_OTHER
  elements: ELEMENT_COERCION_AT_DESTINATION grade: GRADE_STRONG points: 4
  applies_to: APPLIES_TO_FEMALES holders: DOCUMENT_HOLDER_COMPANION
  label_fr: "D {value}" label_en: "D {value}" }
indicators { id: "answered" kind: INDICATOR_KIND_COMPANION_ANSWERED_FOR_HER
  elements: ELEMENT_COERCION_AT_DESTINATION grade: GRADE_MEDIUM points: 2
  applies_to: APPLIES_TO_FEMALES label_fr: "A {value}" label_en: "A {value}" }
indicators { id: "moved" kind: INDICATOR_KIND_MOVED_BETWEEN_SITES
  elements: ELEMENT_COERCION_AT_DESTINATION grade: GRADE_STRONG points: 3
  flags_with_any_other: true applies_to: APPLIES_TO_FEMALES min_sites: 2 max_stay_days: 5
  window_days: 10 label_fr: "S {value}" label_en: "S {value}" }
)";

TEST(RiskEvaluator, RecruitmentAndDestinationElementsTogetherFlag) {
  const RuleSetResult rules = ParseRuleSet(kStructureOnly);
  ASSERT_TRUE(rules) << rules.error().front().Text();
  const auto assess = [&](const FactsBuilder& person) {
    return Evaluate(rules.value(), person.facts(), kNowMs);
  };
  // Element 1 alone, element 5 alone: each present, neither a flag.
  const v1::RiskAssessment recruitment =
      assess(FactsBuilder().Female().Promised(v1::PROMISED_JOB_BAR));
  EXPECT_EQ(recruitment.elements_present_size(), 1);
  EXPECT_FALSE(recruitment.flagged());
  EXPECT_FALSE(
      assess(FactsBuilder().Female().DocumentHeldBy(v1::DOCUMENT_HOLDER_COMPANION)).flagged());
  // Both: flagged at score 8, far below the threshold; the lowest band.
  const v1::RiskAssessment both = assess(FactsBuilder()
                                             .Female()
                                             .Promised(v1::PROMISED_JOB_BAR)
                                             .DocumentHeldBy(v1::DOCUMENT_HOLDER_COMPANION));
  EXPECT_EQ(both.score(), 8);
  EXPECT_TRUE(both.flagged());
  EXPECT_EQ(both.priority(), v1::PRIORITY_LOW);
  // A sign of element 5 below its threshold with element 1 present: no flag.
  EXPECT_FALSE(assess(FactsBuilder()
                          .Female()
                          .Promised(v1::PROMISED_JOB_BAR)
                          .Companion(v1::COMPANION_RELATION_SPOUSE, "k", true))
                   .flagged());
}

TEST(RiskEvaluator, ACentralPatternFlagsWithAnyOtherSign) {
  const RuleSetResult rules = ParseRuleSet(kStructureOnly);
  ASSERT_TRUE(rules);
  FactsBuilder moved = FactsBuilder().Female();
  moved.Passage(1, v1::DIRECTION_IN, kRegisteredAtMs)
      .Passage(2, v1::DIRECTION_IN, kRegisteredAtMs + 2 * kDayMs);
  const v1::RiskAssessment alone = Evaluate(rules.value(), moved.facts(), kNowMs);
  ASSERT_EQ(alone.indicators_size(), 1);
  EXPECT_FALSE(alone.flagged());
  moved.Companion(v1::COMPANION_RELATION_SPOUSE, "k", true);
  const v1::RiskAssessment with_other = Evaluate(rules.value(), moved.facts(), kNowMs);
  EXPECT_EQ(with_other.score(), 5);
  EXPECT_TRUE(with_other.flagged());
}

}  // namespace
}  // namespace minegate::server::risk
