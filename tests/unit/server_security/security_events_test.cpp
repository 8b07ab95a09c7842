// The administrators' decisions on security events, on a real SQLite file: revoking goes
// through server/admin's bracelet revocation (the revoked-bracelet list moves, so kiosks
// receive it), dismissing closes the event, each once; the list pages newest first.
#include "server/security/security_events.hpp"

#include <gtest/gtest.h>

#include "server/admin/error.hpp"
#include "tests/unit/server_security/security_fixture.hpp"

namespace minegate::server::security {
namespace {

using test::kMinute;
using test::kT0;

class SecurityEventsTest : public test::SecurityTest {
 protected:
  SecurityEvents Decisions() {
    return SecurityEvents(*connection_, [this] { return now_; });
  }

  /// An open event for `uid` (two taps 10 minutes apart at sites 300 km apart).
  void Clone(const std::string& uid, std::int64_t at = kT0) {
    Store({Tap(1, at, v1::VERIFICATION_VALID, uid)});
    Store({Tap(2, at + 10 * kMinute, v1::VERIFICATION_VALID, uid)});
  }

  std::int64_t RevokedVersion() {
    return Count("SELECT version FROM list_versions WHERE list = 'revoked_bracelets'");
  }
};

TEST_F(SecurityEventsTest, RevokingRevokesTheBraceletForEveryKioskAndClosesTheEvent) {
  Store({Issue(1, kT0 - kMinute)});
  Clone(test::kUid);
  const std::int64_t version_before = RevokedVersion();
  auto revoked = Decisions().Revoke(1, "chef");
  ASSERT_TRUE(revoked) << revoked.error().message();
  EXPECT_EQ(revoked.value().event.status, EventStatus::kRevoked);
  EXPECT_EQ(revoked.value().event.resolved_by, "chef");
  EXPECT_EQ(revoked.value().event.resolved_at_ms, now_);
  ASSERT_TRUE(revoked.value().revoked_bracelets_version);
  EXPECT_GT(*revoked.value().revoked_bracelets_version, version_before);
  EXPECT_EQ(RevokedVersion(), *revoked.value().revoked_bracelets_version);
  // The bracelet as kiosks receive it: revoked from now, as a suspected clone.
  EXPECT_EQ(Count("SELECT revocation_reason FROM bracelets WHERE hex(tag_uid) = '04A1B2C3D4E5F6'"),
            v1::REVOCATION_REASON_SUSPECTED_CLONE);
  EXPECT_EQ(Count("SELECT revoked_at_ms FROM bracelets"), now_);
  EXPECT_EQ(Count("SELECT count(*) FROM admin_bracelet_revocations WHERE note = 'security event 1' "
                  "AND reason = " +
                  std::to_string(v1::REVOCATION_REASON_SUSPECTED_CLONE)),
            1);

  // Decided once.
  EXPECT_EQ(Decisions().Revoke(1, "awa").error(), Errc::event_not_open);
  EXPECT_EQ(Decisions().Dismiss(1, "awa").error(), Errc::event_not_open);
  EXPECT_EQ(Decisions().Find(1).value().resolved_by, "chef");
  EXPECT_EQ(Decisions().Revoke(99, "chef").error(), Errc::unknown_event);
  EXPECT_EQ(Decisions().Dismiss(99, "chef").error(), Errc::unknown_event);
  EXPECT_EQ(Count("SELECT count(*) FROM admin_bracelet_revocations"), 1);
}

TEST_F(SecurityEventsTest, ABraceletWhoseIssueHasNotArrivedCannotBeRevokedYetAndNothingChanges) {
  Clone(test::kUid);
  const std::int64_t version_before = RevokedVersion();
  auto revoked = Decisions().Revoke(1, "chef");
  ASSERT_FALSE(revoked);
  EXPECT_EQ(revoked.error(), admin::Errc::unknown_bracelet);
  EXPECT_EQ(Decisions().Find(1).value().status, EventStatus::kOpen);
  EXPECT_EQ(RevokedVersion(), version_before);
  EXPECT_EQ(Count("SELECT count(*) FROM admin_bracelet_revocations"), 0);
}

TEST_F(SecurityEventsTest, ABraceletAlreadySeizedAtAGateClosesTheEventAsRevoked) {
  Store({Issue(1, kT0 - kMinute)});
  Clone(test::kUid);
  v1::Event seized = Tap(2, kT0 + 20 * kMinute);
  seized.clear_gate_passed();
  seized.mutable_bracelet_revoked()->set_tag_uid(test::kUid);
  seized.mutable_bracelet_revoked()->set_reason(v1::REVOCATION_REASON_SUSPECTED_CLONE);
  Store({seized});
  const std::int64_t version_before = RevokedVersion();
  auto revoked = Decisions().Revoke(1, "chef");
  ASSERT_TRUE(revoked) << revoked.error().message();
  EXPECT_EQ(revoked.value().event.status, EventStatus::kRevoked);
  EXPECT_FALSE(revoked.value().revoked_bracelets_version);
  EXPECT_EQ(RevokedVersion(), version_before);
}

TEST_F(SecurityEventsTest, DismissingClosesTheEventAndLeavesTheBraceletValid) {
  Store({Issue(1, kT0 - kMinute)});
  Clone(test::kUid);
  auto dismissed = Decisions().Dismiss(1, "chef");
  ASSERT_TRUE(dismissed) << dismissed.error().message();
  EXPECT_EQ(dismissed.value().status, EventStatus::kDismissed);
  EXPECT_EQ(dismissed.value().resolved_by, "chef");
  EXPECT_EQ(Count("SELECT revoked_at_ms IS NULL FROM bracelets"), 1);
  EXPECT_EQ(Decisions().Revoke(1, "chef").error(), Errc::event_not_open);
}

TEST_F(SecurityEventsTest, TheListPagesNewestFirstAndFiltersByStatus) {
  for (char c = 'a'; c < 'e'; ++c) Clone(std::string("\x04\x10\x20", 3) + c);
  ASSERT_TRUE(Decisions().Dismiss(2, "chef"));
  auto first = Decisions().List(std::nullopt, 0, 3);
  ASSERT_TRUE(first);
  ASSERT_EQ(first.value().size(), 3u);
  EXPECT_EQ(first.value()[0].event_id, 4);
  EXPECT_EQ(first.value()[2].event_id, 2);
  auto rest = Decisions().List(std::nullopt, 2, 3);
  ASSERT_TRUE(rest);
  ASSERT_EQ(rest.value().size(), 1u);
  EXPECT_EQ(rest.value()[0].event_id, 1);
  auto open = Decisions().List(EventStatus::kOpen, 0, 10);
  ASSERT_TRUE(open);
  EXPECT_EQ(open.value().size(), 3u);
  auto dismissed = Decisions().List(EventStatus::kDismissed, 0, 10);
  ASSERT_TRUE(dismissed);
  ASSERT_EQ(dismissed.value().size(), 1u);
  EXPECT_EQ(dismissed.value()[0].event_id, 2);
  EXPECT_EQ(Decisions().CountOpen().value(), 3);
}

TEST(EventStatusTest, NamesRoundTrip) {
  for (const EventStatus status :
       {EventStatus::kOpen, EventStatus::kRevoked, EventStatus::kDismissed}) {
    EXPECT_EQ(ParseEventStatus(EventStatusName(status)), status);
  }
  EXPECT_FALSE(ParseEventStatus("closed"));
  EXPECT_FALSE(ParseEventStatus(""));
}

}  // namespace
}  // namespace minegate::server::security
