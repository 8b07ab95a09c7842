// Tampering with the audit log the way someone holding the database file would — the sqlite3
// command-line tool, the append-only triggers dropped first — and `minegatectl audit verify`
// failing (exit 1) with the entry named. A cut-off tail shows only against a head written down.
#include <gtest/gtest.h>

#include <regex>
#include <sstream>
#include <string>

#include "tests/integration/minegatectl/audit_ctl_fixture.hpp"

namespace minegate::ctl {
namespace {

class AuditTamperTest : public test::AuditCtlTest {
 protected:
  /// init and nine more changes: ten entries.
  void SetUp() override {
    test::AuditCtlTest::SetUp();
    MustRun({"init", "--admin", "chef", "--password-file", PasswordFile().string()});
    MustRun({"site", "add", "--name", "Bantako", "--department", "kedougou"});
    MustRun({"site", "add", "--name", "Sabodala", "--department", "saraya"});
    for (int gate = 1; gate <= 5; ++gate) {
      MustRun({"gate", "add", "--site", "1", "--name", "Porte " + std::to_string(gate)});
    }
    MustRun({"alert", "publish", "--id", "alerte-1", "--fr", "Route fermée", "--en", "Closed"});
    MustRun({"alert", "withdraw", "--id", "alerte-1"});
  }

  /// `audit head`'s first line, which is COUNT:HASH.
  std::string Head() {
    const std::string out = MustRun({"audit", "head"});
    const std::string first = out.substr(0, out.find('\n'));
    EXPECT_TRUE(std::regex_match(first, std::regex("[0-9]+:[0-9a-f]{64}"))) << out;
    EXPECT_NE(out.find("minegatectl audit verify --expect " + first), std::string::npos) << out;
    return first;
  }

  /// Runs verify, which must fail naming `seq`; returns what it said.
  std::string MustFailAt(std::vector<std::string> args, std::int64_t seq) {
    const auto result = Run(args);
    EXPECT_EQ(ExitCode(result), 1) << result.out << result.err;
    EXPECT_NE(result.err.find("chaîne rompue / chain broken — entrée / entry " +
                              std::to_string(seq) + ":"),
              std::string::npos)
        << result.err;
    EXPECT_EQ(result.out.find("chain intact"), std::string::npos) << result.out;
    return result.err;
  }
};

TEST_F(AuditTamperTest, AnIntactLogVerifiesWithAndWithoutItsHead) {
  const std::string head = Head();
  EXPECT_EQ(head.substr(0, 3), "10:");
  const std::string out = MustRun({"audit", "verify"});
  EXPECT_NE(out.find("chaîne intacte / chain intact: 10 entrées / entries, tête / head " +
                     head.substr(3)),
            std::string::npos)
      << out;
  EXPECT_NE(MustRun({"audit", "verify", "--expect", head}).find("matches the head written down"),
            std::string::npos);
}

TEST_F(AuditTamperTest, TheTriggersRefuseTheEditUntilDropped) {
  const auto refused = Sqlite("UPDATE audit_log SET actor_id = 'personne' WHERE seq = 4;");
  EXPECT_NE(ExitCode(refused), 0);
  EXPECT_NE(refused.err.find("append-only"), std::string::npos) << refused.err;
  const auto deleted = Sqlite("DELETE FROM audit_log WHERE seq = 4;");
  EXPECT_NE(ExitCode(deleted), 0);
  EXPECT_EQ(ExitCode(Run({"audit", "verify"})), 0);
  DropTriggers();
  const auto result = Run({"audit", "verify"});
  EXPECT_EQ(ExitCode(result), 0);  // Still whole, but the schema was edited: said so.
  EXPECT_NE(result.err.find("append-only triggers missing"), std::string::npos) << result.err;
}

TEST_F(AuditTamperTest, AnEditedEntryIsNamed) {
  DropTriggers();
  MustSqlite("UPDATE audit_log SET actor_id = 'quelqu''un' WHERE seq = 4;");
  const std::string said = MustFailAt({"audit", "verify"}, 4);
  EXPECT_NE(said.find("hash mismatch"), std::string::npos) << said;
  EXPECT_NE(said.find("intact entries before it: 3"), std::string::npos) << said;
}

TEST_F(AuditTamperTest, AnEntryDeletedFromTheMiddleIsNamed) {
  DropTriggers();
  MustSqlite("DELETE FROM audit_log WHERE seq = 6;");
  const std::string said = MustFailAt({"audit", "verify"}, 6);
  EXPECT_NE(said.find("missing entry"), std::string::npos) << said;
  EXPECT_NE(said.find("entry 6 missing, the next is 7"), std::string::npos) << said;
}

TEST_F(AuditTamperTest, ACutTailIsFoundOnlyWithTheHeadWrittenDown) {
  const std::string head = Head();
  DropTriggers();
  MustSqlite("DELETE FROM audit_log WHERE seq > 8;");
  // Alone, the chain that is left is a whole chain of eight entries.
  const std::string alone = MustRun({"audit", "verify"});
  EXPECT_NE(alone.find("chain intact: 8 entrées / entries"), std::string::npos) << alone;
  const std::string said = MustFailAt({"audit", "verify", "--expect", head}, 9);
  EXPECT_NE(said.find("end of the log missing"), std::string::npos) << said;
  EXPECT_NE(said.find("10 entries expected, the log ends at 8"), std::string::npos) << said;
}

TEST_F(AuditTamperTest, ABadExpectedHeadIsAUsageError) {
  const auto result = Run({"audit", "verify", "--expect", "10:abc"});
  EXPECT_EQ(ExitCode(result), 2) << result.err;
  EXPECT_NE(result.err.find("COUNT:HASH"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace minegate::ctl
