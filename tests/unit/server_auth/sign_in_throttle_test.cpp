// The sign-in throttle on its own (no password hashing): counts per user id and per address,
// locks after five failures, doubles, caps, forgets, and survives a restart.
#include "server/auth/sign_in_throttle.hpp"

#include <gtest/gtest.h>

#include "server/store/open_store.hpp"
#include "tests/unit/server_auth/auth_test_support.hpp"

namespace minegate::server::auth {
namespace {

using test::kDayMs;
using test::kHourMs;
using test::kMinuteMs;

constexpr char kOffice[] = "10.20.30.40";

class SignInThrottleTest : public test::AuthTest {
 protected:
  void Fail(std::string_view user_id, std::string_view address, int times = 1) {
    for (int i = 0; i < times; ++i) {
      auto failed = throttle_.RecordFailure(user_id, address);
      ASSERT_TRUE(failed) << failed.error().message();
    }
  }
  std::int64_t LockedFor(std::string_view user_id, std::string_view address) {
    auto locked = throttle_.LockedForMs(user_id, address);
    EXPECT_TRUE(locked) << locked.error().message();
    return locked ? locked.value() : -1;
  }

  SignInThrottle throttle_{connection(), ThrottleOptions{}, clock()};
};

TEST_F(SignInThrottleTest, FiveConsecutiveFailuresLockForOneMinute) {
  Fail("awa", kOffice, 4);
  EXPECT_EQ(LockedFor("awa", kOffice), 0);
  Fail("awa", kOffice);
  EXPECT_EQ(LockedFor("awa", kOffice), kMinuteMs);
  // The lock is the user id's: from another address too.
  EXPECT_EQ(LockedFor("awa", "10.9.9.9"), kMinuteMs);
  now_ms_ += kMinuteMs - 1;
  EXPECT_EQ(LockedFor("awa", kOffice), 1);
  now_ms_ += 1;
  EXPECT_EQ(LockedFor("awa", kOffice), 0);
}

TEST_F(SignInThrottleTest, EachFurtherLockDoublesUpToAnHour) {
  const std::int64_t expected_minutes[] = {1, 2, 4, 8, 16, 32, 60, 60};
  for (const std::int64_t minutes : expected_minutes) {
    // After a lock the count starts again: five more failures for the next lock.
    Fail("awa", "10.0.0." + std::to_string(minutes), 4);
    EXPECT_EQ(LockedFor("awa", kOffice), 0) << minutes;
    Fail("awa", "10.0.0." + std::to_string(minutes));
    EXPECT_EQ(LockedFor("awa", kOffice), minutes * kMinuteMs);
    now_ms_ += minutes * kMinuteMs;
  }
  EXPECT_EQ(QueryInt("SELECT MAX(lock_count) FROM sign_in_throttle"), 8);
}

TEST_F(SignInThrottleTest, ASuccessClearsTheUserCountAndDoubling) {
  Fail("awa", kOffice, 4);
  ASSERT_TRUE(throttle_.RecordSuccess("awa", kOffice));
  Fail("awa", kOffice, 4);
  EXPECT_EQ(LockedFor("awa", kOffice), 0);
  // Locked once, then a success: the next lock is one minute again, not two.
  Fail("awa", kOffice);
  EXPECT_EQ(LockedFor("awa", kOffice), kMinuteMs);
  now_ms_ += kMinuteMs;
  ASSERT_TRUE(throttle_.RecordSuccess("awa", kOffice));
  Fail("awa", "10.1.1.1", 5);
  EXPECT_EQ(LockedFor("awa", "10.1.1.1"), kMinuteMs);
}

TEST_F(SignInThrottleTest, AnAddressTryingManyIdsIsLockedForEveryId) {
  for (const char* id : {"amadou", "fatou", "moussa", "aissatou", "ibrahima"}) Fail(id, kOffice);
  EXPECT_EQ(LockedFor("someone.else", kOffice), kMinuteMs);
  EXPECT_EQ(LockedFor("someone.else", "10.20.30.41"), 0);
  EXPECT_EQ(LockedFor("amadou", "10.20.30.41"), 0);  // one failure each: no user lock
  // The port is not part of the address.
  EXPECT_EQ(LockedFor("someone.else", std::string(kOffice) + ":40000"), kMinuteMs);
}

TEST_F(SignInThrottleTest, AnIpv6HostCountsAsItsSlash64) {
  for (const char* address : {"2001:db8:1:2::10", "2001:db8:1:2::11", "2001:db8:1:2::12",
                              "2001:db8:1:2::13", "2001:db8:1:2::14"}) {
    Fail(address + std::string("-id"), address);
  }
  EXPECT_EQ(LockedFor("new.id", "2001:db8:1:2:aaaa::1"), kMinuteMs);
  EXPECT_EQ(LockedFor("new.id", "2001:db8:1:3::1"), 0);
}

TEST_F(SignInThrottleTest, ASuccessClearsTheAddressCountButNotItsDoubling) {
  Fail("a1", kOffice);
  Fail("a2", kOffice);
  Fail("a3", kOffice);
  Fail("a4", kOffice);
  ASSERT_TRUE(throttle_.RecordSuccess("someone", kOffice));
  Fail("b1", kOffice);
  EXPECT_EQ(LockedFor("x", kOffice), 0);
  Fail("b2", kOffice, 4);
  EXPECT_EQ(LockedFor("x", kOffice), kMinuteMs);
  now_ms_ += kMinuteMs;
  ASSERT_TRUE(throttle_.RecordSuccess("someone", kOffice));
  for (const char* id : {"c1", "c2", "c3", "c4", "c5"}) Fail(id, kOffice);
  EXPECT_EQ(LockedFor("x", kOffice), 2 * kMinuteMs);
}

TEST_F(SignInThrottleTest, UserIdsAreFoldedAndStoredOnlyAsDigests) {
  Fail("Awa.Diallo ", kOffice, 2);
  Fail("awa.diallo", "10.0.0.1", 3);
  EXPECT_EQ(LockedFor("AWA.DIALLO", "10.0.0.2"), kMinuteMs);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM sign_in_throttle WHERE length(key_digest) = 32"),
            QueryInt("SELECT COUNT(*) FROM sign_in_throttle"));
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM sign_in_throttle WHERE instr(key_digest, "
                     "CAST('awa' AS BLOB)) > 0 OR instr(key_digest, CAST('10.20' AS BLOB)) > 0"),
            0);
}

TEST_F(SignInThrottleTest, KeysQuietForADayAreForgottenWithTheirDoubling) {
  Fail("awa", kOffice, 5);
  now_ms_ += kMinuteMs;
  Fail("awa", kOffice, 4);
  now_ms_ += kDayMs + 1;
  // Another failure (anyone's) sweeps the quiet keys; awa starts from zero.
  Fail("awa", kOffice);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM sign_in_throttle"), 2);
  Fail("awa", kOffice, 3);
  EXPECT_EQ(LockedFor("awa", kOffice), 0);
  Fail("awa", kOffice);
  EXPECT_EQ(LockedFor("awa", kOffice), kMinuteMs);
}

TEST_F(SignInThrottleTest, ALockSurvivesARestart) {
  Fail("awa", kOffice, 5);
  now_ms_ += 10'000;
  auto reopened = OpenStore(dir_.path() / "minegate.db");
  ASSERT_TRUE(reopened) << reopened.error().message();
  SignInThrottle after_restart(reopened.value(), ThrottleOptions{}, clock());
  auto locked = after_restart.LockedForMs("awa", "10.99.0.1");
  ASSERT_TRUE(locked);
  EXPECT_EQ(locked.value(), kMinuteMs - 10'000);
}

TEST_F(SignInThrottleTest, AnAdministratorCanLiftAUserLock) {
  Fail("awa", kOffice, 5);
  ASSERT_TRUE(throttle_.ClearUser("Awa"));
  EXPECT_EQ(LockedFor("awa", "10.0.0.9"), 0);
  // The address keeps its own count.
  EXPECT_EQ(LockedFor("awa", kOffice), kMinuteMs);
}

TEST_F(SignInThrottleTest, OptionsSetTheThresholdAndDurations) {
  SignInThrottle strict(connection(),
                        ThrottleOptions{.max_failures = 2,
                                        .first_lock_ms = 10'000,
                                        .max_lock_ms = 25'000,
                                        .forget_after_ms = kHourMs},
                        clock());
  for (const std::int64_t expected : {10'000, 20'000, 25'000}) {
    ASSERT_TRUE(strict.RecordFailure("awa", kOffice));
    ASSERT_TRUE(strict.RecordFailure("awa", kOffice));
    EXPECT_EQ(strict.LockedForMs("awa", "10.0.0.1").value(), expected);
    now_ms_ += expected;
  }
}

}  // namespace
}  // namespace minegate::server::auth
