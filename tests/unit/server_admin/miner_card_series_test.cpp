// The EMAPE series of miners' card numbers and the revocation of a lost card, on a real SQLite
// file: numbers per site that fit a credential's 16 characters whatever the site id, never
// reused, a reservation rolled back with its caller's transaction, and a revocation kept with
// who and why that moves the 'revoked_bracelets' list.
#include "server/admin/miner_card_series.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "db/query.hpp"
#include "db/transaction.hpp"
#include "proto/credential/codec.hpp"
#include "server/admin/error.hpp"
#include "server/admin/site_registry.hpp"
#include "tests/unit/server_admin/admin_test_support.hpp"

namespace minegate::server::admin {
namespace {

using test::kStartMs;

std::vector<std::uint8_t> Token(std::uint8_t seed) { return std::vector<std::uint8_t>(16, seed); }

class MinerCardSeriesTest : public test::AdminTest {
 protected:
  void SetUp() override {
    SiteRegistry sites(connection(), clock());
    bantako_ = sites.AddSite("Bantako", Department::kKedougou).value();
    sabodala_ = sites.AddSite("Sabodala", Department::kSaraya).value();
  }

  std::string Reserve(std::int64_t site, std::uint8_t holder) {
    const std::vector<std::uint8_t> token = Token(holder);
    auto reserved = ReserveCardNumber(connection(), site, "kdg-0001", "emape1", token, now_ms_);
    EXPECT_TRUE(reserved) << reserved.error().message();
    return reserved ? reserved.value() : "";
  }

  /// A card linked under `number`, as the projector writes a MinerCardLinked.
  void Link(const std::string& number, std::uint8_t uid_seed, std::uint8_t holder,
            std::int64_t at) {
    const std::vector<std::uint8_t> uid(7, uid_seed);
    const std::vector<std::uint8_t> token = Token(holder);
    ASSERT_TRUE(db::Execute(connection(),
                            "INSERT INTO miner_cards (card_uid, person_token, card_number, "
                            "linked_at_ms, log_position) VALUES (?1, ?2, ?3, ?4, 1)",
                            std::span<const std::uint8_t>(uid),
                            std::span<const std::uint8_t>(token), number, at));
  }

  std::int64_t bantako_ = 0;
  std::int64_t sabodala_ = 0;
};

TEST(CardNumberTest, FitsSixteenCharactersForAnySiteId) {
  EXPECT_EQ(CardSeriesPrefix(Department::kKedougou, 12), "KDG12");
  EXPECT_EQ(CardSeriesPrefix(Department::kSaraya, 3), "SRY3");
  EXPECT_EQ(CardSeriesPrefix(Department::kSalemata, 4294967295), "SLM4294967295");
  EXPECT_EQ(CardNumberOf("KDG12", 123), "KDG12-000123");
  EXPECT_EQ(CardNumberOf("KDG12", 1234567), "KDG12-1234567");
  EXPECT_EQ(CardNumberOf("KDG123456", 1), "KDG123456-000001");
  // The largest site id a bracelet can name leaves two digits: 99 cards, then the series is full.
  EXPECT_EQ(CardNumberOf("SLM4294967295", 7), "SLM4294967295-07");
  EXPECT_EQ(CardNumberOf("SLM4294967295", 99), "SLM4294967295-99");
  EXPECT_EQ(CardNumberOf("SLM4294967295", 100), std::nullopt);
  EXPECT_EQ(CardNumberOf("KDG12", 0), std::nullopt);
  for (const std::int64_t counter : {1LL, 999999LL, 1000000LL, 9999999999LL}) {
    const auto number = CardNumberOf("KDG12", counter);
    ASSERT_TRUE(number);
    EXPECT_LE(number->size(), credential::kMaxCardNumberLength) << *number;
    EXPECT_TRUE(credential::IsValidCardNumber(*number)) << *number;
  }
  EXPECT_EQ(CardNumberOf("KDG12", 99999999999), std::nullopt);
  EXPECT_FALSE(credential::IsValidCardNumber("kdg12-000001"));
  EXPECT_FALSE(
      credential::IsValidCardNumber("KDG12-0000000001"
                                    "2"));
  EXPECT_FALSE(credential::IsValidCardNumber(""));
}

TEST_F(MinerCardSeriesTest, EachSiteHasItsSeriesAndNoNumberIsGivenTwice) {
  EXPECT_EQ(Reserve(bantako_, 1), "KDG" + std::to_string(bantako_) + "-000001");
  EXPECT_EQ(Reserve(bantako_, 2), "KDG" + std::to_string(bantako_) + "-000002");
  EXPECT_EQ(Reserve(sabodala_, 3), "SRY" + std::to_string(sabodala_) + "-000001");
  // The same holder asking again (a card that failed to write) gets a new number: the first
  // stays reserved, a gap explained by its row.
  EXPECT_EQ(Reserve(bantako_, 1), "KDG" + std::to_string(bantako_) + "-000003");
  EXPECT_EQ(QueryInt("SELECT count(*) FROM miner_card_numbers"), 4);
  EXPECT_EQ(QueryInt("SELECT count(DISTINCT card_number) FROM miner_card_numbers"), 4);
  EXPECT_EQ(QueryInt("SELECT reserved_at_ms FROM miner_card_numbers WHERE counter = 3"), kStartMs);
  EXPECT_EQ(QueryInt("SELECT count(*) FROM miner_card_register WHERE device_id = 'kdg-0001' AND "
                     "official_id = 'emape1' AND issued_at_ms IS NULL"),
            4);
  EXPECT_EQ(QueryInt("SELECT last_counter FROM miner_card_series WHERE site_id = " +
                     std::to_string(bantako_)),
            3);

  // A reservation rolled back with its caller's transaction (the audit entry failed) gives its
  // counter back: nothing was handed out, so nothing is reused.
  {
    auto outer = db::Transaction::Begin(connection(), db::Transaction::Mode::kImmediate);
    ASSERT_TRUE(outer);
    EXPECT_EQ(Reserve(bantako_, 4), "KDG" + std::to_string(bantako_) + "-000004");
  }
  EXPECT_EQ(Reserve(bantako_, 4), "KDG" + std::to_string(bantako_) + "-000004");

  auto unknown = ReserveCardNumber(connection(), 999, "kdg-0001", "emape1", Token(5), now_ms_);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error(), Errc::unknown_site);
}

TEST_F(MinerCardSeriesTest, ALinkedNumberShowsItsIssue) {
  const std::string number = Reserve(bantako_, 1);
  Link(number, 0xc1, 1, kStartMs + 5000);
  EXPECT_EQ(
      QueryInt("SELECT issued_at_ms FROM miner_card_register WHERE card_number = '" + number + "'"),
      kStartMs + 5000);
}

TEST_F(MinerCardSeriesTest, ARevokedCardIsKeptWithWhoAndWhyAndMovesTheRevokedList) {
  const std::string number = Reserve(bantako_, 1);
  Link(number, 0xc1, 1, kStartMs + 5000);
  const std::int64_t before = ListVersion("revoked_bracelets");
  now_ms_ = kStartMs + 60'000;
  auto revoked = RevokeMinerCard(connection(), number, "perdue au marché / lost at the market",
                                 "emape1", clock());
  ASSERT_TRUE(revoked) << revoked.error().message();
  EXPECT_EQ(revoked.value().list_version, before + 1);
  EXPECT_EQ(ListVersion("revoked_bracelets"), before + 1);
  EXPECT_EQ(revoked.value().person_token, Token(1));
  ASSERT_EQ(revoked.value().card_uids.size(), 1u);
  EXPECT_EQ(revoked.value().card_uids[0], std::vector<std::uint8_t>(7, 0xc1));
  EXPECT_EQ(revoked.value().revoked_at_ms, kStartMs + 60'000);
  EXPECT_EQ(QueryInt("SELECT count(*) FROM miner_card_register WHERE card_number = '" + number +
                     "' AND revoked_by = 'emape1' AND revoked_reason = 'perdue au marché / lost "
                     "at the market' AND revoked_at_ms = " +
                     std::to_string(kStartMs + 60'000) + " AND counter = 1"),
            1);

  // Twice: refused, nothing moves.
  auto again = RevokeMinerCard(connection(), number, "encore / again", "emape1", clock());
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error(), Errc::card_already_revoked);
  EXPECT_EQ(ListVersion("revoked_bracelets"), before + 1);
}

TEST_F(MinerCardSeriesTest, ACardLinkedBeforeTheSeriesCanBeRevokedAtTheTimeOfItsLink) {
  // A pre-written card, linked by a gate agent, with a kiosk clock ahead of the server's.
  Link("EMAPE-0001", 0xc2, 2, kStartMs + 3'600'000);
  auto revoked = RevokeMinerCard(connection(), "EMAPE-0001", "volée / stolen", "admin", clock());
  ASSERT_TRUE(revoked) << revoked.error().message();
  EXPECT_EQ(revoked.value().revoked_at_ms, kStartMs + 3'600'000);
  EXPECT_EQ(QueryInt("SELECT count(*) FROM miner_card_numbers WHERE card_number = 'EMAPE-0001' "
                     "AND site_id IS NULL AND counter IS NULL AND revoked_by = 'admin'"),
            1);
}

TEST_F(MinerCardSeriesTest, BadOrUnknownNumbersAndMissingReasonsChangeNothing) {
  const std::string reserved_only = Reserve(bantako_, 1);
  const std::int64_t before = ListVersion("revoked_bracelets");
  struct Case {
    std::string number;
    std::string reason;
    Errc expected;
  };
  const std::vector<Case> cases = {
      {"kdg1-000001", "perdue / lost", Errc::bad_card_number},
      {"KDG1-00000000000001", "perdue / lost", Errc::bad_card_number},
      {reserved_only, "", Errc::bad_card_revocation_reason},
      {reserved_only, "   ", Errc::bad_card_revocation_reason},
      {reserved_only, "ligne\nsuivante", Errc::bad_card_revocation_reason},
      {reserved_only, std::string(201, 'x'), Errc::bad_card_revocation_reason},
      {"KDG9-000001", "perdue / lost", Errc::unknown_card},
      {reserved_only, "perdue / lost", Errc::card_not_linked},
  };
  for (const Case& c : cases) {
    auto revoked = RevokeMinerCard(connection(), c.number, c.reason, "emape1", clock());
    ASSERT_FALSE(revoked) << c.number;
    EXPECT_EQ(revoked.error(), c.expected) << c.number << " " << c.reason;
  }
  EXPECT_EQ(ListVersion("revoked_bracelets"), before);
  EXPECT_EQ(QueryInt("SELECT count(*) FROM miner_card_numbers WHERE revoked_at_ms IS NOT NULL"), 0);
}

}  // namespace
}  // namespace minegate::server::admin
