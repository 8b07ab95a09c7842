// minegate-server's options through base/options: what config_test (integration/server_net)
// does not cover — refusals naming the key in the file, --version, --log-level.
#include <gtest/gtest.h>

#include <fstream>

#include "server/app/config.hpp"
#include "tests/support/temp_dir.hpp"

namespace minegate::server {
namespace {

class ServerOptionsTest : public ::testing::Test {
 protected:
  std::string WriteServerConfig(const std::string& text) {
    const std::string path = dir_.File("server.conf");
    std::ofstream(path) << text;
    return path;
  }
  test::TempDir dir_{"mg-server-options"};
  std::string error_;
};

TEST_F(ServerOptionsTest, FileKeysAreTheOptionNamesAndFlagsWin) {
  const std::string file = WriteServerConfig(
      "listen = 127.0.0.1\nplain-http = true\nthreads = 3\nlog-level = error\n"
      "tls-cert = cert.pem\ntls-key = /abs/key.pem\n");
  auto parsed = ParseArgs(
      {"--config", file, "--threads", "5", "--plain-http=false", "--log-level", "debug"}, error_);
  ASSERT_TRUE(parsed) << error_;
  EXPECT_EQ(parsed->config.threads, 5u);
  EXPECT_FALSE(parsed->config.plain_http);
  EXPECT_EQ(parsed->log_level, base::LogLevel::debug);
  EXPECT_EQ(parsed->config.tls_certificate, dir_.path() / "cert.pem");  // relative to the file
  EXPECT_EQ(parsed->config.tls_key, "/abs/key.pem");
  // A relative path given as a flag stays relative to the working directory.
  parsed = ParseArgs({"--config", file, "--tls-cert", "c.pem"}, error_);
  ASSERT_TRUE(parsed) << error_;
  EXPECT_EQ(parsed->config.tls_certificate, "c.pem");
  EXPECT_EQ(parsed->log_level, base::LogLevel::error);
}

TEST_F(ServerOptionsTest, RefusalsInTheFileNameTheFileAndTheKey) {
  std::string file = WriteServerConfig("listen = 127.0.0.1\nlisten-port = 1\n");
  EXPECT_FALSE(ParseArgs({"--config", file}, error_));
  EXPECT_EQ(error_, file + ": option inconnue / unknown option: listen-port");
  file = WriteServerConfig("port = 65536\n");
  EXPECT_FALSE(ParseArgs({"--config", file}, error_));
  EXPECT_EQ(error_, file +
                        ": valeur invalide pour port (0..65535) / invalid value for port "
                        "(0..65535): 65536");
  file = WriteServerConfig("plain-http = maybe\n");
  EXPECT_FALSE(ParseArgs({"--config", file}, error_));
  EXPECT_NE(error_.find("invalid value for plain-http (true | false)"), std::string::npos)
      << error_;
}

TEST_F(ServerOptionsTest, VersionAndGeneratedHelp) {
  auto parsed = ParseArgs({"--version"}, error_);
  ASSERT_TRUE(parsed) << error_;
  EXPECT_EQ(parsed->command, Command::kVersion);
  const std::string usage = Usage();
  EXPECT_NE(usage.find("--log-level"), std::string::npos) << usage;
  EXPECT_NE(usage.find("--version"), std::string::npos) << usage;
  EXPECT_NE(usage.find("(=8443)"), std::string::npos) << usage;
}

}  // namespace
}  // namespace minegate::server
