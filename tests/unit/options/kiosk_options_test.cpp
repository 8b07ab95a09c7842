// minegate-kiosk's options: run and enroll, the new --config file, refusals.
#include <gtest/gtest.h>

#include <fstream>

#include "kiosk/app/options.hpp"
#include "tests/support/temp_dir.hpp"

namespace minegate::kiosk::app {
namespace {

class KioskOptionsTest : public ::testing::Test {
 protected:
  std::string WriteKioskConfig(const std::string& text) {
    const std::string path = dir_.File("kiosk.conf");
    std::ofstream(path) << text;
    return path;
  }
  test::TempDir dir_{"mg-kiosk-options"};
  std::string error_;
};

TEST_F(KioskOptionsTest, RunDefaultsAreTheProductionValues) {
  auto options = ParseOptions({}, error_);
  ASSERT_TRUE(options) << error_;
  EXPECT_EQ(options->command, Command::run);
  EXPECT_EQ(options->data_dir, "/var/lib/minegate-kiosk");
  EXPECT_EQ(options->ui_port, 8080);
  EXPECT_EQ(options->idle_sign_out, std::chrono::minutes(5));
  EXPECT_EQ(options->retention, std::chrono::hours(168));
  EXPECT_EQ(options->roster_ttl, std::chrono::hours(24 * 30));
  EXPECT_EQ(options->clock_skew_warning, std::chrono::seconds(120));
  EXPECT_EQ(options->gate_id, 0u);
}

TEST_F(KioskOptionsTest, FlagsOverrideTheConfigFile) {
  const std::string file = WriteKioskConfig(
      "data-dir = /srv/kiosk\n"
      "bridge-socket = /run/b.sock\n"
      "ui-port = 9000\n"
      "idle-minutes = 10\n"
      "roster-days = 2\n"
      "clock-skew-warning-s = 300\n"
      "gate = 4\n");
  auto options = ParseOptions({"run", "--config", file, "--ui-port", "0", "--gate=5"}, error_);
  ASSERT_TRUE(options) << error_;
  EXPECT_EQ(options->data_dir, "/srv/kiosk");
  EXPECT_EQ(options->bridge_socket, "/run/b.sock");
  EXPECT_EQ(options->ui_port, 0);
  EXPECT_EQ(options->idle_sign_out, std::chrono::minutes(10));
  EXPECT_EQ(options->roster_ttl, std::chrono::hours(48));
  EXPECT_EQ(options->clock_skew_warning, std::chrono::seconds(300));
  EXPECT_EQ(options->gate_id, 5u);
}

TEST_F(KioskOptionsTest, EnrollTakesACodeOrAFile) {
  auto options = ParseOptions({"enroll", "ABCD-EFGH", "--server", "127.0.0.1:8443"}, error_);
  ASSERT_TRUE(options) << error_;
  EXPECT_EQ(options->command, Command::enroll);
  EXPECT_EQ(options->code, "ABCD-EFGH");
  const std::string file = WriteKioskConfig("server = 10.0.0.2:8443\n");
  options = ParseOptions({"enroll", "--file", "k.enrol", "--config", file}, error_);
  ASSERT_TRUE(options) << error_;
  EXPECT_EQ(options->server, "10.0.0.2:8443");
  EXPECT_EQ(options->enrolment_file, "k.enrol");

  EXPECT_FALSE(ParseOptions({"enroll", "--server", "h:1"}, error_));
  EXPECT_NE(error_.find("give either the CODE or --file FILE"), std::string::npos) << error_;
  EXPECT_FALSE(ParseOptions({"enroll", "CODE", "--file", "f", "--server", "h:1"}, error_));
  EXPECT_FALSE(ParseOptions({"enroll", "CODE"}, error_));
  EXPECT_NE(error_.find("required option: --server HOST:PORT"), std::string::npos) << error_;
  EXPECT_FALSE(ParseOptions({"enroll", "CODE", "OTHER", "--server", "h:1"}, error_));
  EXPECT_EQ(error_, "argument inattendu / unexpected argument: OTHER");
  EXPECT_FALSE(ParseOptions({"run", "CODE"}, error_));  // run takes no word
  EXPECT_EQ(error_, "argument inattendu / unexpected argument: CODE");
}

TEST_F(KioskOptionsTest, RefusalsNameTheOptionOrKey) {
  EXPECT_FALSE(ParseOptions({"--idle-minutes", "0"}, error_));
  EXPECT_EQ(error_,
            "valeur invalide pour --idle-minutes (1..240) / invalid value for --idle-minutes "
            "(1..240): 0");
  EXPECT_FALSE(ParseOptions({"--config", WriteKioskConfig("lock-minutes = 2000\n")}, error_));
  EXPECT_NE(error_.find("invalid value for lock-minutes (1..1440): 2000"), std::string::npos)
      << error_;
  EXPECT_FALSE(ParseOptions({"--config", WriteKioskConfig("ui-colour = blue\n")}, error_));
  EXPECT_NE(error_.find(": option inconnue / unknown option: ui-colour"), std::string::npos)
      << error_;
  EXPECT_FALSE(ParseOptions({"--bogus", "1"}, error_));
  EXPECT_EQ(error_, "option inconnue / unknown option: --bogus");
  EXPECT_FALSE(ParseOptions({"--data-dir"}, error_));
  EXPECT_NE(error_.find("missing value for --data-dir"), std::string::npos) << error_;
  EXPECT_FALSE(ParseOptions({"--bridge-socket", std::string(120, 'x')}, error_));
  EXPECT_NE(error_.find("path too long"), std::string::npos) << error_;
}

TEST_F(KioskOptionsTest, HelpAndVersion) {
  auto options = ParseOptions({"enroll", "--help"}, error_);
  ASSERT_TRUE(options) << error_;
  EXPECT_EQ(options->command, Command::help);
  options = ParseOptions({"--version"}, error_);
  ASSERT_TRUE(options) << error_;
  EXPECT_EQ(options->command, Command::version);
  const std::string usage = Usage();
  for (const char* option :
       {"--data-dir DIR", "--bridge-socket PATH", "--ui-address IP", "--ui-port N",
        "--idle-minutes N", "--max-pin-failures N", "--lock-minutes N", "--stale-days N",
        "--retention-hours N", "--roster-days N", "--clock-skew-warning-s N", "--gate N",
        "--server HOST:PORT", "--server-fingerprint SHA256", "--file FICHIER", "--config FILE",
        "--log-level", "page-url-file: DIR/page-url"}) {
    EXPECT_NE(usage.find(option), std::string::npos) << option << "\n" << usage;
  }
}

}  // namespace
}  // namespace minegate::kiosk::app
