// base/options: flags, the --config file, and the errors that name what is wrong.
#include <gtest/gtest.h>

#include <fstream>

#include "base/options/options.hpp"
#include "base/version.hpp"
#include "tests/support/temp_dir.hpp"

namespace minegate::base {
namespace {

const po::options_description& SampleSettings() {
  static const po::options_description settings = [] {
    po::options_description d("options");
    d.add_options()("name", po::value<std::string>()->default_value("default-name"), "name")(
        "count", UnsignedIn(1, 10)->default_value(3), "count")(
        "list", po::value<std::vector<std::string>>(), "list");
    AddLogLevelOption(d);
    return d;
  }();
  return settings;
}

OptionsSpec SampleSpec(std::size_t max_positional = 0) {
  OptionsSpec spec;
  spec.settings = &SampleSettings();
  spec.max_positional = max_positional;
  return spec;
}

class BaseOptionsTest : public ::testing::Test {
 protected:
  std::string WriteConfig(const std::string& text) {
    const std::string path = dir_.File("sample.conf");
    std::ofstream(path) << text;
    return path;
  }
  std::optional<ParsedOptions> Parse(const std::vector<std::string>& args) {
    return ParseOptions(SampleSpec(), args, error_);
  }

  test::TempDir dir_{"mg-options"};
  std::string error_;
};

TEST_F(BaseOptionsTest, DefaultsApplyWhenNothingIsGiven) {
  auto parsed = Parse({});
  ASSERT_TRUE(parsed) << error_;
  EXPECT_EQ(parsed->action, OptionsAction::run);
  EXPECT_EQ(parsed->Get<std::string>("name"), "default-name");
  EXPECT_EQ(parsed->Get<std::uint64_t>("count"), 3u);
  EXPECT_EQ(LogLevelOf(*parsed), LogLevel::info);
  EXPECT_TRUE(parsed->config_file.empty());
}

TEST_F(BaseOptionsTest, FlagsOverrideTheFileWhichOverridesTheDefaults) {
  const std::string file = WriteConfig(
      "# comment\n"
      "name = from-file   # trailing comment\n"
      "count = 7\n"
      "list = a\n"
      "list = b\n"
      "log-level = debug\n");
  auto parsed = Parse({"--config", file, "--count=9"});
  ASSERT_TRUE(parsed) << error_;
  EXPECT_EQ(parsed->Get<std::string>("name"), "from-file");
  EXPECT_EQ(parsed->Get<std::uint64_t>("count"), 9u);
  EXPECT_EQ(parsed->Get<std::vector<std::string>>("list"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(LogLevelOf(*parsed), LogLevel::debug);
  EXPECT_EQ(parsed->config_file, file);
  EXPECT_TRUE(parsed->from_file.contains("name"));
  EXPECT_FALSE(parsed->from_file.contains("count"));  // the flag won

  // A list given as flags replaces the file's list rather than adding to it.
  parsed = Parse({"--list", "x", "--config", file});
  ASSERT_TRUE(parsed) << error_;
  EXPECT_EQ(parsed->Get<std::vector<std::string>>("list"), (std::vector<std::string>{"x"}));
}

TEST_F(BaseOptionsTest, UnknownKeyInTheFileIsRefusedWithTheKeyAndFileNamed) {
  const std::string file = WriteConfig("name = x\nfrobnicate = 1\n");
  EXPECT_FALSE(Parse({"--config", file}));
  EXPECT_EQ(error_, file + ": option inconnue / unknown option: frobnicate");
}

TEST_F(BaseOptionsTest, BadValueInTheFileIsRefusedWithTheKeyNamed) {
  const std::string file = WriteConfig("count = 11\n");
  EXPECT_FALSE(Parse({"--config", file}));
  EXPECT_EQ(error_, file +
                        ": valeur invalide pour count (1..10) / invalid value for count (1..10): "
                        "11");
  EXPECT_FALSE(Parse({"--config", WriteConfig("log-level = loud\n")}));
  EXPECT_NE(error_.find("invalid value for log-level (debug | info | warning | error): loud"),
            std::string::npos)
      << error_;
  EXPECT_FALSE(Parse({"--config", WriteConfig("just words\n")}));
  EXPECT_NE(error_.find("\"key = value\" expected: just words"), std::string::npos) << error_;
  EXPECT_FALSE(Parse({"--config", WriteConfig("count = 2\ncount = 3\n")}));
  EXPECT_NE(error_.find("option répétée / repeated option: count"), std::string::npos) << error_;
  // --config, --help and --version are flags, not keys.
  EXPECT_FALSE(Parse({"--config", WriteConfig("config = other.conf\n")}));
  EXPECT_NE(error_.find("unknown option: config"), std::string::npos) << error_;
}

TEST_F(BaseOptionsTest, BadFlagsAreRefusedWithTheFlagNamed) {
  EXPECT_FALSE(Parse({"--count", "0"}));
  EXPECT_EQ(error_, "valeur invalide pour --count (1..10) / invalid value for --count (1..10): 0");
  for (const char* bad : {"-1", "1e3", " 7", "7 ", "+7", ""}) {
    EXPECT_FALSE(Parse({"--count", bad})) << bad;
    EXPECT_NE(error_.find("invalid value for --count"), std::string::npos) << bad << error_;
  }
  EXPECT_FALSE(Parse({"--frobnicate", "1"}));
  EXPECT_EQ(error_, "option inconnue / unknown option: --frobnicate");
  EXPECT_FALSE(Parse({"--frobnicate=1"}));
  EXPECT_EQ(error_, "option inconnue / unknown option: --frobnicate");
  EXPECT_FALSE(Parse({"--nam", "x"}));  // no abbreviations
  EXPECT_EQ(error_, "option inconnue / unknown option: --nam");
  EXPECT_FALSE(Parse({"--name"}));
  EXPECT_EQ(error_, "valeur manquante pour / missing value for --name");
  EXPECT_FALSE(Parse({"--count", "2", "--count", "3"}));
  EXPECT_EQ(error_, "option répétée / repeated option: --count");
  EXPECT_FALSE(Parse({"stray"}));
  EXPECT_EQ(error_, "argument inattendu / unexpected argument: stray");
  EXPECT_FALSE(Parse({"--config", dir_.File("missing.conf")}));
  EXPECT_NE(error_.find("fichier de configuration illisible / unreadable config file: " +
                        dir_.File("missing.conf")),
            std::string::npos)
      << error_;
}

TEST_F(BaseOptionsTest, PositionalWordsUpToTheLimit) {
  auto parsed = ParseOptions(SampleSpec(1), {"CODE-1", "--count", "2"}, error_);
  ASSERT_TRUE(parsed) << error_;
  EXPECT_EQ(parsed->positional, (std::vector<std::string>{"CODE-1"}));
  EXPECT_FALSE(ParseOptions(SampleSpec(1), {"CODE-1", "CODE-2"}, error_));
  EXPECT_EQ(error_, "argument inattendu / unexpected argument: CODE-2");
}

TEST_F(BaseOptionsTest, HelpAndVersionWinBeforeTheFileIsRead) {
  auto parsed = Parse({"--count", "2", "--help", "--config", dir_.File("missing.conf")});
  ASSERT_TRUE(parsed) << error_;
  EXPECT_EQ(parsed->action, OptionsAction::help);
  parsed = Parse({"-h"});
  ASSERT_TRUE(parsed) << error_;
  EXPECT_EQ(parsed->action, OptionsAction::help);
  parsed = Parse({"--version"});
  ASSERT_TRUE(parsed) << error_;
  EXPECT_EQ(parsed->action, OptionsAction::version);
  EXPECT_EQ(VersionText("sample"), "sample " + std::string(kVersion) + "\n");
}

TEST_F(BaseOptionsTest, HelpIsGeneratedFromTheDescription) {
  const std::string help = HelpText(SampleSpec(), "usage: sample [options]\n");
  EXPECT_EQ(help.rfind("usage: sample [options]\n", 0), 0u) << help;
  for (const char* option :
       {"--name", "--count", "--list", "--log-level", "--config FILE", "--help", "--version"}) {
    EXPECT_NE(help.find(option), std::string::npos) << option << "\n" << help;
  }
  EXPECT_NE(help.find("(=3)"), std::string::npos) << help;
}

}  // namespace
}  // namespace minegate::base
