// Search notices (missing person, watch) against registrations, both ways, through the real
// EventWriter and its risk monitor on a real SQLite file.
#include "server/protection/assessment_store.hpp"
#include "server/protection/case_store.hpp"
#include "server/protection/search_notice_store.hpp"
#include "tests/integration/server/protection/protection_fixture.hpp"

namespace minegate::server::protection {
namespace {

/// The notice as the consulate wrote it.
SearchNoticeInput Notice() {
  SearchNoticeInput notice;
  notice.kind = v1::SEARCH_NOTICE_KIND_MISSING;
  notice.given_name = "Fatoumata";
  notice.family_name = "Diallo";
  notice.sex = v1::SEX_FEMALE;
  notice.birth_year = 2005;
  notice.nationality = "GIN";
  notice.photo_description = "Tresses, cicatrice au menton / braids, scar on the chin";
  notice.reporting_service = "Consulat de Guinée, Tambacounda";
  return notice;
}

/// How the agent wrote her at the gate: a misspelt given name, a transliterated family name,
/// an estimated year one off.
PersonSpec AsRegistered() {
  PersonSpec spec;
  spec.given = "Fatumata";
  spec.family = "Jallo";
  spec.sex = v1::SEX_FEMALE;
  spec.birth_year = 2006;
  spec.nationality = "GIN";
  spec.occupation = v1::OCCUPATION_FOOD_SERVICE;
  spec.purpose = v1::PURPOSE_OTHER;
  spec.document_number = "GN778899";
  spec.languages = {"fuf", "fra"};
  return spec;
}

class SearchNoticeTest : public ProtectionTest {
 protected:
  /// A watch notice on a document number alone, as `number` is typed; the persons it matched.
  std::vector<SearchNoticeMatch> WatchDocument(const std::string& number) {
    SearchNoticeStore notices(Reader(), clock());
    SearchNoticeInput notice;
    notice.kind = v1::SEARCH_NOTICE_KIND_WATCH;
    notice.document_number = number;
    notice.reporting_service = "Brigade des mineurs";
    auto created = notices.Create(notice, "officer.sow");
    EXPECT_TRUE(created) << created.error().message();
    if (!created) return {};
    return created.value().matches;
  }

  std::optional<v1::RiskAssessment> AssessmentOf(const std::string& token) {
    auto store = AssessmentStore::Create(Reader());
    auto stored = store.value()->Get(token);
    EXPECT_TRUE(stored);
    if (!stored || !stored.value()) return std::nullopt;
    return stored.value()->assessment;
  }
};

TEST_F(SearchNoticeTest, ANoticeEnteredBeforeFindsTheRegistrationDespiteTheSpelling) {
  OpenWriter();
  SearchNoticeStore notices(Reader(), clock());
  auto created = notices.Create(Notice(), "officer.ndiaye");
  ASSERT_TRUE(created) << created.error().message();
  EXPECT_TRUE(created.value().matches.empty());

  Kiosk kiosk(14);
  const std::string her = Token(0x81);
  PersonSpec other = AsRegistered();
  other.given = "Aminata";
  other.family = "Camara";
  other.document_number = "GN111111";
  Send(kiosk,
       {kiosk.Registered(her, AsRegistered(), kNow), kiosk.Registered(Token(0x82), other, kNow)});

  auto matches = notices.Matches(created.value().notice_id);
  ASSERT_TRUE(matches);
  ASSERT_EQ(matches.value().size(), 1u);
  EXPECT_EQ(matches.value()[0].person_token, her);
  EXPECT_EQ(matches.value()[0].method, v1::SEARCH_NOTICE_MATCH_METHOD_NAME_BIRTH_NATIONALITY);
  EXPECT_GE(matches.value()[0].similarity, 0.85);
  const auto assessment = AssessmentOf(her);
  ASSERT_TRUE(assessment);
  EXPECT_TRUE(assessment->flagged());
  EXPECT_EQ(assessment->priority(), v1::PRIORITY_URGENT);
  ASSERT_GE(assessment->indicators_size(), 1);
  EXPECT_EQ(assessment->indicators(assessment->indicators_size() - 1).kind(),
            v1::INDICATOR_KIND_SEARCH_NOTICE_MATCH);
  EXPECT_EQ(Count("SELECT count(*) FROM protection_cases"), 1);
  EXPECT_FALSE(AssessmentOf(Token(0x82))->flagged());
}

TEST_F(SearchNoticeTest, ANoticeEnteredAfterFindsThePersonAlreadyRegistered) {
  OpenWriter();
  Kiosk kiosk(12);
  const std::string her = Token(0x83);
  Send(kiosk, {kiosk.Registered(her, AsRegistered(), kNow)});
  EXPECT_EQ(Count("SELECT count(*) FROM protection_cases"), 0);

  SearchNoticeStore notices(Reader(), clock());
  auto created = notices.Create(Notice(), "officer.ndiaye");
  ASSERT_TRUE(created) << created.error().message();
  ASSERT_EQ(created.value().matches.size(), 1u);
  EXPECT_EQ(created.value().matches[0].person_token, her);
  // Re-evaluated in the same transaction: flagged, with her case.
  const auto assessment = AssessmentOf(her);
  ASSERT_TRUE(assessment);
  EXPECT_TRUE(assessment->flagged());
  auto cases = CaseStore::Create(Reader(), clock());
  auto found = cases.value()->ForPerson(her);
  ASSERT_TRUE(found && found.value());
  EXPECT_EQ(found.value()->priority, v1::PRIORITY_URGENT);
  auto history = cases.value()->History(found.value()->case_id);
  ASSERT_TRUE(history);
  ASSERT_EQ(history.value().size(), 2u);
  EXPECT_EQ(history.value()[0].action, "flagged");
  EXPECT_EQ(history.value()[1].action, "notice_matched");

  // Closed: the notice no longer raises anything; her case stays for the officers.
  ASSERT_TRUE(notices.Close(created.value().notice_id, "officer.ndiaye"));
  EXPECT_FALSE(AssessmentOf(her)->flagged());
  EXPECT_TRUE(cases.value()->ForPerson(her).value());
  EXPECT_EQ(notices.Close(created.value().notice_id, "officer.ndiaye").error(),
            make_error_code(Errc::notice_closed));
}

TEST_F(SearchNoticeTest, ADocumentNumberMatchesWhateverTheNames) {
  OpenWriter();
  Kiosk kiosk(12);
  const std::string her = Token(0x84);
  Send(kiosk, {kiosk.Registered(her, AsRegistered(), kNow)});
  const auto matches = WatchDocument("gn-778 899");
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].method, v1::SEARCH_NOTICE_MATCH_METHOD_DOCUMENT_NUMBER);
  EXPECT_EQ(matches[0].similarity, 1.0);
}

TEST_F(SearchNoticeTest, ADocumentNumberMatchesHoweverTheGateWroteIt) {
  OpenWriter();
  Kiosk kiosk(12);
  const std::string her = Token(0x85);
  PersonSpec spaced = AsRegistered();
  spaced.given = "Awa";  // a name no route by name would bring near the notice's
  spaced.family = "Keita";
  spaced.document_number = "GN 778-899";  // as printed on her card, separators and all
  Send(kiosk, {kiosk.Registered(her, spaced, kNow)});
  const auto matches = WatchDocument("gn778899");
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].person_token, her);
  EXPECT_EQ(matches[0].method, v1::SEARCH_NOTICE_MATCH_METHOD_DOCUMENT_NUMBER);
}

TEST_F(SearchNoticeTest, ANoticeThatContradictsTheRegistrationDoesNotMatch) {
  OpenWriter();
  Kiosk kiosk(12);
  PersonSpec older = AsRegistered();
  older.birth_year = 1995;
  PersonSpec other_country = AsRegistered();
  other_country.nationality = "MLI";
  other_country.document_number = "ML000001";
  older.document_number = "GN000002";
  Send(kiosk, {kiosk.Registered(Token(0x85), older, kNow),
               kiosk.Registered(Token(0x86), other_country, kNow)});
  SearchNoticeStore notices(Reader(), clock());
  auto created = notices.Create(Notice(), "officer.ndiaye");
  ASSERT_TRUE(created);
  EXPECT_TRUE(created.value().matches.empty());
  EXPECT_EQ(Count("SELECT count(*) FROM protection_cases"), 0);
}

TEST_F(SearchNoticeTest, ANoticeWithNothingToSearchByIsRefused) {
  SearchNoticeStore notices(Reader(), clock());
  SearchNoticeInput empty;
  empty.reporting_service = "Police";
  EXPECT_EQ(notices.Create(empty, "officer.ndiaye").error(), make_error_code(Errc::bad_notice));
  SearchNoticeInput bad = Notice();
  bad.nationality = "gin";
  EXPECT_EQ(notices.Create(bad, "officer.ndiaye").error(), make_error_code(Errc::bad_notice));
  bad = Notice();
  bad.reporting_service.clear();
  EXPECT_EQ(notices.Create(bad, "officer.ndiaye").error(), make_error_code(Errc::bad_notice));
  EXPECT_EQ(Count("SELECT count(*) FROM search_notices"), 0);
}

}  // namespace
}  // namespace minegate::server::protection
