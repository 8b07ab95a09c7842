// Miners' cards on the server side of sync, on a real database through the real writer: the
// holder's age as ingest's second stage counts it (the youngest the declared birth allows), and
// a revoked card's UID in the revoked list every kiosk receives.
#include <string>
#include <vector>

#include "server/admin/miner_card_series.hpp"
#include "server/sync/registry_view.hpp"
#include "tests/unit/server_sync/writer_fixture.hpp"

namespace minegate::server {
namespace {

const std::string kCardUid("\x04\xc1\xc2\xc3\xc4\xc5\xc6", 7);

v1::Event Born(std::uint64_t seq, std::uint8_t person, std::uint32_t year, bool estimated) {
  v1::Event event = PersonRegistered(seq, person);
  if (year == 0) {
    event.mutable_person_registered()->clear_birth();
    return event;
  }
  auto* birth = event.mutable_person_registered()->mutable_birth();
  birth->Clear();
  birth->set_year(year);
  birth->set_estimated(estimated);
  return event;
}

v1::Event Linked(std::uint64_t seq, std::uint8_t person, const std::string& number) {
  v1::Event event = Envelope(seq);
  auto* card = event.mutable_miner_card_linked();
  card->set_person_token(Token(person));
  card->set_card_uid(kCardUid);
  card->set_card_number(number);
  card->set_credential("c");
  return event;
}

class MinerCardSyncTest : public WriterAndReaderTest {
 protected:
  HolderAge AgeOf(std::uint8_t person, std::int64_t at_ms) {
    WriterRegistryView view(*connection_);
    auto age = view.CardHolderAge(Token(person), at_ms);
    EXPECT_TRUE(age) << age.error().message();
    return age ? age.value() : HolderAge::kNotRegistered;
  }
};

// kNow is 2026-11-18.
TEST_F(MinerCardSyncTest, TheHoldersAgeIsTheYoungestHerDeclaredBirthAllows) {
  Store({Born(1, 1, 1988, false), Born(2, 2, 2010, false), Born(3, 3, 0, false),
         // An estimated 2008 may be the last day of 2008: 17 until then.
         Born(4, 4, 2008, true)});
  EXPECT_EQ(AgeOf(1, kNow), HolderAge::kAdult);
  EXPECT_EQ(AgeOf(2, kNow), HolderAge::kMinor);
  EXPECT_EQ(AgeOf(3, kNow), HolderAge::kUnknown);
  EXPECT_EQ(AgeOf(4, kNow), HolderAge::kMinor);
  EXPECT_EQ(AgeOf(9, kNow), HolderAge::kNotRegistered);
}

TEST_F(MinerCardSyncTest, ARevokedCardsUidReachesKiosksWithTheRevokedList) {
  Store({Born(1, 1, 1988, false), Linked(2, 1, "KDG12-000001")});
  const v1::RevokedBracelets before = registry_->RevokedBraceletsSince(0).value();
  EXPECT_EQ(before.bracelets_size(), 0);
  auto revoked = admin::RevokeMinerCard(*connection_, "KDG12-000001", "perdue / lost", "emape1",
                                        [] { return kNow + 1000; });
  ASSERT_TRUE(revoked) << revoked.error().message();
  EXPECT_EQ(registry_->Versions().value().revoked_bracelets,
            static_cast<std::uint64_t>(revoked.value().list_version));
  // Since the version a kiosk held, and in a full list.
  for (const std::uint64_t since : {before.version(), std::uint64_t{0}}) {
    const v1::RevokedBracelets update = registry_->RevokedBraceletsSince(since).value();
    ASSERT_EQ(update.bracelets_size(), 1) << update.DebugString();
    EXPECT_EQ(update.bracelets(0).tag_uid(), kCardUid);
    EXPECT_EQ(update.bracelets(0).revoked_at_ms(), kNow + 1000);
    EXPECT_EQ(update.bracelets(0).reason(), v1::REVOCATION_REASON_LOST);
  }
  // A kiosk that holds the new version is sent nothing more.
  const auto held = static_cast<std::uint64_t>(revoked.value().list_version);
  EXPECT_EQ(registry_->RevokedBraceletsSince(held).value().bracelets_size(), 0);
}

}  // namespace
}  // namespace minegate::server
