// The logger: one line per record, key=value fields, quoting that keeps a record on one line.
#include "base/log.hpp"

#include <gtest/gtest.h>

#include <boost/system/error_code.hpp>
#include <string>
#include <thread>
#include <vector>

namespace minegate::base {
namespace {

class LogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ConfigureLog("minegate-test", LogLevel::info);
    SetLogSink([this](std::string_view line) { lines_.emplace_back(line); });
  }
  void TearDown() override {
    SetLogSink({});
    ConfigureLog("minegate", LogLevel::info);
  }
  std::vector<std::string> lines_;
};

TEST_F(LogTest, ARecordIsOneLineWithProgramLevelEventAndFields) {
  LogWarning("connection_failed",
             {{"remote", LogText("10.0.0.7:51234")}, {"attempt", 3}, {"tls", true}});
  ASSERT_EQ(lines_.size(), 1u);
  const std::string& line = lines_[0];
  // 2026-12-06T22:10:00.123Z: 24 characters of UTC time first.
  ASSERT_GT(line.size(), 25u);
  EXPECT_EQ(line[10], 'T');
  EXPECT_EQ(line[23], 'Z');
  EXPECT_EQ(line.substr(24),
            " minegate-test WARN connection_failed remote=10.0.0.7:51234 attempt=3 tls=true\n");
}

TEST_F(LogTest, ValuesWithSpacesQuotesOrNewlinesStayOnOneLine) {
  LogError("write_failed", {{"path", LogText("/var/lib/my dir/\"x\"\nnext")},
                            {"error", make_error_code(boost::system::errc::no_space_on_device)}});
  ASSERT_EQ(lines_.size(), 1u);
  const std::string& line = lines_[0];
  EXPECT_NE(line.find(R"(path="/var/lib/my dir/\"x\"\x0anext")"), std::string::npos) << line;
  EXPECT_NE(line.find("error=\"generic:28 "), std::string::npos) << line;
  EXPECT_EQ(line.find('\n'), line.size() - 1);
}

TEST_F(LogTest, RecordsBelowTheConfiguredLevelAreDropped) {
  LogDebug("frame_in", {{"bytes", 12}});
  EXPECT_TRUE(lines_.empty());
  ConfigureLog("minegate-test", LogLevel::debug);
  LogDebug("frame_in", {{"bytes", 12}});
  ASSERT_EQ(lines_.size(), 1u);
  EXPECT_NE(lines_[0].find(" DEBUG frame_in bytes=12\n"), std::string::npos);
}

TEST_F(LogTest, ThreadsNeverInterleaveWithinARecord) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t] {
      for (int i = 0; i < 200; ++i) LogInfo("tick", {{"thread", t}, {"i", i}});
    });
  }
  for (auto& thread : threads) thread.join();
  ASSERT_EQ(lines_.size(), 800u);
  for (const auto& line : lines_) {
    EXPECT_EQ(line.find('\n'), line.size() - 1);
    EXPECT_NE(line.find(" INFO tick thread="), std::string::npos);
  }
}

}  // namespace
}  // namespace minegate::base
