// What a case page shows of her, read back through CaseFileReader after the real EventWriter
// stored her events: the registration, the companions (a registered companion by name, a
// described one by description), her verified passages collapsed into stays at one site after
// another (an unverified tap is no movement of hers), where she was last seen, and the age the
// pages show.
#include "server/protection/case_file_reader.hpp"
#include "server/risk/age.hpp"
#include "tests/integration/server/protection/protection_fixture.hpp"

namespace minegate::server::protection {
namespace {

constexpr std::int64_t kHourMs = 3600'000;

class CaseFileTest : public ProtectionTest {
 protected:
  void SetUp() override {
    ProtectionTest::SetUp();
    OpenWriter();
  }
};

TEST_F(CaseFileTest, RegistrationCompanionsStaysAndLastSeen) {
  Kiosk bantako(12);
  Kiosk sabodala(14);
  PersonSpec man;
  man.given = "Moussa";
  man.family = "Keita";
  PersonSpec girl;
  girl.given = "Kadiatou";
  girl.family = "Camara";
  girl.sex = v1::SEX_FEMALE;
  girl.birth_year = 2010;
  girl.languages = {"pcm", "eng"};
  const std::string her = Token(0xD1);
  const std::string him = Token(0xD2);
  Send(bantako, {bantako.Registered(him, man, kNow)});
  Send(bantako, {bantako.Registered(her, girl, kNow + 1),
                 bantako.Companion(her, him, v1::COMPANION_RELATION_EMPLOYER, kNow + 2, true),
                 bantako.DescribedCompanion(her, "Femme, pagne bleu", v1::COMPANION_RELATION_FRIEND,
                                            kNow + 3)});
  // Two days at Bantako, then Sabodala, then Bantako again; one tap that did not verify.
  Send(bantako, {bantako.Passed(her, v1::DIRECTION_IN, kNow + kHourMs),
                 bantako.Passed(her, v1::DIRECTION_OUT, kNow + kDayMs)});
  v1::Event forged = sabodala.Passed(her, v1::DIRECTION_IN, kNow + kDayMs + kHourMs);
  forged.mutable_gate_passed()->set_verification(v1::VERIFICATION_BAD_SIGNATURE);
  Send(sabodala, {forged});
  Send(sabodala, {sabodala.Passed(her, v1::DIRECTION_IN, kNow + 2 * kDayMs)});
  Send(bantako, {bantako.Passed(her, v1::DIRECTION_IN, kNow + 5 * kDayMs)});

  CaseFileReader reader(Reader());
  auto person = reader.Person(her);
  ASSERT_TRUE(person && person.value()) << (person ? "not found" : person.error().message());
  EXPECT_EQ(person.value()->registration.given_name(), "Kadiatou");
  EXPECT_EQ(person.value()->registration.languages_size(), 2);
  EXPECT_EQ(person.value()->registered_site_id, 12u);
  EXPECT_EQ(person.value()->registered_site_name, "Bantako");
  EXPECT_EQ(person.value()->registered_at_ms, kNow + 1);
  const auto age = risk::AgeAt(person.value()->registration.birth(), kNow);
  ASSERT_TRUE(age);
  EXPECT_EQ(age->years, 15u);  // 2026, a year alone: the youngest it allows
  EXPECT_TRUE(age->approximate);
  auto nobody = reader.Person(Token(0xEE));
  ASSERT_TRUE(nobody);
  EXPECT_FALSE(nobody.value());

  auto companions = reader.Companions(her);
  ASSERT_TRUE(companions) << companions.error().message();
  ASSERT_EQ(companions.value().size(), 2u);
  const CompanionOnFile& employer = companions.value()[0];
  EXPECT_EQ(employer.relation, v1::COMPANION_RELATION_EMPLOYER);
  EXPECT_TRUE(employer.answered_for_person);
  EXPECT_EQ(employer.companion_token, him);
  EXPECT_EQ(employer.companion_given_name, "Moussa");
  EXPECT_EQ(employer.companion_family_name, "Keita");
  EXPECT_EQ(employer.site_name, "Bantako");
  const CompanionOnFile& friend_ = companions.value()[1];
  EXPECT_TRUE(friend_.companion_token.empty());
  EXPECT_EQ(friend_.description, "Femme, pagne bleu");
  EXPECT_TRUE(friend_.companion_given_name.empty());

  auto movements = reader.MovementsOf(her, 10);
  ASSERT_TRUE(movements) << movements.error().message();
  EXPECT_EQ(movements.value().passage_count, 4);
  EXPECT_EQ(movements.value().stay_count, 3);
  ASSERT_EQ(movements.value().stays.size(), 3u);
  EXPECT_EQ(movements.value().stays[0].site_name, "Bantako");
  EXPECT_EQ(movements.value().stays[0].first_at_ms, kNow + kHourMs);
  EXPECT_EQ(movements.value().stays[0].last_at_ms, kNow + kDayMs);
  EXPECT_EQ(movements.value().stays[0].passages, 2);
  EXPECT_EQ(movements.value().stays[1].site_name, "Sabodala");
  EXPECT_EQ(movements.value().stays[1].passages, 1);
  EXPECT_EQ(movements.value().stays[2].site_id, 12u);
  // Only the latest stays when asked for fewer; the counts stay whole.
  auto latest = reader.MovementsOf(her, 1);
  ASSERT_TRUE(latest);
  ASSERT_EQ(latest.value().stays.size(), 1u);
  EXPECT_EQ(latest.value().stays[0].first_at_ms, kNow + 5 * kDayMs);
  EXPECT_EQ(latest.value().stay_count, 3);

  auto seen = reader.LastSeen(her);
  ASSERT_TRUE(seen && seen.value());
  EXPECT_EQ(seen.value()->site_name, "Bantako");
  EXPECT_EQ(seen.value()->at_ms, kNow + 5 * kDayMs);
  EXPECT_EQ(seen.value()->direction, v1::DIRECTION_IN);
  auto unseen = reader.LastSeen(him);
  ASSERT_TRUE(unseen);
  EXPECT_FALSE(unseen.value());
}

}  // namespace
}  // namespace minegate::server::protection
