// Through the real minegate-server over TLS, and the real minegatectl: a kiosk that seized a
// bracelet syncs before the kiosk that issued it. The server accepts the revocation, every
// connected kiosk is sent the UID at once, the issue arriving later is projected revoked and
// sent again, and rebuild-projections gives back the same tables.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <span>

#include "base/clock.hpp"
#include "db/connection.hpp"
#include "db/query.hpp"
#include "proto/credential/issuer.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/sim_kiosk.hpp"

namespace minegate::test {
namespace {

using namespace std::chrono_literals;

const std::string kUid("\x04\x7a\x7b\x7c\x7d\x7e\x01", 7);

/// `kiosk`'s event at `seq` with `at` as its time and no body yet.
v1::Event Envelope(const SimulatedKiosk& kiosk, std::uint64_t seq, std::int64_t at) {
  v1::Event event = kiosk.GatePassed(seq);
  event.clear_gate_passed();
  event.set_occurred_at_ms(at);
  return event;
}

class RevocationOrderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    server_ = ServerProcess::Create(error);
    ASSERT_NE(server_, nullptr) << error;
  }

  std::unique_ptr<SimulatedKiosk> Kiosk() {
    auto kiosk = std::make_unique<SimulatedKiosk>(server_->client());
    auto enrolled = kiosk->Enrol(server_->NewEnrolmentCode());
    EXPECT_TRUE(enrolled) << server_->Log();
    if (enrolled) site_ = enrolled.value().site_id();
    EXPECT_TRUE(kiosk->Connect()) << server_->Log();
    return kiosk;
  }

  /// The next RevokedBracelets frame that names kUid, skipping any other frame (bounded).
  std::optional<v1::RevokedBracelets> NextListing(SimulatedKiosk& kiosk) {
    auto names = [](const v1::ServerFrame& frame) {
      if (!frame.has_revoked_bracelets()) return false;
      for (const auto& bracelet : frame.revoked_bracelets().bracelets()) {
        if (bracelet.tag_uid() == kUid) return true;
      }
      return false;
    };
    for (auto& frame : kiosk.pending()) {
      if (names(frame)) {
        auto found = frame.revoked_bracelets();
        kiosk.pending().clear();
        return found;
      }
    }
    kiosk.pending().clear();
    for (int i = 0; i < 20; ++i) {
      auto frame = kiosk.Next(5s);
      if (!frame) return std::nullopt;
      if (names(frame.value())) return frame.value().revoked_bracelets();
    }
    return std::nullopt;
  }

  /// The bracelet tables as text, the list versions reduced to whether they are set.
  std::map<std::string, std::vector<std::string>> Tables() {
    db::OpenOptions options;
    options.access = db::OpenOptions::Access::kReadOnly;
    auto connection = db::Connection::Open(server_->database(), options);
    EXPECT_TRUE(connection);
    std::map<std::string, std::vector<std::string>> tables;
    if (!connection) return tables;
    const std::map<std::string, std::string> queries = {
        {"bracelets",
         "SELECT hex(tag_uid) || ' ' || hex(person_token) || ' ' || hex(credential) || ' ' || "
         "issued_at_ms || ' ' || issuing_device_id || ' ' || quote(revoked_at_ms) || ' ' || "
         "quote(revocation_reason) || ' ' || (revoked_version IS NOT NULL) FROM bracelets"},
        {"revocations",
         "SELECT hex(e.event_id) || ' ' || hex(r.tag_uid) || ' ' || revoked_at_ms || ' ' || "
         "reason || ' ' || source FROM bracelet_revocations r JOIN events e USING (log_position)"},
        {"pending", "SELECT hex(tag_uid) FROM pending_bracelet_revocations"},
    };
    for (const auto& [name, sql] : queries) {
      auto rows = db::QueryAll(connection.value(), sql + " ORDER BY 1",
                               [](const db::Statement& row) { return row.ColumnText(0); });
      EXPECT_TRUE(rows) << sql;
      if (rows) tables[name] = std::move(rows).value();
    }
    return tables;
  }

  std::unique_ptr<ServerProcess> server_;
  std::uint32_t site_ = 0;
};

TEST_F(RevocationOrderTest, ARevocationBeforeItsIssueIsListedAtOnceAppliedLaterAndRebuilt) {
  auto issuer = Kiosk();
  auto revoker = Kiosk();
  auto watcher = Kiosk();
  const std::int64_t issued_at = base::NowMs() - 60'000;  // issued a minute ago, offline
  const std::int64_t revoked_at = base::NowMs();

  // The seizing kiosk syncs first.
  v1::Event revoked = Envelope(*revoker, 1, revoked_at);
  revoked.mutable_bracelet_revoked()->set_tag_uid(kUid);
  revoked.mutable_bracelet_revoked()->set_reason(v1::REVOCATION_REASON_SUSPECTED_CLONE);
  auto ack = revoker->SendAndWaitAck({revoked});
  ASSERT_TRUE(ack) << server_->Log();

  // Another gate is told before the issuing kiosk has synced.
  auto early = NextListing(*watcher);
  ASSERT_TRUE(early) << "the pending revocation was not sent to a connected kiosk";
  ASSERT_EQ(early->bracelets_size(), 1);
  EXPECT_EQ(early->bracelets(0).revoked_at_ms(), revoked_at);
  EXPECT_EQ(early->bracelets(0).reason(), v1::REVOCATION_REASON_SUSPECTED_CLONE);

  // The issuing kiosk syncs: a genuine credential, signed by its key for this UID.
  credential::CredentialFields fields;
  fields.kind = credential::Kind::bracelet;
  fields.person_token.fill(0x42);
  fields.site_id = site_;
  fields.issued_at_ms = issued_at;
  auto credential = credential::Issue(
      fields, std::span(reinterpret_cast<const std::uint8_t*>(kUid.data()), kUid.size()),
      issuer->key());
  ASSERT_TRUE(credential);
  v1::Event issued = Envelope(*issuer, 1, issued_at);
  auto* bracelet = issued.mutable_bracelet_issued();
  bracelet->set_person_token(std::string(16, '\x42'));
  bracelet->set_tag_uid(kUid);
  bracelet->set_tag_type(v1::TAG_TYPE_NTAG215);
  bracelet->set_credential(std::string(credential.value().begin(), credential.value().end()));
  ack = issuer->SendAndWaitAck({issued});
  ASSERT_TRUE(ack) << server_->Log();

  // The bracelet, now revoked, is sent again under a newer version.
  auto applied = NextListing(*watcher);
  ASSERT_TRUE(applied) << "the bracelet was not listed again once revoked";
  EXPECT_GT(applied->version(), early->version());
  EXPECT_EQ(applied->bracelets(0).revoked_at_ms(), revoked_at);

  issuer->Disconnect();
  revoker->Disconnect();
  watcher->Disconnect();
  ASSERT_TRUE(server_->Stop());
  const auto live = Tables();
  ASSERT_EQ(live.at("bracelets").size(), 1u);
  EXPECT_NE(
      live.at("bracelets")[0].find(" " + std::to_string(revoked_at) + " " +
                                   std::to_string(v1::REVOCATION_REASON_SUSPECTED_CLONE) + " 1"),
      std::string::npos)
      << live.at("bracelets")[0];
  EXPECT_EQ(live.at("revocations").size(), 1u);
  EXPECT_TRUE(live.at("pending").empty());

  const auto rebuilt = server_->Ctl({"rebuild-projections"});
  ASSERT_TRUE(rebuilt.status.Succeeded()) << rebuilt.out << rebuilt.err;
  EXPECT_EQ(Tables(), live) << "rebuild-projections gave other tables than live ingest";

  // After a restart, a kiosk that holds nothing receives the revoked bracelet in the whole list.
  std::string error;
  ASSERT_TRUE(server_->Start(error)) << error;
  auto newcomer = Kiosk();
  auto whole = NextListing(*newcomer);
  ASSERT_TRUE(whole);
  EXPECT_TRUE(whole->full());
}

}  // namespace
}  // namespace minegate::test
