// The risk monitor inside the real EventWriter on a real SQLite file: flags and cases exist
// when a batch is acknowledged, from the projections whatever the order events arrive in.
#include "server/protection/risk_monitor.hpp"

#include <algorithm>
#include <map>
#include <random>

#include "server/protection/assessment_store.hpp"
#include "server/protection/case_store.hpp"
#include "server/protection/search_notice_store.hpp"
#include "server/risk/rule_set.hpp"
#include "tests/integration/server/protection/protection_fixture.hpp"

namespace minegate::server::protection {
namespace {

PersonSpec Girl(std::uint32_t birth_year) {
  PersonSpec girl;
  girl.given = "Mariam";
  girl.family = "Keita";
  girl.sex = v1::SEX_FEMALE;
  girl.birth_year = birth_year;
  girl.occupation = v1::OCCUPATION_NONE;
  girl.purpose = v1::PURPOSE_JOIN_FAMILY;
  return girl;
}

/// A woman of 20-22 with nothing decisive: her own signs stay below the flag.
PersonSpec YoungWoman(const std::string& given, std::uint32_t birth_year) {
  PersonSpec woman;
  woman.given = given;
  woman.family = "Okafor";
  woman.sex = v1::SEX_FEMALE;
  woman.birth_year = birth_year;
  woman.nationality = "NGA";
  woman.occupation = v1::OCCUPATION_TRADER;
  woman.purpose = v1::PURPOSE_OTHER;
  woman.document_number = "A0" + given;
  woman.languages = {"eng", "pcm"};
  return woman;
}

class RiskMonitorTest : public ProtectionTest {
 protected:
  std::optional<StoredAssessment> AssessmentOf(const std::string& token) {
    auto store = AssessmentStore::Create(Reader());
    EXPECT_TRUE(store);
    auto stored = store.value()->Get(token);
    EXPECT_TRUE(stored) << stored.error().message();
    return stored ? stored.value() : std::nullopt;
  }
  std::optional<CaseSummary> CaseOf(const std::string& token) {
    auto cases = CaseStore::Create(Reader(), clock());
    EXPECT_TRUE(cases);
    auto found = cases.value()->ForPerson(token);
    EXPECT_TRUE(found) << found.error().message();
    return found ? found.value() : std::nullopt;
  }
  static bool Raised(const v1::RiskAssessment& assessment, const std::string& id) {
    return std::any_of(assessment.indicators().begin(), assessment.indicators().end(),
                       [&](const v1::RaisedIndicator& raised) { return raised.id() == id; });
  }
};

TEST_F(RiskMonitorTest, AGirlOf15HasHerFlagAndCaseWhenTheKioskIsAcknowledged) {
  OpenWriter();
  Kiosk kiosk(12);
  const std::string girl = Token(0x15);
  std::int64_t cases_at_ack = -1;
  std::int64_t flagged_at_ack = -1;
  Send(kiosk, {kiosk.Registered(girl, Girl(2011), kNow)}, [&] {
    // Another connection, as the officers' API would read, before the kiosk hears of it.
    auto reader = db::Connection::Open(database());
    ASSERT_TRUE(reader);
    cases_at_ack = db::QueryOne(reader.value(), "SELECT count(*) FROM protection_cases",
                                [](const db::Statement& row) { return row.ColumnInt64(0); })
                       .value();
    flagged_at_ack =
        db::QueryOne(reader.value(), "SELECT count(*) FROM risk_assessments WHERE flagged = 1",
                     [](const db::Statement& row) { return row.ColumnInt64(0); })
            .value();
  });
  EXPECT_EQ(cases_at_ack, 1);
  EXPECT_EQ(flagged_at_ack, 1);

  const auto assessment = AssessmentOf(girl);
  ASSERT_TRUE(assessment);
  EXPECT_TRUE(assessment->assessment.flagged());
  EXPECT_EQ(assessment->assessment.priority(), v1::PRIORITY_URGENT);
  EXPECT_EQ(assessment->assessment.rule_set_version(), risk::DefaultRuleSet().version());
  ASSERT_TRUE(Raised(assessment->assessment, "female_minor"));
  const auto& raised = assessment->assessment.indicators(0);
  EXPECT_EQ(raised.id(), "female_minor");
  EXPECT_NE(raised.text_fr().find("ans"), std::string::npos) << raised.text_fr();
  EXPECT_NE(raised.text_en().find("years old"), std::string::npos) << raised.text_en();

  const auto found = CaseOf(girl);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->status, CaseStatus::kNew);
  EXPECT_EQ(found->priority, v1::PRIORITY_URGENT);
  EXPECT_EQ(found->first_flagged_at_ms, Now());
  auto cases = CaseStore::Create(Reader(), clock());
  auto history = cases.value()->History(found->case_id);
  ASSERT_TRUE(history);
  ASSERT_EQ(history.value().size(), 1u);
  EXPECT_EQ(history.value()[0].action, "flagged");
  EXPECT_FALSE(history.value()[0].actor);
  EXPECT_NE(history.value()[0].detail.find("female_minor"), std::string::npos);
}

TEST_F(RiskMonitorTest, AnAdultMaleMinerIsAssessedAndNotFlagged) {
  OpenWriter();
  Kiosk kiosk(12);
  const std::string miner = Token(0x20);
  PersonSpec spec;  // a man of 36, miner, his own document
  Send(kiosk, {kiosk.Registered(miner, spec, kNow),
               kiosk.Companion(miner, Token(0x21), v1::COMPANION_RELATION_FRIEND, kNow),
               kiosk.Passed(miner, v1::DIRECTION_IN, kNow + 1000)});
  const auto assessment = AssessmentOf(miner);
  ASSERT_TRUE(assessment);
  EXPECT_FALSE(assessment->assessment.flagged());
  EXPECT_EQ(assessment->assessment.priority(), v1::PRIORITY_NONE);
  EXPECT_EQ(assessment->assessment.score(), 0);
  EXPECT_FALSE(CaseOf(miner));
  EXPECT_EQ(Count("SELECT count(*) FROM protection_cases"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM case_history"), 0);
}

TEST_F(RiskMonitorTest, ARecruiterPatternAcrossThreeBatchesFromTwoKiosksFlagsEveryYoungWoman) {
  OpenWriter();
  Kiosk bantako(12);
  Kiosk sabodala(14);
  const std::string recruiter = Token(0x50);  // his bracelet was read as her companion's
  const std::string first = Token(0x31);
  const std::string second = Token(0x32);
  const std::string third = Token(0x33);
  const std::string man = Token(0x34);

  Send(bantako, {bantako.Registered(first, YoungWoman("Blessing", 2005), kNow),
                 bantako.Companion(first, recruiter, v1::COMPANION_RELATION_FRIEND, kNow)});
  // A man the same companion brought does not count.
  PersonSpec spec;
  Send(sabodala,
       {sabodala.Registered(second, YoungWoman("Joy", 2006), kNow + 10 * kDayMs),
        sabodala.Companion(second, recruiter, v1::COMPANION_RELATION_FRIEND, kNow + 10 * kDayMs),
        sabodala.Registered(man, spec, kNow + 11 * kDayMs),
        sabodala.Companion(man, recruiter, v1::COMPANION_RELATION_FRIEND, kNow + 11 * kDayMs)});
  EXPECT_EQ(Count("SELECT count(*) FROM protection_cases"), 0);
  ASSERT_TRUE(AssessmentOf(first));
  EXPECT_FALSE(AssessmentOf(first)->assessment.flagged());

  Send(bantako,
       {bantako.Registered(third, YoungWoman("Precious", 2004), kNow + 20 * kDayMs),
        bantako.Companion(third, recruiter, v1::COMPANION_RELATION_FRIEND, kNow + 20 * kDayMs)});
  for (const auto& woman : {first, second, third}) {
    const auto assessment = AssessmentOf(woman);
    ASSERT_TRUE(assessment);
    EXPECT_TRUE(assessment->assessment.flagged());
    EXPECT_TRUE(Raised(assessment->assessment, "recruiter_pattern"));
    const auto found = CaseOf(woman);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->status, CaseStatus::kNew);
  }
  EXPECT_FALSE(AssessmentOf(man)->assessment.flagged());
  EXPECT_EQ(Count("SELECT count(*) FROM protection_cases"), 3);
}

TEST_F(RiskMonitorTest, ADescribedCompanionMeetsHimselfWhateverTheSpelling) {
  OpenWriter();
  Kiosk bantako(12);
  Kiosk khossanto(16);
  const char* descriptions[] = {"Moussa, moto rouge", "MOUSSA moto rouge", "moussa - Moto Rouge"};
  for (std::uint8_t i = 0; i < 3; ++i) {
    Kiosk& kiosk = i % 2 == 0 ? bantako : khossanto;
    const std::string woman = Token(0x40, i);
    const std::int64_t at = kNow + i * 5 * kDayMs;
    Send(kiosk,
         {kiosk.Registered(woman, YoungWoman("Esther" + std::to_string(i), 2005), at),
          kiosk.DescribedCompanion(woman, descriptions[i], v1::COMPANION_RELATION_UNKNOWN, at)});
  }
  for (std::uint8_t i = 0; i < 3; ++i) {
    const auto assessment = AssessmentOf(Token(0x40, i));
    ASSERT_TRUE(assessment);
    EXPECT_TRUE(Raised(assessment->assessment, "recruiter_pattern")) << int(i);
  }
}

TEST_F(RiskMonitorTest, APersonSeenAtAnotherSiteReachesHerOneCase) {
  SetNow(kNow + 20 * kDayMs);
  OpenWriter();
  Kiosk bantako(12);
  Kiosk sabodala(14);
  Kiosk khossanto(16);
  Kiosk tenkoto(18);
  // A woman promised a bar job, moved between four sites in fifteen days.
  PersonSpec spec = YoungWoman("Grace", 2003);
  spec.purpose = v1::PURPOSE_PROMISED_JOB;
  spec.job = v1::PROMISED_JOB_BAR;
  const std::string woman = Token(0x60);
  Send(bantako,
       {bantako.Registered(woman, spec, kNow), bantako.Passed(woman, v1::DIRECTION_IN, kNow),
        bantako.Passed(woman, v1::DIRECTION_OUT, kNow + 3 * kDayMs)});
  EXPECT_EQ(Count("SELECT count(*) FROM protection_cases"), 0);
  Send(sabodala, {sabodala.Passed(woman, v1::DIRECTION_IN, kNow + 4 * kDayMs),
                  sabodala.Passed(woman, v1::DIRECTION_OUT, kNow + 8 * kDayMs)});
  Send(khossanto, {khossanto.Passed(woman, v1::DIRECTION_IN, kNow + 9 * kDayMs),
                   khossanto.Passed(woman, v1::DIRECTION_OUT, kNow + 14 * kDayMs)});
  EXPECT_EQ(Count("SELECT count(*) FROM protection_cases"), 0);
  Send(tenkoto, {tenkoto.Passed(woman, v1::DIRECTION_IN, kNow + 15 * kDayMs)});
  const auto assessment = AssessmentOf(woman);
  ASSERT_TRUE(assessment);
  EXPECT_TRUE(assessment->assessment.flagged());
  EXPECT_TRUE(Raised(assessment->assessment, "moved_between_sites"));

  // A girl registered at Bantako, then seen at Sabodala and Tenkoto: one case.
  const std::string girl = Token(0x61);
  Send(bantako, {bantako.Registered(girl, Girl(2010), kNow + 16 * kDayMs)});
  const auto before = CaseOf(girl);
  ASSERT_TRUE(before);
  Send(sabodala, {sabodala.Passed(girl, v1::DIRECTION_IN, kNow + 17 * kDayMs)});
  Send(tenkoto, {tenkoto.Passed(girl, v1::DIRECTION_IN, kNow + 19 * kDayMs)});
  const auto after = CaseOf(girl);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->case_id, before->case_id);
  EXPECT_EQ(Count("SELECT count(*) FROM protection_cases"), 2);
  EXPECT_EQ(
      Count("SELECT count(*) FROM case_history WHERE case_id = " + std::to_string(after->case_id)),
      1);
}

TEST_F(RiskMonitorTest, ADismissedCaseStaysDismissedUntilThePriorityRises) {
  OpenWriter();
  Kiosk kiosk(12);
  const std::string woman = Token(0x70);
  PersonSpec spec = YoungWoman("Chioma", 2004);
  spec.given = "Chioma";
  spec.family = "Eze";
  spec.birth_year = 2004;
  // Young (1), with a friend (3) who answered for her (3): flagged on the score, LOW.
  Send(kiosk, {kiosk.Registered(woman, spec, kNow),
               kiosk.Companion(woman, Token(0x71), v1::COMPANION_RELATION_FRIEND, kNow, true)});
  auto found = CaseOf(woman);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->priority, v1::PRIORITY_LOW);
  auto cases = CaseStore::Create(Reader(), clock());
  ASSERT_TRUE(cases.value()->Dismiss(found->case_id, "officer.ndiaye",
                                     "Sa cousine, vérifié sur place / her cousin, checked"));

  // Seen again, same signs: the officer's decision stands.
  Send(kiosk, {kiosk.Passed(woman, v1::DIRECTION_IN, kNow + kDayMs)});
  EXPECT_EQ(CaseOf(woman)->status, CaseStatus::kDismissed);

  // A missing-person notice for her: urgent, higher than the decision was about.
  SearchNoticeStore notices(Reader(), clock());
  SearchNoticeInput notice;
  notice.given_name = "Chioma";
  notice.family_name = "Eze";
  notice.sex = v1::SEX_FEMALE;
  notice.birth_year = 2004;
  notice.nationality = "NGA";
  notice.reporting_service = "Consulat du Nigeria, Dakar";
  auto created = notices.Create(notice, "officer.sow");
  ASSERT_TRUE(created) << created.error().message();
  ASSERT_EQ(created.value().matches.size(), 1u);
  const auto reopened = CaseOf(woman);
  ASSERT_TRUE(reopened);
  EXPECT_EQ(reopened->case_id, found->case_id);
  EXPECT_EQ(reopened->status, CaseStatus::kNew);
  EXPECT_EQ(reopened->priority, v1::PRIORITY_URGENT);
  auto history = cases.value()->History(found->case_id);
  ASSERT_TRUE(history);
  std::vector<std::string> actions;
  for (const auto& entry : history.value()) actions.push_back(entry.action);
  EXPECT_EQ(actions,
            (std::vector<std::string>{"flagged", "dismissed", "reflagged", "notice_matched"}));
}

/// Every assessment (serialized) and case (status, priority) of a database, by person.
std::map<std::string, std::string> Outcome(db::Connection& connection) {
  std::map<std::string, std::string> outcome;
  auto rows = db::QueryAll(
      connection,
      "SELECT a.person_token, a.assessment, coalesce(c.status, '-'), coalesce(c.priority, -1) "
      "FROM risk_assessments a LEFT JOIN protection_cases c USING (person_token)",
      [](const db::Statement& row) {
        const auto token = row.ColumnBlob(0);
        const auto bytes = row.ColumnBlob(1);
        return std::pair{std::string(token.begin(), token.end()),
                         std::string(bytes.begin(), bytes.end()) + "|" + row.ColumnText(2) + "|" +
                             std::to_string(row.ColumnInt64(3))};
      });
  EXPECT_TRUE(rows);
  for (auto& [token, value] : rows.value()) outcome.emplace(token, value);
  return outcome;
}

TEST_F(RiskMonitorTest, TheSameEventsInAnyArrivalOrderGiveTheSameFlags) {
  // Four kiosks' events: a recruiter pattern whose third record arrives before her
  // registration, a woman moved between the four sites, a girl, a miner, a trader.
  std::vector<Kiosk> kiosks{Kiosk(12), Kiosk(14), Kiosk(16), Kiosk(18)};
  std::vector<std::pair<std::size_t, v1::Event>> events;  // (kiosk, event) in kiosk order
  const auto add = [&](std::size_t k, v1::Event event) { events.emplace_back(k, event); };
  const std::string recruiter = Token(0x50);
  for (std::uint8_t i = 0; i < 4; ++i) {
    const std::string woman = Token(0x30, i);
    const std::int64_t at = kNow + i * 6 * kDayMs;
    const std::size_t k = i % 4;
    add(k, kiosks[k].Registered(woman, YoungWoman("Ada" + std::to_string(i), 2004), at));
    add(k, kiosks[k].Companion(woman, recruiter, v1::COMPANION_RELATION_RECRUITER, at));
  }
  PersonSpec moved = YoungWoman("Ngozi", 2002);
  moved.purpose = v1::PURPOSE_PROMISED_JOB;
  moved.job = v1::PROMISED_JOB_RESTAURANT;
  const std::string mover = Token(0x61);
  add(0, kiosks[0].Registered(mover, moved, kNow));
  for (std::size_t k = 0; k < 4; ++k) {
    const std::int64_t day = static_cast<std::int64_t>(k) * 5;
    add(k, kiosks[k].Passed(mover, v1::DIRECTION_IN, kNow + day * kDayMs));
    add(k, kiosks[k].Passed(mover, v1::DIRECTION_OUT, kNow + (day + 4) * kDayMs));
  }
  add(1, kiosks[1].Registered(Token(0x15), Girl(2012), kNow));
  PersonSpec miner;
  add(2, kiosks[2].Registered(Token(0x20), miner, kNow));
  add(2, kiosks[2].Passed(Token(0x20), v1::DIRECTION_IN, kNow + kDayMs));
  PersonSpec trader = YoungWoman("Halima", 1999);
  trader.purpose = v1::PURPOSE_OWN_TRADE;
  add(3, kiosks[3].Registered(Token(0x22), trader, kNow));
  for (std::size_t k = 0; k < 4; ++k) {
    add(k, kiosks[k].Passed(Token(0x22), v1::DIRECTION_IN,
                            kNow + static_cast<std::int64_t>(k) * 7 * kDayMs));
  }

  // In order, in one batch per event...
  SetNow(kNow + 30 * kDayMs);
  OpenWriter();
  for (const auto& [k, event] : events) Send(kiosks[k], {event});
  writer_.reset();
  const auto in_order = Outcome(Reader());
  ASSERT_FALSE(in_order.empty());
  EXPECT_EQ(in_order.size(), 8u);

  // ...and in three shuffled orders, each on a fresh database.
  for (unsigned seed : {1u, 7u, 42u}) {
    std::vector<std::pair<std::size_t, v1::Event>> shuffled = events;
    std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(seed));
    const auto path = dir_.path() / ("shuffled-" + std::to_string(seed) + ".db");
    Prepare(path);
    auto writer = EventWriter::Open(path, {}, {RiskMonitor::Factory(clock())});
    ASSERT_TRUE(writer);
    for (const auto& [k, event] : shuffled) {
      std::promise<IngestResult<BatchOutcome>> done;
      writer.value()->Submit(IncomingBatch{kiosks[k].device(), {event}, Now(), {}},
                             [&](IngestResult<BatchOutcome> r) { done.set_value(std::move(r)); });
      ASSERT_TRUE(done.get_future().get());
    }
    writer.value().reset();
    auto reader = db::Connection::Open(path);
    ASSERT_TRUE(reader);
    EXPECT_EQ(Outcome(reader.value()), in_order) << "seed " << seed;
  }
  // What the scenario is about did happen.
  auto flagged = Count("SELECT count(*) FROM risk_assessments WHERE flagged = 1");
  EXPECT_EQ(flagged, 6);  // the four recruited women, the moved woman, the girl
}

}  // namespace
}  // namespace minegate::server::protection
