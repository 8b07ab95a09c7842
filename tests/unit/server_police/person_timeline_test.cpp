// A person's timeline through the real projector and SQLite file: registration, passages
// across sites and gates, census, companions both ways with their ids, bracelets issued,
// replaced and revoked, miner's card; and no protection data, by construction (no field for
// it in any police message) and in the answer.
#include "server/police/person_timeline.hpp"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "base/hex.hpp"
#include "tests/unit/server_police/police_fixture.hpp"

namespace minegate::server {
namespace {

using police::PersonTimeline;

class PersonTimelineTest : public PoliceTest {
 protected:
  v1::PoliceTimeline Read(std::uint8_t person) {
    auto timeline = PersonTimeline(*connection_).Read(Token(person));
    EXPECT_TRUE(timeline) << timeline.error().message();
    return timeline ? timeline.value() : v1::PoliceTimeline();
  }
};

TEST_F(PersonTimelineTest, ReadsInItsOwnSnapshotOrAsASavepointOfTheCallers) {
  EXPECT_EQ(Read(1).passage_count(), 3);
  EXPECT_FALSE(connection_->InTransaction());  // its snapshot ended with the history
  auto outer = db::Transaction::Begin(*connection_, db::Transaction::Mode::kDeferred);
  ASSERT_TRUE(outer);
  EXPECT_EQ(Read(1).passage_count(), 3);
  EXPECT_EQ(PersonTimeline(*connection_).Read(Token(9)).error(), police::Errc::unknown_person);
  EXPECT_TRUE(connection_->InTransaction());  // the caller's is still open
  EXPECT_TRUE(outer.value().Commit());
}

TEST_F(PersonTimelineTest, EverythingAcrossSites) {
  const v1::PoliceTimeline her = Read(1);
  EXPECT_EQ(her.person_id(), base::ToHex(Token(1)));
  const auto& registration = her.registration();
  EXPECT_EQ(registration.given_name(), "Aïssatou");
  EXPECT_EQ(registration.site_name(), "Bantako");
  EXPECT_EQ(registration.gate_name(), "Nord");
  EXPECT_EQ(registration.birth().year(), 2004);
  EXPECT_EQ(registration.nationality(), "NGA");
  EXPECT_EQ(registration.place_of_origin(), "Kano");
  EXPECT_EQ(registration.languages_size(), 1);

  ASSERT_EQ(her.passages_size(), 3);
  EXPECT_EQ(her.passage_count(), 3);
  EXPECT_EQ(her.passages(0).at_ms(), kNow + 6 * kDay + 100);  // newest first
  EXPECT_EQ(her.passages(0).tag_uid(), base::ToHex(TagUid(2)));
  EXPECT_EQ(her.passages(1).direction(), v1::DIRECTION_OUT);
  EXPECT_EQ(her.passages(2).gate_name(), "Nord");
  EXPECT_EQ(her.passages(2).site_name(), "Bantako");

  ASSERT_EQ(her.census_observations_size(), 1);
  EXPECT_EQ(her.census_observations(0).campaign_name_fr(), "Recensement Bantako 2026");

  ASSERT_EQ(her.came_with_size(), 1);
  EXPECT_EQ(her.came_with(0).person_id(), base::ToHex(Token(6)));
  EXPECT_EQ(her.came_with(0).given_name(), "Moussa");
  EXPECT_EQ(her.came_with(0).relation(), v1::COMPANION_RELATION_RECRUITER);
  EXPECT_EQ(her.accompanied_size(), 0);

  ASSERT_EQ(her.bracelets_size(), 2);
  EXPECT_EQ(her.bracelets(0).tag_uid(), base::ToHex(TagUid(1)));
  EXPECT_TRUE(her.bracelets(0).revoked());
  EXPECT_TRUE(her.bracelets(0).replaced());
  EXPECT_EQ(her.bracelets(0).revoked_at_ms(), kNow + 5 * kDay + 10);
  EXPECT_FALSE(her.bracelets(1).revoked());
  EXPECT_EQ(her.miner_cards_size(), 0);

  // The recruiter's: the women he came with, each with the id that opens her timeline.
  const v1::PoliceTimeline him = Read(6);
  ASSERT_EQ(him.accompanied_size(), 1);
  EXPECT_EQ(him.accompanied(0).person_id(), base::ToHex(Token(1)));
  EXPECT_EQ(him.accompanied(0).family_name(), "Diallo");
  ASSERT_EQ(him.miner_cards_size(), 1);
  EXPECT_EQ(him.miner_cards(0).card_number(), "EMAPE-0001");
}

TEST_F(PersonTimelineTest, UnknownPersonAndIds) {
  auto none = PersonTimeline(*connection_).Read(Token(42));
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error(), police::Errc::unknown_person);
  EXPECT_EQ(police::PersonTokenOf(base::ToHex(Token(1))), Token(1));
  EXPECT_EQ(police::PersonTokenOf("0A0A0A0A0A0A0A0A0A0A0A0A0A0A0A0A"), Token(10));
  EXPECT_FALSE(police::PersonTokenOf("0a0a"));
  EXPECT_FALSE(police::PersonTokenOf("zz0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a"));
}

/// Every field name of `message` and the messages it holds (lower case, no underscores).
void FieldNames(const google::protobuf::Descriptor* message, std::set<std::string>& seen,
                std::set<std::string>& names) {
  if (!seen.insert(message->full_name()).second) return;
  for (int i = 0; i < message->field_count(); ++i) {
    const auto* field = message->field(i);
    std::string name;
    for (const char c : field->name()) {
      if (c != '_') name.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    names.insert(name);
    if (field->enum_type() != nullptr) names.insert(field->enum_type()->name());
    if (field->message_type() != nullptr) FieldNames(field->message_type(), seen, names);
  }
}

TEST_F(PersonTimelineTest, NoFieldForProtectionDataAnywhere) {
  std::set<std::string> seen;
  std::set<std::string> names;
  FieldNames(v1::PoliceTimeline::descriptor(), seen, names);
  FieldNames(v1::PolicePersonSearch::descriptor(), seen, names);
  const char* const forbidden[] = {"debt", "travel", "paid",  "holder",  "purpose",  "promised",
                                   "job",  "answer", "flag",  "case",    "referral", "notice",
                                   "risk", "score",  "phone", "consent", "indicator"};
  for (const std::string& name : names) {
    for (const char* word : forbidden) {
      std::string lower = name;
      std::transform(lower.begin(), lower.end(), lower.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      EXPECT_EQ(lower.find(word), std::string::npos) << name << " holds " << word;
    }
  }
  // And the answer itself, for a woman who answered every protection question.
  std::string json;
  ASSERT_TRUE(google::protobuf::util::MessageToJsonString(Read(1), &json).ok());
  for (const char* value : {"ANSWER_", "DOCUMENT_HOLDER_", "PURPOSE_", "PROMISED_JOB_",
                            "+221771234567", "answeredFor"}) {
    EXPECT_EQ(json.find(value), std::string::npos) << value << " in " << json;
  }
}

}  // namespace
}  // namespace minegate::server
