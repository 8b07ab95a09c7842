// minegatectl's risk rule-set commands on a real data directory: `rules check` validates a file
// without touching any data and names each error's line and column; `rules upload` refuses an
// invalid file with the same errors and changes nothing, stores and activates a valid one (an
// exact repeat too, as already stored), each attempt audited once; `rules show` lists the
// versions and gives a stored text back byte for byte.
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "server/audit/audit_entry.hpp"
#include "server/protection/protection_error.hpp"
#include "server/risk/rule_set.hpp"
#include "tests/integration/minegatectl/audit_ctl_fixture.hpp"

namespace minegate::ctl {
namespace {

/// `text` with its one occurrence of `from` replaced by `to`; a test failure when `from` is not
/// there exactly once (the built-in text changed under the test).
std::string ReplacedOnce(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at == std::string::npos) return text;
  EXPECT_EQ(text.find(from, at + from.size()), std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

/// The built-in rules as another version, flagging on fewer points: 6, the lowest the engine
/// accepts (above one medium sign with the weak signs as weak_points_cap counts them, 3 + 2).
std::string LowerThreshold(const std::string& version) {
  const std::string text =
      ReplacedOnce(std::string(server::risk::DefaultRuleSetText()),
                   "version: \"" + server::risk::DefaultRuleSet().version() + "\"",
                   "version: \"" + version + "\"");
  return ReplacedOnce(text, "\nflag_threshold: 7\n", "\nflag_threshold: 6\n");
}

/// The 1-based line of the first occurrence of `needle` in `text`.
int LineOf(const std::string& text, const std::string& needle) {
  const std::size_t at = text.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
}

class RulesCommandsTest : public test::AuditCtlTest {
 protected:
  std::vector<server::audit::AuditRecord> UploadEntries() {
    std::vector<server::audit::AuditRecord> uploads;
    for (auto& record : Entries()) {
      if (record.entry.action == "minegatectl rules upload") uploads.push_back(record);
    }
    return uploads;
  }
};

TEST_F(RulesCommandsTest, CheckNamesEachErrorAtItsLineAndNeedsNoDataDirectory) {
  const std::filesystem::path good = dir_.path() / "good.textproto";
  WriteText(good, LowerThreshold("2026-12-08.1"));
  // No init: checking a file touches no data.
  const auto valid = Run({"rules", "check", "--file", good.string()});
  EXPECT_EQ(ExitCode(valid), 0) << valid.err;
  EXPECT_NE(valid.out.find("valid: 2026-12-08.1, 15 "), std::string::npos) << valid.out;
  EXPECT_FALSE(std::filesystem::exists(Database()));

  std::string text = LowerThreshold("2026-12-08.1");
  const int line = LineOf(text, "points: 3");
  text.replace(text.find("points: 3"), 9, "points: -3");
  text = std::regex_replace(text, std::regex("flag_threshold: 6"), "flag_treshold: 6");
  const std::filesystem::path bad = dir_.path() / "bad.textproto";
  WriteText(bad, text);
  const auto invalid = Run({"rules", "check", "--file", bad.string()});
  EXPECT_EQ(ExitCode(invalid), 1);
  // A syntax error (the misspelt field) stops the parser first: it is the one reported, at its
  // own line; once mended, the negative points are reported at theirs.
  const int misspelt = LineOf(text, "flag_treshold");
  EXPECT_NE(invalid.err.find(bad.string() + ":" + std::to_string(misspelt) + ":1:"),
            std::string::npos)
      << invalid.err;
  text = std::regex_replace(text, std::regex("flag_treshold: 6"), "flag_threshold: 6");
  WriteText(bad, text);
  const auto negative = Run({"rules", "check", "--file", bad.string()});
  EXPECT_EQ(ExitCode(negative), 1);
  EXPECT_NE(negative.err.find(bad.string() + ":" + std::to_string(line) + ":3: points"),
            std::string::npos)
      << negative.err;
  EXPECT_NE(negative.err.find("nothing changed"), std::string::npos);
  EXPECT_EQ(ExitCode(Run({"rules", "check"})), 2);  // --file is required
}

TEST_F(RulesCommandsTest, UploadRefusesAnInvalidFileAndActivatesAValidOneAuditedOnce) {
  MustRun({"init", "--admin", "chef", "--password-file", PasswordFile().string()});
  std::string invalid = LowerThreshold("2026-12-08.1");
  const int line = LineOf(invalid, "points: 3");
  invalid.replace(invalid.find("points: 3"), 9, "points: -3");
  const std::filesystem::path bad = dir_.path() / "bad.textproto";
  WriteText(bad, invalid);
  const auto refused = Run({"rules", "upload", "--file", bad.string()});
  EXPECT_EQ(ExitCode(refused), 1);
  EXPECT_NE(refused.err.find(":" + std::to_string(line) + ":3: points"), std::string::npos)
      << refused.err;
  EXPECT_NE(MustRun({"rules", "show"}).find("0 ligne(s)"), std::string::npos);

  const std::string text = LowerThreshold("2026-12-08.1");
  const std::filesystem::path good = dir_.path() / "good.textproto";
  WriteText(good, text);
  const auto uploaded = Run({"rules", "upload", "--file", good.string()});
  EXPECT_EQ(ExitCode(uploaded), 0) << uploaded.err;
  EXPECT_NE(uploaded.out.find("active rules: 2026-12-08.1\n"), std::string::npos) << uploaded.out;
  EXPECT_NE(uploaded.out.find("re-evaluation: 0 / 0"), std::string::npos) << uploaded.out;
  // An exact repeat is accepted as it is.
  const auto repeated = Run({"rules", "upload", "--file", good.string()});
  EXPECT_EQ(ExitCode(repeated), 0) << repeated.err;
  EXPECT_NE(repeated.out.find("already stored"), std::string::npos) << repeated.out;
  // The same version with another text is not.
  WriteText(good, text + "# edited\n");
  EXPECT_EQ(ExitCode(Run({"rules", "upload", "--file", good.string()})), 1);

  const std::string shown = MustRun({"rules", "show"});
  EXPECT_NE(shown.find("2026-12-08.1  oui / yes"), std::string::npos) << shown;
  EXPECT_NE(shown.find("minegatectl"), std::string::npos) << shown;
  EXPECT_NE(shown.find("none pending"), std::string::npos) << shown;
  EXPECT_EQ(MustRun({"rules", "show", "--rule-set", "2026-12-08.1"}), text);
  MustRefuse({"rules", "show", "--rule-set", "2026-01-01.1"});

  const auto uploads = UploadEntries();
  ASSERT_EQ(uploads.size(), 4u);
  const auto invalid_outcome = server::audit::OutcomeOf(
      "refused", make_error_code(server::protection::Errc::rule_set_invalid));
  EXPECT_EQ(uploads[0].entry.outcome, invalid_outcome);
  EXPECT_TRUE(uploads[0].entry.targets.empty());
  EXPECT_EQ(uploads[1].entry.outcome, "ok");
  EXPECT_EQ(uploads[1].entry.targets, std::vector<std::string>{"rule_set:2026-12-08.1"});
  EXPECT_EQ(uploads[1].entry.actor_id, OsUser());
  EXPECT_EQ(uploads[1].entry.query, R"({"file":")" + good.string() + R"("})");
  EXPECT_EQ(uploads[2].entry.outcome, "ok");
  EXPECT_EQ(uploads[3].entry.outcome,
            server::audit::OutcomeOf("refused",
                                     make_error_code(server::protection::Errc::rule_set_exists)));
  // Checking and showing write nothing.
  for (const auto& record : Entries()) {
    EXPECT_NE(record.entry.action, "minegatectl rules check");
    EXPECT_NE(record.entry.action, "minegatectl rules show");
  }
}

}  // namespace
}  // namespace minegate::ctl
