// Officials' sessions end when idle and when old, whatever their use: minegate-server's
// services in this process over real TLS on loopback and a real SQLite file, with the clock the
// services read set by the test (30 minutes and 12 hours are not waited for).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <memory>
#include <thread>

#include "base/clock.hpp"
#include "server/app/config.hpp"
#include "server/app/official_services.hpp"
#include "server/app/server_app.hpp"
#include "server/app/sync_services.hpp"
#include "tests/integration/server/official_client.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

namespace minegate::test {
namespace {

constexpr char kPassword[] = "correct horse battery staple";
constexpr std::int64_t kMinute = 60 * 1000;

class SessionExpiryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(dir_.ok());
    {
      std::ofstream password(dir_.File("pw"));
      password << kPassword << '\n';
    }
    const auto init = RunToCompletion({MINEGATECTL_BIN, "--data-dir", dir_.File("data"), "init",
                                       "--admin", "admin", "--password-file", dir_.File("pw")},
                                      {}, std::chrono::seconds(60));
    ASSERT_TRUE(init.status.Succeeded()) << init.out << init.err;
    server::Config config;
    config.listen_address = "127.0.0.1";
    config.port = 0;
    config.data_dir = dir_.File("data");
    config.session_idle_minutes = 30;
    config.session_hours = 12;
    app_ = std::make_unique<server::ServerApp>(config);
    sync_ = server::SyncServices::Start(*app_, config);
    server::OfficialServicesOptions options;
    options.clock = [this] { return base::NowMs() + offset_ms_.load(); };
    officials_ = server::OfficialServices::Start(*app_, config, *sync_, options);
    app_->Start();
    runner_ = std::thread([this] { app_->Run(); });
  }

  void TearDown() override {
    if (app_) app_->Stop();
    if (runner_.joinable()) runner_.join();
    officials_.reset();
    sync_.reset();
    app_.reset();
  }

  std::unique_ptr<OfficialClient> SignedIn() {
    ClientOptions options;
    options.port = app_->port();
    options.ca_file = dir_.File("data/server-cert.pem");
    auto client = std::make_unique<OfficialClient>(options);
    const HttpResult signed_in = client->SignIn("admin", kPassword);
    EXPECT_EQ(signed_in.status, 200) << signed_in.body;
    return client;
  }

  void Advance(std::int64_t ms) { offset_ms_ += ms; }

  TempDir dir_{"expiry"};
  std::atomic<std::int64_t> offset_ms_{0};
  std::unique_ptr<server::ServerApp> app_;
  std::unique_ptr<server::SyncServices> sync_;
  std::unique_ptr<server::OfficialServices> officials_;
  std::thread runner_;
};

bool Expired(const HttpResult& result) {
  return result.status == 401 &&
         result.body.find("urn:minegate:problem:session_expired") != std::string::npos;
}

TEST_F(SessionExpiryTest, AnIdleSessionEndsAfterThirtyMinutesAndUseKeepsItAlive) {
  auto official = SignedIn();
  Advance(29 * kMinute);
  EXPECT_EQ(official->Call("GET", "/v1/session").status, 200);  // used: pushed back
  Advance(29 * kMinute);
  EXPECT_EQ(official->Call("GET", "/v1/session").status, 200);  // 58 min after sign-in
  Advance(31 * kMinute);
  const HttpResult idle = official->Call("GET", "/v1/session");
  EXPECT_TRUE(Expired(idle)) << idle.status << " " << idle.body;
  // Ended for good: going back in time does not revive it.
  Advance(-31 * kMinute);
  EXPECT_EQ(official->Call("GET", "/v1/session").status, 401);
}

TEST_F(SessionExpiryTest, ASessionEndsTwelveHoursAfterSignInHoweverBusy) {
  auto official = SignedIn();
  for (int hour = 0; hour < 11; ++hour) {
    Advance(20 * kMinute);
    ASSERT_EQ(official->Call("GET", "/v1/session").status, 200) << "after " << hour;
    Advance(20 * kMinute);
    ASSERT_EQ(official->Call("GET", "/v1/session").status, 200);
    Advance(20 * kMinute);
    ASSERT_EQ(official->Call("GET", "/v1/session").status, 200);
  }
  for (const std::int64_t step : {20, 20, 19}) {  // to 11 h 59 min, never idle 30 min
    Advance(step * kMinute);
    EXPECT_EQ(official->Call("GET", "/v1/session").status, 200);
  }
  Advance(2 * kMinute);  // 12 h 1 min
  const HttpResult old = official->Call("GET", "/v1/session");
  EXPECT_TRUE(Expired(old)) << old.status << " " << old.body;
  // A new sign-in starts a new session.
  EXPECT_EQ(SignedIn()->Call("GET", "/v1/session").status, 200);
}

}  // namespace
}  // namespace minegate::test
