// minegate-server's configuration: file, flags, and the rules across them.
#include "server/app/config.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

namespace minegate::server {
namespace {

std::optional<ParsedArgs> Parse(const std::vector<std::string>& args, std::string& error) {
  return ParseArgs(args, error);
}

TEST(ConfigTest, DefaultsAreProductionValues) {
  std::string error;
  auto parsed = Parse({}, error);
  ASSERT_TRUE(parsed) << error;
  EXPECT_EQ(parsed->command, Command::kRun);
  EXPECT_EQ(parsed->config.listen_address, "0.0.0.0");
  EXPECT_EQ(parsed->config.port, 8443);
  EXPECT_EQ(parsed->config.threads, 2u);
  EXPECT_FALSE(parsed->config.plain_http);
  EXPECT_EQ(parsed->config.database_path(), "/var/lib/minegate/minegate.db");
}

TEST(ConfigTest, FlagsOverrideTheConfigFile) {
  const std::string file =
      ::testing::TempDir() + "minegate-config-test-" + std::to_string(::getpid()) + ".conf";
  {
    std::ofstream out(file);
    out << "# minegate-server\n"
           "listen = 127.0.0.1\n"
           "port = 9443   # comment\n"
           "data-dir = data\n"
           "threads = 4\n"
           "host-name = from-file.example\n"
           "host-name = 10.0.0.1\n";
  }
  std::string error;
  auto parsed = Parse({"--config", file, "--port", "0", "--plain-http"}, error);
  ASSERT_TRUE(parsed) << error;
  EXPECT_EQ(parsed->config.listen_address, "127.0.0.1");
  EXPECT_EQ(parsed->config.port, 0);
  EXPECT_EQ(parsed->config.threads, 4u);
  EXPECT_TRUE(parsed->config.plain_http);
  // Relative paths in the file are relative to the file.
  EXPECT_EQ(parsed->config.data_dir, std::filesystem::path(file).parent_path() / "data");
  EXPECT_EQ(parsed->config.host_names, (std::vector<std::string>{"from-file.example", "10.0.0.1"}));

  parsed = Parse({"--config", file, "--host-name", "a.example", "--host-name=b.example"}, error);
  ASSERT_TRUE(parsed) << error;
  EXPECT_EQ(parsed->config.host_names, (std::vector<std::string>{"a.example", "b.example"}));
  std::filesystem::remove(file);
}

TEST(ConfigTest, PlainHttpIsRefusedOffLoopback) {
  std::string error;
  EXPECT_FALSE(Parse({"--plain-http"}, error));  // default 0.0.0.0
  EXPECT_NE(error.find("--plain-http n'est permis que sur une adresse de bouclage"),
            std::string::npos)
      << error;
  EXPECT_NE(error.find("/ --plain-http is only allowed on a loopback address"), std::string::npos);
  EXPECT_FALSE(Parse({"--plain-http", "--listen", "192.168.1.10"}, error));
  EXPECT_TRUE(Parse({"--plain-http", "--listen", "127.0.0.1"}, error)) << error;
  EXPECT_TRUE(Parse({"--plain-http", "--listen", "::1"}, error)) << error;
}

TEST(ConfigTest, BadValuesAreRefusedBilingually) {
  std::string error;
  EXPECT_FALSE(Parse({"--port", "70000"}, error));
  EXPECT_NE(error.find("/ invalid value for --port (0..65535): 70000"), std::string::npos) << error;
  EXPECT_FALSE(Parse({"--threads", "0"}, error));
  EXPECT_FALSE(Parse({"--listen", "localhost"}, error));  // an IP address, not a name
  EXPECT_FALSE(Parse({"--tls-cert", "cert.pem"}, error));
  EXPECT_NE(error.find("--tls-cert and --tls-key go together"), std::string::npos) << error;
  EXPECT_FALSE(Parse({"--host-name", "*.example"}, error));
  EXPECT_FALSE(Parse({"--frobnicate", "1"}, error));
  EXPECT_NE(error.find("option inconnue / unknown option"), std::string::npos) << error;
  EXPECT_FALSE(Parse({"--port"}, error));
  EXPECT_FALSE(Parse({"stray"}, error));
  EXPECT_FALSE(Parse({"--config", "/nonexistent/minegate.conf"}, error));
  EXPECT_NE(error.find("unreadable config file"), std::string::npos) << error;
}

TEST(ConfigTest, HelpListsEveryOption) {
  std::string error;
  auto parsed = Parse({"--port", "1", "--help"}, error);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->command, Command::kHelp);
  const std::string usage = Usage();
  for (const char* option : {"--config", "--listen", "--port", "--data-dir", "--tls-cert",
                             "--tls-key", "--plain-http", "--threads", "--host-name", "--help"}) {
    EXPECT_NE(usage.find(option), std::string::npos) << option;
  }
}

}  // namespace
}  // namespace minegate::server
