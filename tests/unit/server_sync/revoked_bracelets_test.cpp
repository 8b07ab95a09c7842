// The revoked-bracelet list kiosks receive: a revocation whose bracelet's issue has not reached
// the server yet is listed at once, and the bracelet again when the issue arrives and the
// revocation applies. Real database, real writer, the registry reader the sessions use.
#include <string>
#include <vector>

#include "tests/unit/server_sync/writer_fixture.hpp"

namespace minegate::server {
namespace {

const std::string kClone("\x04\x61\x62\x63\x64\x65\x01", 7);
const std::string kOther("\x04\x61\x62\x63\x64\x65\x02", 7);

v1::Event Revoked(std::uint64_t seq, const std::string& uid, std::int64_t at) {
  v1::Event event = Envelope(seq);
  event.set_occurred_at_ms(at);
  event.mutable_bracelet_revoked()->set_tag_uid(uid);
  event.mutable_bracelet_revoked()->set_reason(v1::REVOCATION_REASON_SUSPECTED_CLONE);
  return event;
}

v1::Event Issued(std::uint64_t seq, const std::string& uid, std::int64_t at) {
  v1::Event event = Envelope(seq);
  event.set_occurred_at_ms(at);
  event.mutable_bracelet_issued()->set_person_token(Token(4));
  event.mutable_bracelet_issued()->set_tag_uid(uid);
  event.mutable_bracelet_issued()->set_credential("c");
  return event;
}

class RevokedBraceletsTest : public WriterAndReaderTest {
 protected:
  v1::RevokedBracelets Since(std::uint64_t version) {
    auto update = registry_->RevokedBraceletsSince(version);
    EXPECT_TRUE(update) << update.error().message();
    return update ? update.value() : v1::RevokedBracelets();
  }
};

TEST_F(RevokedBraceletsTest, APendingRevocationIsListedAtOnceAndAgainWhenItsIssueArrives) {
  // The kiosk that seized the clone syncs before the kiosk that issued the bracelet.
  Store({Revoked(1, kClone, kNow + 100)});
  const v1::RevokedBracelets first = Since(0);
  EXPECT_TRUE(first.full());
  ASSERT_EQ(first.bracelets_size(), 1) << first.DebugString();
  EXPECT_EQ(first.bracelets(0).tag_uid(), kClone);
  EXPECT_EQ(first.bracelets(0).revoked_at_ms(), kNow + 100);
  EXPECT_EQ(first.bracelets(0).reason(), v1::REVOCATION_REASON_SUSPECTED_CLONE);
  EXPECT_EQ(registry_->Versions().value().revoked_bracelets, first.version());

  // A kiosk that holds this version is sent nothing more, until something changes.
  EXPECT_EQ(Since(first.version()).bracelets_size(), 0);

  // The issue arrives (and another bracelet nobody revoked): the kiosk that holds the version
  // receives the bracelet, revoked, and nothing about the other one.
  Store({Issued(2, kClone, kNow + 10), Issued(3, kOther, kNow + 20)});
  const v1::RevokedBracelets applied = Since(first.version());
  EXPECT_FALSE(applied.full());
  EXPECT_GT(applied.version(), first.version());
  ASSERT_EQ(applied.bracelets_size(), 1) << applied.DebugString();
  EXPECT_EQ(applied.bracelets(0).tag_uid(), kClone);
  EXPECT_EQ(applied.bracelets(0).revoked_at_ms(), kNow + 100);

  // The whole list names it once, as a revoked bracelet.
  const v1::RevokedBracelets whole = Since(0);
  ASSERT_EQ(whole.bracelets_size(), 1) << whole.DebugString();
  EXPECT_EQ(whole.bracelets(0).tag_uid(), kClone);
  EXPECT_EQ(Count("SELECT count(*) FROM pending_bracelet_revocations"), 0);
}

TEST_F(RevokedBraceletsTest, AListedPendingTagIsSentWithItsLatestRevocation) {
  Store({Revoked(1, kClone, kNow + 300)});
  const std::uint64_t held = Since(0).version();
  // An earlier-dated revocation of the same tag arrives: the kiosk's entry (refused up to
  // kNow + 300) already covers it, so nothing is sent; the whole list keeps the latest.
  Store({Revoked(2, kClone, kNow + 100)});
  EXPECT_EQ(Since(held).bracelets_size(), 0);
  // Nor does the version move: every session would refresh for an empty update.
  EXPECT_EQ(registry_->Versions().value().revoked_bracelets, held);
  const v1::RevokedBracelets whole = Since(0);
  ASSERT_EQ(whole.bracelets_size(), 1) << whole.DebugString();
  EXPECT_EQ(whole.bracelets(0).revoked_at_ms(), kNow + 300);
  // A later-dated one is sent.
  Store({Revoked(3, kClone, kNow + 500)});
  const v1::RevokedBracelets later = Since(held);
  ASSERT_EQ(later.bracelets_size(), 1) << later.DebugString();
  EXPECT_EQ(later.bracelets(0).revoked_at_ms(), kNow + 500);
}

/// The times an update sends for kClone: a kiosk replaces its entry for the UID with each one,
/// and refuses a credential issued at or before the time it holds.
std::vector<std::int64_t> TimesSentFor(const v1::RevokedBracelets& update) {
  std::vector<std::int64_t> times;
  for (const auto& bracelet : update.bracelets()) {
    if (bracelet.tag_uid() == kClone) times.push_back(bracelet.revoked_at_ms());
  }
  return times;
}

TEST_F(RevokedBraceletsTest, ARevocationDatedBeforeTheIssueItRevokesIsListedFromTheIssue) {
  // The revoking kiosk's clock runs behind the issuer's: the revocation applies to the tag's
  // only issue, yet is dated before it. Listed at its own date, it would refuse nothing.
  Store({Issued(1, kClone, kNow + 500)});
  const std::uint64_t held = Since(0).version();
  Store({Revoked(2, kClone, kNow + 100)});
  for (const v1::RevokedBracelets& update : {Since(held), Since(0)}) {
    const auto times = TimesSentFor(update);
    ASSERT_EQ(times.size(), 1u) << update.DebugString();
    EXPECT_GE(times[0], kNow + 500) << "a kiosk would accept the revoked bracelet";
  }
  // The revocation keeps its own date for reports.
  EXPECT_EQ(
      Count("SELECT count(*) FROM bracelets WHERE revoked_at_ms = " + std::to_string(kNow + 100)),
      1);
}

TEST_F(RevokedBraceletsTest, AnEarlierDatedRevocationArrivingLaterStillRefusesTheBracelet) {
  Store({Issued(1, kClone, kNow + 150), Revoked(2, kClone, kNow + 300)});
  const v1::RevokedBracelets first = Since(0);
  ASSERT_EQ(TimesSentFor(first), std::vector<std::int64_t>{kNow + 300}) << first.DebugString();
  // It applies too (the tag's first issue) and is the earliest: the bracelet's revocation moves
  // to kNow + 100, and the kiosk's entry is replaced by what it is sent now.
  Store({Revoked(3, kClone, kNow + 100)});
  for (const v1::RevokedBracelets& update : {Since(first.version()), Since(0)}) {
    const auto times = TimesSentFor(update);
    ASSERT_EQ(times.size(), 1u) << update.DebugString();
    EXPECT_GE(times[0], kNow + 150) << "a kiosk would start accepting the revoked bracelet";
  }
  EXPECT_EQ(
      Count("SELECT count(*) FROM bracelets WHERE revoked_at_ms = " + std::to_string(kNow + 100)),
      1);
}

}  // namespace
}  // namespace minegate::server
