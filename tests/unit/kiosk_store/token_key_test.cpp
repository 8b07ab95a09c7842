// Person tokens never stored in clear by the kiosk's own tables: the roster cache and the census
// tally key their rows by TokenKey (BLAKE2b keyed with the domain string), and a database from
// before token keys is converted once when it is opened.
#include "kiosk/store/token_key.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <optional>
#include <string>
#include <vector>

#include "db/bind.hpp"
#include "db/statement.hpp"
#include "kiosk/store/census_tally.hpp"
#include "kiosk/store/kiosk_db.hpp"
#include "kiosk/store/roster_cache.hpp"
#include "tests/support/file_scan.hpp"
#include "tests/support/temp_dir.hpp"

namespace minegate::test {
namespace {

class TokenKeyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_GE(sodium_init(), 0);
    ASSERT_TRUE(dir_.ok());
    Open();
  }
  void Open() {
    connection_.reset();
    auto connection = kiosk::store::OpenKioskDb(dir_.path() / "kiosk.db");
    ASSERT_TRUE(connection) << connection.error().message();
    connection_.emplace(std::move(connection).value());
  }
  std::vector<std::string> Column(const std::string& sql) {
    std::vector<std::string> values;
    auto statement = connection_->Prepare(sql);
    EXPECT_TRUE(statement);
    while (statement.value().Step().value()) {
      const auto blob = statement.value().ColumnBlob(0);
      values.emplace_back(blob.begin(), blob.end());
    }
    return values;
  }

  TempDir dir_{"ktoken"};
  std::optional<db::Connection> connection_;
  const std::string amina_ = "amina-token-0001";
};

TEST_F(TokenKeyTest, IsKeyedBlake2bOfTheToken) {
  // Reference value from Python: hashlib.blake2b(bytes(range(16)),
  // key=b"minegate-kiosk-token-v1", digest_size=16).hexdigest()
  std::string token(16, '\0');
  for (std::size_t i = 0; i < token.size(); ++i) token[i] = static_cast<char>(i);
  EXPECT_EQ(HexOf(kiosk::store::TokenKey(token)), "df0061007c5da03357c91de8f9931d18");
  EXPECT_EQ(HexOf(kiosk::store::TokenKey(amina_)), "490cfbc28ae6dce091d30f36bf17237f");
  EXPECT_EQ(kiosk::store::TokenKey(amina_).size(), kiosk::store::kTokenKeyBytes);
}

TEST_F(TokenKeyTest, RosterAndCensusRowsHoldTheKeyNeverTheToken) {
  kiosk::store::RosterCache roster(*connection_);
  ASSERT_TRUE(roster.Put(amina_, {"Aminata", v1::SEX_FEMALE, 2006}, 5000));
  kiosk::store::CensusTally tally(*connection_);
  ASSERT_TRUE(tally.Observe("kdg-2026-q4", amina_, 1000).value());
  EXPECT_FALSE(tally.Observe("kdg-2026-q4", amina_, 1001).value());
  EXPECT_EQ(tally.Count("kdg-2026-q4").value(), 1u);

  auto found = roster.Find(amina_, 4000);
  ASSERT_TRUE(found && found.value());
  EXPECT_EQ(found.value()->first_name, "Aminata");
  const std::string key = kiosk::store::TokenKey(amina_);
  EXPECT_EQ(Column("SELECT person_token FROM roster_cache"), std::vector<std::string>{key});
  EXPECT_EQ(Column("SELECT person_token FROM census_observations"), std::vector<std::string>{key});
  for (const std::string& value : {amina_, HexOf(amina_)}) {
    EXPECT_EQ(FilesContaining(dir_.path(), value), std::vector<std::string>{});
  }
}

TEST_F(TokenKeyTest, ADatabaseFromBeforeTokenKeysIsConvertedOnceWhenOpened) {
  // As 0.5.0 wrote it: tokens in clear, and no marker.
  ASSERT_TRUE(connection_->Execute("DELETE FROM settings WHERE key = 'token_keys'"));
  auto insert = connection_->Prepare(
      "INSERT INTO roster_cache (person_token, first_name, sex, birth_year, expires_at_ms) "
      "VALUES (?, 'Aminata', 2, 2006, 5000)");
  ASSERT_TRUE(insert);
  ASSERT_TRUE(db::BindAll(insert.value(), db::Blob(amina_)));
  ASSERT_TRUE(insert.value().Run());
  auto observed = connection_->Prepare(
      "INSERT INTO census_observations (campaign_id, person_token, observed_at_ms) "
      "VALUES ('kdg-2026-q4', ?, 1000)");
  ASSERT_TRUE(observed);
  ASSERT_TRUE(db::BindAll(observed.value(), db::Blob(amina_)));
  ASSERT_TRUE(observed.value().Run());
  connection_.reset();  // closing checkpoints: the clear tokens are in the database file itself
  ASSERT_FALSE(FilesContaining(dir_.path(), amina_).empty());

  Open();
  const std::string key = kiosk::store::TokenKey(amina_);
  EXPECT_EQ(Column("SELECT person_token FROM roster_cache"), std::vector<std::string>{key});
  EXPECT_EQ(Column("SELECT person_token FROM census_observations"), std::vector<std::string>{key});
  auto found = kiosk::store::RosterCache(*connection_).Find(amina_, 4000);
  ASSERT_TRUE(found && found.value());
  EXPECT_FALSE(
      kiosk::store::CensusTally(*connection_).Observe("kdg-2026-q4", amina_, 2000).value());
  EXPECT_EQ(FilesContaining(dir_.path(), amina_), std::vector<std::string>{});

  // Once: opening again does not hash the keys a second time.
  Open();
  EXPECT_EQ(Column("SELECT person_token FROM roster_cache"), std::vector<std::string>{key});
}

}  // namespace
}  // namespace minegate::test
