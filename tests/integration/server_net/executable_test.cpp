// minegate-server as a real process: start on an ephemeral loopback port, serve, stop on
// SIGTERM; and its refusals at start-up.
#include <gtest/gtest.h>

#include <csignal>
#include <fstream>
#include <regex>

#include "base/version.hpp"
#include "tests/support/net/ws_test_client.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/wait.hpp"

namespace minegate::server::test {
namespace {

using namespace std::chrono_literals;
using minegate::test::ProcessOptions;
using minegate::test::RunToCompletion;
using minegate::test::TempDir;
using minegate::test::WaitUntil;

using minegate::test::ReadFile;

/// What an administrator does before the first start: minegatectl init.
void Initialise(const TempDir& dir) {
  {
    std::ofstream password(dir.File("admin.pw"));
    password << "correct horse battery staple\n";
  }
  const auto init = RunToCompletion({MINEGATECTL_BIN, "--data-dir", dir.File("data"), "init",
                                     "--admin", "admin", "--password-file", dir.File("admin.pw")},
                                    {}, 30s);
  ASSERT_TRUE(init.status.Succeeded()) << init.out << init.err;
}

TEST(ServerExecutableTest, ServesOnAnEphemeralPortAndStopsCleanlyOnSigterm) {
  TempDir dir("mg-exe");
  ASSERT_TRUE(dir.ok());
  Initialise(dir);
  ProcessOptions options;
  options.argv = {MINEGATE_SERVER_BIN, "--listen",       "127.0.0.1", "--port", "0",
                  "--data-dir",        dir.File("data"), "--threads", "1"};
  options.stderr_path = dir.File("stderr");
  std::string error;
  auto server = minegate::test::Process::Spawn(options, error);
  ASSERT_TRUE(server) << error;

  // "... minegate-server INFO listening address=127.0.0.1:PORT schemes=https,wss"
  const std::regex listening("minegate-server INFO listening address=127\\.0\\.0\\.1:([0-9]+)");
  std::smatch match;
  std::string log;
  ASSERT_TRUE(WaitUntil(
      [&] {
        log = ReadFile(options.stderr_path);
        return std::regex_search(log, match, listening);
      },
      10s))
      << log;
  EXPECT_NE(log.find("INFO certificate_generated file="), std::string::npos) << log;
  EXPECT_TRUE(
      std::regex_search(log, std::regex("INFO certificate_fingerprint sha256=[0-9a-f]{64}\n")))
      << log;

  minegate::test::ClientOptions client;
  client.port = static_cast<std::uint16_t>(std::stoi(match[1].str()));
  client.ca_file = dir.File("data/server-cert.pem");
  auto response = minegate::test::HttpGet(client, "/healthz");
  ASSERT_TRUE(response) << response.error().message();
  EXPECT_EQ(response.value().status, 200);
  EXPECT_EQ(response.value().body, "ok\n");

  ASSERT_TRUE(server->Signal(SIGTERM));
  const auto status = server->Wait(10s);
  ASSERT_TRUE(status) << "minegate-server did not stop on SIGTERM";
  EXPECT_TRUE(status->Succeeded()) << ReadFile(options.stderr_path);
  EXPECT_NE(ReadFile(options.stderr_path).find("minegate-server INFO stopped\n"),
            std::string::npos);
}

TEST(ServerExecutableTest, RefusesPlainHttpOffLoopback) {
  TempDir dir("mg-exe");
  ASSERT_TRUE(dir.ok());
  const auto result = RunToCompletion(
      {MINEGATE_SERVER_BIN, "--plain-http", "--listen", "0.0.0.0", "--data-dir", dir.File("data")},
      {}, 10s);
  ASSERT_TRUE(result.spawn_error.empty()) << result.spawn_error;
  EXPECT_EQ(result.status.exit_code, 2);
  EXPECT_NE(result.err.find("--plain-http n'est permis que sur une adresse de bouclage"),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("--plain-http is only allowed on a loopback address"),
            std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir.File("data")));
}

TEST(ServerExecutableTest, RefusesAnUninitialisedDataDirectory) {
  TempDir dir("mg-exe");
  ASSERT_TRUE(dir.ok());
  const auto result = RunToCompletion(
      {MINEGATE_SERVER_BIN, "--listen", "127.0.0.1", "--port", "0", "--data-dir", dir.File("data")},
      {}, 10s);
  EXPECT_EQ(result.status.exit_code, 1);
  EXPECT_NE(result.err.find("run minegatectl init"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("lancez minegatectl init"), std::string::npos) << result.err;
}

TEST(ServerExecutableTest, StartUpFailureIsReportedBilinguallyWithExitCode1) {
  TempDir dir("mg-exe");
  ASSERT_TRUE(dir.ok());
  Initialise(dir);
  const auto result = RunToCompletion(
      {MINEGATE_SERVER_BIN, "--listen", "127.0.0.1", "--port", "0", "--data-dir", dir.File("data"),
       "--tls-cert", dir.File("missing.pem"), "--tls-key", dir.File("k.pem")},
      {}, 10s);
  ASSERT_TRUE(result.spawn_error.empty()) << result.spawn_error;
  EXPECT_EQ(result.status.exit_code, 1);
  EXPECT_NE(result.err.find("échec au démarrage / start-up failed"), std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("unreadable certificate"), std::string::npos) << result.err;
}

TEST(ServerExecutableTest, VersionIsTheProjectVersion) {
  const auto result = RunToCompletion({MINEGATE_SERVER_BIN, "--version"}, {}, 10s);
  EXPECT_EQ(result.status.exit_code, 0);
  EXPECT_EQ(result.out, "minegate-server " + std::string(base::kVersion) + "\n");
}

TEST(ServerExecutableTest, AnUnknownConfigKeyIsRefusedWithExitCode2) {
  TempDir dir("mg-exe");
  ASSERT_TRUE(dir.ok());
  {
    std::ofstream config(dir.File("server.conf"));
    config << "listen = 127.0.0.1\nlisten-port = 8443\n";
  }
  const auto result =
      RunToCompletion({MINEGATE_SERVER_BIN, "--config", dir.File("server.conf")}, {}, 10s);
  EXPECT_EQ(result.status.exit_code, 2);
  EXPECT_NE(result.err.find("option inconnue / unknown option: listen-port"), std::string::npos)
      << result.err;
}

TEST(ServerExecutableTest, HelpListsTheOptions) {
  const auto result = RunToCompletion({MINEGATE_SERVER_BIN, "--help"}, {}, 10s);
  EXPECT_EQ(result.status.exit_code, 0);
  EXPECT_NE(result.out.find("--plain-http"), std::string::npos);
  EXPECT_NE(result.out.find("--host-name NAME"), std::string::npos);
}

}  // namespace
}  // namespace minegate::server::test
