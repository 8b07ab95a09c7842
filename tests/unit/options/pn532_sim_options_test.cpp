// minegate-pn532-sim's options: the flags tests and scripts start it with, refusals naming the
// option, help generated from the description.
#include <gtest/gtest.h>

#include "tools/pn532-sim/command_line.hpp"

namespace minegate::pn532sim {
namespace {

class Pn532SimOptionsTest : public ::testing::Test {
 protected:
  std::string error_;
};

TEST_F(Pn532SimOptionsTest, TheFlagsTheHarnessesUse) {
  auto options = ParseOptions({"--link", "/tmp/pn532"}, error_);
  ASSERT_TRUE(options) << error_;
  EXPECT_EQ(options->link_path, "/tmp/pn532");
  EXPECT_EQ(options->control_path, "");
  EXPECT_FALSE(options->tag_model);
  EXPECT_FALSE(options->tag_uid);
  EXPECT_FALSE(options->verbose);
  EXPECT_FALSE(options->help);
  EXPECT_FALSE(options->version);

  options = ParseOptions(
      {"--link", "/tmp/l", "--control", "/tmp/c.sock", "--tag", "desfire:04112233445566", "-v"},
      error_);
  ASSERT_TRUE(options) << error_;
  EXPECT_EQ(options->control_path, "/tmp/c.sock");
  EXPECT_EQ(options->tag_model, TagModel::kDesfireEv1);
  EXPECT_EQ(options->tag_uid, (Bytes{0x04, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66}));
  EXPECT_TRUE(options->verbose);

  options = ParseOptions({"--tag=ntag213", "--verbose", "--link=/tmp/l"}, error_);
  ASSERT_TRUE(options) << error_;
  EXPECT_EQ(options->tag_model, TagModel::kNtag213);
  EXPECT_FALSE(options->tag_uid);  // the model's fixed UID
  EXPECT_TRUE(options->verbose);
}

TEST_F(Pn532SimOptionsTest, HelpAndVersionNeedNoLink) {
  for (const auto& help : {std::vector<std::string>{"--help"}, {"-h"}, {"--tag", "x", "-h"}}) {
    const auto options = ParseOptions(help, error_);
    ASSERT_TRUE(options) << error_;
    EXPECT_TRUE(options->help);
  }
  const auto options = ParseOptions({"--version"}, error_);
  ASSERT_TRUE(options) << error_;
  EXPECT_TRUE(options->version);
}

TEST_F(Pn532SimOptionsTest, RefusalsNameTheOption) {
  EXPECT_FALSE(ParseOptions({}, error_));
  EXPECT_EQ(error_, "--link est obligatoire / --link is required");
  EXPECT_FALSE(ParseOptions({"--link", "pn532_uart:/tmp/x"}, error_));
  EXPECT_EQ(error_, "--link ne doit pas contenir ':' / --link must not contain ':'");
  EXPECT_FALSE(ParseOptions({"--tag", "ntag999", "--link", "/tmp/x"}, error_));
  EXPECT_EQ(error_, "--tag : modèle inconnu / unknown model: ntag999");
  EXPECT_FALSE(ParseOptions({"--link", "/tmp/x", "--tag", "ntag213:0411"}, error_));
  EXPECT_EQ(error_,
            "--tag : UID invalide (7 octets hexadécimaux) / invalid UID (7 hex bytes): 0411");
  EXPECT_FALSE(ParseOptions({"--link"}, error_));
  EXPECT_EQ(error_, "valeur manquante pour / missing value for --link");
  EXPECT_FALSE(ParseOptions({"--link", "/tmp/a", "--link", "/tmp/b"}, error_));
  EXPECT_EQ(error_, "option répétée / repeated option: --link");
  EXPECT_FALSE(ParseOptions({"--link", "/tmp/x", "--speed", "2"}, error_));
  EXPECT_EQ(error_, "option inconnue / unknown option: --speed");
  // Unix style without guessing: --ctl is not --control.
  EXPECT_FALSE(ParseOptions({"--link", "/tmp/x", "--ctl", "/tmp/c"}, error_));
  EXPECT_EQ(error_, "option inconnue / unknown option: --ctl");
  // No configuration file for a test fixture.
  EXPECT_FALSE(ParseOptions({"--link", "/tmp/x", "--config", "f"}, error_));
  EXPECT_EQ(error_, "option inconnue / unknown option: --config");
  EXPECT_FALSE(ParseOptions({"--link", "/tmp/x", "ntag213"}, error_));
  EXPECT_EQ(error_, "argument inattendu / unexpected argument: ntag213");
  EXPECT_FALSE(ParseOptions({"--link", "/tmp/x", "--verbose=yes"}, error_));
  EXPECT_NE(error_.find("this option takes no value: --verbose"), std::string::npos) << error_;
}

TEST_F(Pn532SimOptionsTest, HelpIsGeneratedAndListsTheControlCommands) {
  const std::string help = HelpText();
  for (const char* text :
       {"émulateur", "emulator", "--link PATH", "--control SOCKET", "--tag MODEL[:UID]",
        "-v [ --verbose ]", "-h [ --help ]", "--version", "LIBNFC_DEVICE=pn532_uart:PATH",
        "place MODEL [UIDHEX [IMAGEHEX]]", "fault stall [on CMD] [for MS]", "SIGTERM"}) {
    EXPECT_NE(help.find(text), std::string::npos) << text << "\n" << help;
  }
  EXPECT_EQ(help.find("--config"), std::string::npos) << help;
}

}  // namespace
}  // namespace minegate::pn532sim
