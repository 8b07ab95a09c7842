#include "db/error.hpp"

#include <gtest/gtest.h>

#include <string>

#include "db/internal/sqlite_errc.hpp"

namespace minegate::db {
namespace {

TEST(ErrorTest, CategoryIsNamedAndMessagesAreBilingual) {
  const boost::system::error_code ec = Errc::migration_version_ahead;
  EXPECT_STREQ(ec.category().name(), "minegate.db");
  EXPECT_EQ(&ec.category(), &DbCategory());
  const std::string message = ec.message();
  EXPECT_NE(message.find("version plus récente"), std::string::npos) << message;
  EXPECT_NE(message.find(" / database written by a newer"), std::string::npos) << message;
}

TEST(ErrorTest, EveryErrcHasItsOwnMessage) {
  for (int value = static_cast<int>(Errc::open_failed);
       value <= static_cast<int>(Errc::migration_version_ahead); ++value) {
    const std::string message = make_error_code(static_cast<Errc>(value)).message();
    EXPECT_NE(message.find(" / "), std::string::npos) << value << ": " << message;
    EXPECT_EQ(message.find("inconnue"), std::string::npos) << value << ": " << message;
  }
}

TEST(ErrorTest, ErrcComparesWithErrorCodes) {
  const boost::system::error_code ec = make_error_code(Errc::busy);
  EXPECT_TRUE(ec);  // Errc values are never 0, which would mean success.
  EXPECT_EQ(ec, Errc::busy);
  EXPECT_NE(ec, Errc::constraint);
}

// SQLite codes written as numbers: tests do not include sqlite3.h (only db/ does).
TEST(ErrorTest, SqliteCodesMapToErrcIncludingExtendedCodes) {
  using internal::ErrcFromSqlite;
  EXPECT_EQ(ErrcFromSqlite(5), Errc::busy);             // SQLITE_BUSY
  EXPECT_EQ(ErrcFromSqlite(6), Errc::busy);             // SQLITE_LOCKED
  EXPECT_EQ(ErrcFromSqlite(517), Errc::busy);           // SQLITE_BUSY_SNAPSHOT
  EXPECT_EQ(ErrcFromSqlite(19), Errc::constraint);      // SQLITE_CONSTRAINT
  EXPECT_EQ(ErrcFromSqlite(787), Errc::constraint);     // SQLITE_CONSTRAINT_FOREIGNKEY
  EXPECT_EQ(ErrcFromSqlite(2067), Errc::constraint);    // SQLITE_CONSTRAINT_UNIQUE
  EXPECT_EQ(ErrcFromSqlite(3091), Errc::constraint);    // SQLITE_CONSTRAINT_DATATYPE
  EXPECT_EQ(ErrcFromSqlite(20), Errc::type_mismatch);   // SQLITE_MISMATCH
  EXPECT_EQ(ErrcFromSqlite(25), Errc::bad_parameter);   // SQLITE_RANGE
  EXPECT_EQ(ErrcFromSqlite(1), Errc::sql_error);        // SQLITE_ERROR
  EXPECT_EQ(ErrcFromSqlite(8), Errc::read_only);        // SQLITE_READONLY
  EXPECT_EQ(ErrcFromSqlite(10), Errc::io);              // SQLITE_IOERR
  EXPECT_EQ(ErrcFromSqlite(266), Errc::io);             // SQLITE_IOERR_READ
  EXPECT_EQ(ErrcFromSqlite(11), Errc::corrupt);         // SQLITE_CORRUPT
  EXPECT_EQ(ErrcFromSqlite(26), Errc::not_a_database);  // SQLITE_NOTADB
  EXPECT_EQ(ErrcFromSqlite(13), Errc::disk_full);       // SQLITE_FULL
  EXPECT_EQ(ErrcFromSqlite(14), Errc::open_failed);     // SQLITE_CANTOPEN
  EXPECT_EQ(ErrcFromSqlite(21), Errc::misuse);          // SQLITE_MISUSE
  EXPECT_EQ(ErrcFromSqlite(9), Errc::interrupted);      // SQLITE_INTERRUPT
  EXPECT_EQ(ErrcFromSqlite(2), Errc::internal);         // SQLITE_INTERNAL
}

}  // namespace
}  // namespace minegate::db
