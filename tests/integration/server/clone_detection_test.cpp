// Suspected clones through the real minegate-server over TLS, the real minegatectl and the real
// sync protocol: two kiosks enrolled at two sites 300 km apart (located with minegatectl), the
// bracelet issued at the first with a genuine credential, its taps sent by each kiosk. The
// administrator reads the events through the officials' API, revokes one, and a connected kiosk
// receives the bracelet in its revoked-bracelet list.
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <span>

#include "base/clock.hpp"
#include "db/connection.hpp"
#include "db/query.hpp"
#include "proto/credential/issuer.hpp"
#include "tests/integration/server/official_client.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/sim_kiosk.hpp"
#include "tests/support/temp_dir.hpp"

namespace minegate::test {
namespace {

using namespace std::chrono_literals;

constexpr std::int64_t kMinuteMs = 60'000;
constexpr std::int64_t kDayMs = 24 * 60 * kMinuteMs;
constexpr char kClonePassword[] = "correct horse battery staple";
// Bantako (site 1) at Kédougou; Sabodala (site 2) 300 km due north of it, so the distance is
// exact: 300 / 111.19508 km per degree of latitude.
constexpr char kLatitude1[] = "12.5556";
constexpr char kLatitude2[] = "15.253552";
constexpr char kLongitude[] = "-12.1743";

class CloneDetectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    server_ = ServerProcess::Create(error);
    ASSERT_NE(server_, nullptr) << error;
    Ctl({"site", "add", "--name", "Sabodala", "--department", "saraya"});
    Ctl({"gate", "add", "--site", "2", "--name", "Porte sud"});
    Ctl({"user", "assign-site", "--id", kSimAgent, "--site", "2"});
    Ctl({"site", "locate", "--site", "1", "--lat", kLatitude1, "--lon", kLongitude});
    Ctl({"site", "locate", "--site", "2", "--lat", kLatitude2, "--lon", kLongitude});
    bantako_ = Kiosk("1", "1");
    sabodala_ = Kiosk("2", "2");
  }

  void Ctl(const std::vector<std::string>& args) {
    const RunResult result = server_->Ctl(args);
    ASSERT_TRUE(result.status.Succeeded()) << result.out << result.err;
  }

  /// A kiosk enrolled at `site`, bound to `gate`, connected.
  std::unique_ptr<SimulatedKiosk> Kiosk(const std::string& site, const std::string& gate) {
    const RunResult enrolled = server_->Ctl({"device", "enroll", "--site", site, "--gate", gate});
    EXPECT_TRUE(enrolled.status.Succeeded()) << enrolled.out << enrolled.err;
    std::smatch code;
    EXPECT_TRUE(std::regex_search(enrolled.out, code, std::regex("([0-9A-Z]{4}(-[0-9A-Z]{4})+)")));
    auto kiosk = std::make_unique<SimulatedKiosk>(server_->client());
    EXPECT_TRUE(kiosk->Enrol(code[1].str())) << server_->Log();
    EXPECT_TRUE(kiosk->Connect()) << server_->Log();
    return kiosk;
  }

  /// The bracelet `uid` issued by Bantako's kiosk at `at`, with a credential its key signed.
  void Issue(const std::string& uid, std::int64_t at) {
    credential::CredentialFields fields;
    fields.kind = credential::Kind::bracelet;
    fields.person_token.fill(0x42);
    fields.site_id = 1;
    fields.issued_at_ms = at;
    auto signed_credential = credential::Issue(
        fields, std::span(reinterpret_cast<const std::uint8_t*>(uid.data()), uid.size()),
        bantako_->key());
    ASSERT_TRUE(signed_credential);
    v1::Event issued = Next(*bantako_, at);
    issued.clear_gate_passed();
    auto* bracelet = issued.mutable_bracelet_issued();
    bracelet->set_person_token(std::string(16, '\x42'));
    bracelet->set_tag_uid(uid);
    bracelet->set_tag_type(v1::TAG_TYPE_NTAG213);
    bracelet->set_credential(
        std::string(signed_credential.value().begin(), signed_credential.value().end()));
    Send(*bantako_, issued);
  }

  /// `kiosk`'s next event (its own sequence) dated `at`: a valid tap until changed.
  v1::Event Next(SimulatedKiosk& kiosk, std::int64_t at) {
    v1::Event event = kiosk.GatePassed(++seqs_[&kiosk]);
    event.set_occurred_at_ms(at);
    return event;
  }

  /// A valid tap of `uid` at `kiosk`'s gate at `at`, sent and acknowledged.
  void Tap(SimulatedKiosk& kiosk, const std::string& uid, std::int64_t at) {
    v1::Event tap = Next(kiosk, at);
    tap.mutable_gate_passed()->set_tag_uid(uid);
    tap.mutable_gate_passed()->set_person_token(std::string(16, '\x42'));
    Send(kiosk, tap);
  }

  void Send(SimulatedKiosk& kiosk, const v1::Event& event) {
    auto ack = kiosk.SendAndWaitAck({event});
    ASSERT_TRUE(ack) << ack.error().message() << "\n" << server_->Log();
  }

  /// The administrator's view of the events, through GET /v1/security/events.
  v1::SecurityEventList EventsSeenByTheAdministrator(const std::string& query = "") {
    OfficialClient admin(server_->client());
    EXPECT_EQ(admin.SignIn("admin", kClonePassword).status, 200);
    const HttpResult answer = admin.Call("GET", "/v1/security/events" + query);
    EXPECT_EQ(answer.status, 200) << answer.body;
    v1::SecurityEventList list;
    EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(answer.body, &list).ok())
        << answer.body;
    return list;
  }

  /// The first RevokedBracelets frame naming `uid` that `kiosk` holds or receives (bounded).
  std::optional<v1::RevokedBracelets> RevokedListing(SimulatedKiosk& kiosk,
                                                     const std::string& uid) {
    const auto names = [&uid](const v1::ServerFrame& frame) {
      if (!frame.has_revoked_bracelets()) return false;
      for (const auto& bracelet : frame.revoked_bracelets().bracelets()) {
        if (bracelet.tag_uid() == uid) return true;
      }
      return false;
    };
    for (const v1::ServerFrame& frame : kiosk.pending()) {
      if (names(frame)) return frame.revoked_bracelets();
    }
    for (int i = 0; i < 20; ++i) {
      auto frame = kiosk.Next(std::chrono::seconds(5));
      if (!frame) return std::nullopt;
      if (names(frame.value())) return frame.value().revoked_bracelets();
    }
    return std::nullopt;
  }

  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<SimulatedKiosk> bantako_;
  std::unique_ptr<SimulatedKiosk> sabodala_;
  std::map<SimulatedKiosk*, std::uint64_t> seqs_;
};

const std::string kFast("\x04\xC1\x00\x00\x00\x00\x01", 7);
const std::string kSlow("\x04\xC1\x00\x00\x00\x00\x02", 7);
const std::string kLate("\x04\xC1\x00\x00\x00\x00\x03", 7);
const std::string kLateSlow("\x04\xC1\x00\x00\x00\x00\x04", 7);

TEST_F(CloneDetectionTest, TwoSitesTenMinutesApartIsOneEventThreeDaysIsNoneInEitherOrder) {
  const std::int64_t t0 = base::NowMs() - 5 * kDayMs;
  // In the order of the taps: ten minutes apart, then three days apart.
  Tap(*bantako_, kFast, t0);
  Tap(*sabodala_, kFast, t0 + 10 * kMinuteMs);
  Tap(*sabodala_, kFast, t0 + 12 * kMinuteMs);  // again: still one event
  Tap(*bantako_, kSlow, t0);
  Tap(*sabodala_, kSlow, t0 + 3 * kDayMs);
  // Reversed: Sabodala's kiosk syncs first, Bantako's older taps arrive afterwards.
  Tap(*sabodala_, kLate, t0 + 10 * kMinuteMs);
  Tap(*bantako_, kLate, t0);
  Tap(*sabodala_, kLateSlow, t0 + 3 * kDayMs);
  Tap(*bantako_, kLateSlow, t0);

  const v1::SecurityEventList list = EventsSeenByTheAdministrator();
  ASSERT_EQ(list.events_size(), 2) << list.DebugString();
  EXPECT_EQ(list.open_count(), 2);
  EXPECT_EQ(list.max_speed_kmh(), 60);
  // Newest first: the reversed story, then the one in order; the same event for each.
  EXPECT_EQ(list.events(0).tag_uid(), "04C10000000003");
  EXPECT_EQ(list.events(1).tag_uid(), "04C10000000001");
  for (const v1::SecurityEvent& event : list.events()) {
    EXPECT_EQ(event.kind(), "suspected_clone");
    EXPECT_EQ(event.status(), "open");
    EXPECT_EQ(event.first().site_id(), 1);
    EXPECT_EQ(event.first().site_name(), "Bantako");
    EXPECT_EQ(event.first().gate_name(), "Porte principale");
    EXPECT_EQ(event.first().at_ms(), t0);
    EXPECT_EQ(event.second().site_id(), 2);
    EXPECT_EQ(event.second().site_name(), "Sabodala");
    EXPECT_EQ(event.second().gate_name(), "Porte sud");
    EXPECT_EQ(event.second().at_ms(), t0 + 10 * kMinuteMs);
    EXPECT_NEAR(event.distance_km(), 300, 0.01);
    EXPECT_EQ(event.elapsed_ms(), 10 * kMinuteMs);
    EXPECT_NEAR(event.required_speed_kmh(), 1800, 0.1);
    EXPECT_EQ(event.max_speed_kmh(), 60);
  }
  // No person data in what administrators read: the person token the taps carried is not in it.
  const std::string body = [&] {
    std::string json;
    (void)google::protobuf::util::MessageToJsonString(list, &json);
    return json;
  }();
  EXPECT_EQ(body.find("QkJCQkJC"), std::string::npos) << "a base64 person token in " << body;
  EXPECT_EQ(body.find("4242424242"), std::string::npos) << "a hex person token in " << body;

  // One page at a time: the cursor continues below the last event of the page.
  const v1::SecurityEventList first = EventsSeenByTheAdministrator("?limit=1");
  ASSERT_EQ(first.events_size(), 1);
  EXPECT_EQ(first.events(0).tag_uid(), "04C10000000003");
  ASSERT_FALSE(first.next_cursor().empty());
  const v1::SecurityEventList second =
      EventsSeenByTheAdministrator("?limit=1&cursor=" + first.next_cursor());
  ASSERT_EQ(second.events_size(), 1);
  EXPECT_EQ(second.events(0).tag_uid(), "04C10000000001");
  EXPECT_TRUE(second.next_cursor().empty());

  // minegatectl lists the same.
  const RunResult listed = server_->Ctl({"security", "list", "--status", "open"});
  ASSERT_TRUE(listed.status.Succeeded()) << listed.err;
  EXPECT_NE(listed.out.find("04C10000000001"), std::string::npos) << listed.out;
  EXPECT_NE(listed.out.find("04C10000000003"), std::string::npos) << listed.out;
  EXPECT_EQ(listed.out.find("04C10000000002"), std::string::npos) << listed.out;
  EXPECT_NE(listed.out.find("2 ligne(s)"), std::string::npos) << listed.out;
}

TEST_F(CloneDetectionTest, TheRevocationReachesTheRevokedBraceletListKiosksReceive) {
  const std::int64_t t0 = base::NowMs() - kDayMs;
  Issue(kFast, t0 - kDayMs);
  Tap(*bantako_, kFast, t0);
  Tap(*sabodala_, kFast, t0 + 10 * kMinuteMs);
  // A second copied bracelet whose issuing kiosk has not synced its issue yet.
  Tap(*bantako_, kSlow, t0);
  Tap(*sabodala_, kSlow, t0 + 20 * kMinuteMs);
  const v1::SecurityEventList list = EventsSeenByTheAdministrator();
  ASSERT_EQ(list.events_size(), 2);
  ASSERT_EQ(list.events(1).tag_uid(), "04C10000000001");
  const std::string id = std::to_string(list.events(1).event_id());
  const std::string unissued = std::to_string(list.events(0).event_id());
  sabodala_->pending().clear();

  OfficialClient admin(server_->client());
  ASSERT_EQ(admin.SignIn("admin", kClonePassword).status, 200);
  // The server has no issue of the second bracelet: nothing to revoke yet, and nothing changes.
  const HttpResult unknown = admin.Call("POST", "/v1/security/events/" + unissued + "/revoke");
  EXPECT_EQ(unknown.status, 409);
  EXPECT_NE(unknown.body.find("unknown_bracelet"), std::string::npos) << unknown.body;
  EXPECT_EQ(EventsSeenByTheAdministrator("?status=open").events_size(), 2);
  const HttpResult revoked = admin.Call("POST", "/v1/security/events/" + id + "/revoke");
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  v1::SecurityEventRevocation answer;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(revoked.body, &answer).ok());
  EXPECT_EQ(answer.event().status(), "revoked");
  EXPECT_EQ(answer.event().resolved_by(), "admin");
  EXPECT_GT(answer.revoked_bracelets_version(), 0);
  // Decided once; an unknown event is named as such.
  EXPECT_EQ(admin.Call("POST", "/v1/security/events/" + id + "/revoke").status, 409);
  EXPECT_EQ(admin.Call("POST", "/v1/security/events/" + id + "/dismiss").status, 409);
  EXPECT_EQ(admin.Call("POST", "/v1/security/events/999/dismiss").status, 404);

  // The kiosk at Sabodala, connected, is sent the bracelet within the list watcher's period.
  const auto listing = RevokedListing(*sabodala_, kFast);
  ASSERT_TRUE(listing) << "the revoked bracelet never reached the kiosk\n" << server_->Log();
  EXPECT_EQ(static_cast<std::int64_t>(listing->version()), answer.revoked_bracelets_version());
  ASSERT_EQ(listing->bracelets_size(), 1);
  EXPECT_EQ(listing->bracelets(0).reason(), v1::REVOCATION_REASON_SUSPECTED_CLONE);

  // The audit log names the administrator, the event and the bracelet, and the refusals.
  {
    db::OpenOptions options;
    options.access = db::OpenOptions::Access::kReadOnly;
    auto log = db::Connection::Open(server_->database(), options);
    ASSERT_TRUE(log);
    auto entries = db::QueryAll(
        log.value(),
        "SELECT actor_id || ' ' || replace(targets, char(10), ',') || ' ' || outcome FROM "
        "audit_log WHERE action = 'POST /v1/security/events/{id}/revoke' ORDER BY seq",
        [](const db::Statement& row) { return row.ColumnText(0); });
    ASSERT_TRUE(entries);
    EXPECT_EQ(
        entries.value(),
        (std::vector<std::string>{"admin security_event:" + unissued +
                                      ",bracelet:04c10000000002 refused:unknown_bracelet",
                                  "admin security_event:" + id + ",bracelet:04c10000000001 ok",
                                  "admin security_event:" + id +
                                      ",bracelet:04c10000000001 refused:security_event_not_open"}));
  }

  // A kiosk that connects later receives it in the whole list.
  auto newcomer = std::make_unique<SimulatedKiosk>(server_->client());
  ASSERT_TRUE(newcomer->Enrol(server_->NewEnrolmentCode()));
  ASSERT_TRUE(newcomer->Connect());
  const auto whole = RevokedListing(*newcomer, kFast);
  ASSERT_TRUE(whole) << "a kiosk connecting later did not receive the revoked bracelet";
  EXPECT_TRUE(whole->full());
}

TEST_F(CloneDetectionTest, AdministratorsAloneLocateSitesSetTheSpeedAndSeeEvents) {
  TempDir secrets("clone");
  std::ofstream(secrets.File("password")) << kClonePassword << "\n";
  Ctl({"user", "add", "--id", "fatou.audit", "--name", "Fatou", "--role", "auditor",
       "--password-file", secrets.File("password")});
  Ctl({"site", "add", "--name", "Kharakhena", "--department", "saraya"});

  OfficialClient auditor(server_->client());
  ASSERT_EQ(auditor.SignIn("fatou.audit", kClonePassword).status, 200);
  EXPECT_EQ(auditor.Call("GET", "/v1/security/events").status, 403);
  EXPECT_EQ(auditor.Call("PUT", "/v1/security/settings", R"({"maxSpeedKmh":120})").status, 403);
  EXPECT_EQ(
      auditor.Call("PUT", "/v1/sites/3/location", R"({"latitude":12,"longitude":-12})").status,
      403);

  OfficialClient admin(server_->client());
  ASSERT_EQ(admin.SignIn("admin", kClonePassword).status, 200);
  // The sites as minegatectl located them; the third has no coordinates yet.
  const HttpResult sites = admin.Call("GET", "/v1/sites");
  ASSERT_EQ(sites.status, 200);
  v1::SiteList list;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(sites.body, &list).ok());
  ASSERT_EQ(list.sites_size(), 3);
  EXPECT_TRUE(list.sites(0).has_latitude());
  EXPECT_DOUBLE_EQ(list.sites(1).latitude(), 15.253552);
  EXPECT_DOUBLE_EQ(list.sites(1).longitude(), -12.1743);
  EXPECT_FALSE(list.sites(2).has_latitude());
  EXPECT_EQ(sites.body.find("\"latitude\":0"), std::string::npos) << sites.body;

  // Bad coordinates are refused with the field named, and change nothing.
  HttpResult refused =
      admin.Call("PUT", "/v1/sites/3/location", R"({"latitude":12.9,"longitude":-190})");
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("bad_coordinates"), std::string::npos) << refused.body;
  EXPECT_NE(refused.body.find("\"field\":\"longitude\""), std::string::npos) << refused.body;
  EXPECT_EQ(admin.Call("PUT", "/v1/sites/9/location", R"({"latitude":1,"longitude":1})").status,
            404);
  // Protobuf's JSON form reads "NaN" and "Infinity" as doubles: refused all the same.
  refused = admin.Call("PUT", "/v1/sites/3/location", R"({"latitude":"NaN","longitude":1})");
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("\"field\":\"latitude\""), std::string::npos) << refused.body;
  EXPECT_EQ(
      admin.Call("PUT", "/v1/sites/3/location", R"({"latitude":1,"longitude":"-Infinity"})").status,
      400);
  const HttpResult located =
      admin.Call("PUT", "/v1/sites/3/location", R"({"latitude":12.9,"longitude":-11.9})");
  ASSERT_EQ(located.status, 200) << located.body;
  EXPECT_NE(located.body.find("\"latitude\":12.9"), std::string::npos) << located.body;

  // 300 km in 3 hours is 100 km/h: suspect at the default 60 km/h, not at 120.
  EXPECT_EQ(admin.Call("PUT", "/v1/security/settings", R"({"maxSpeedKmh":0})").status, 400);
  const HttpResult speed = admin.Call("PUT", "/v1/security/settings", R"({"maxSpeedKmh":120})");
  ASSERT_EQ(speed.status, 200) << speed.body;
  const HttpResult read = admin.Call("GET", "/v1/security/settings");
  EXPECT_NE(read.body.find("\"maxSpeedKmh\":120"), std::string::npos) << read.body;
  const std::int64_t t0 = base::NowMs() - kDayMs;
  Tap(*bantako_, kFast, t0);
  Tap(*sabodala_, kFast, t0 + 180 * kMinuteMs);
  EXPECT_EQ(EventsSeenByTheAdministrator().events_size(), 0);
  const HttpResult back = admin.Call("PUT", "/v1/security/settings", R"({"maxSpeedKmh":60})");
  ASSERT_EQ(back.status, 200);
  Tap(*bantako_, kSlow, t0);
  Tap(*sabodala_, kSlow, t0 + 180 * kMinuteMs);
  const v1::SecurityEventList events = EventsSeenByTheAdministrator("?status=open&limit=1");
  ASSERT_EQ(events.events_size(), 1);
  EXPECT_EQ(events.events(0).tag_uid(), "04C10000000002");
  EXPECT_EQ(events.events(0).max_speed_kmh(), 60);
  EXPECT_EQ(admin.Call("GET", "/v1/security/events?status=closed").status, 400);

  // Dismissed, it leaves the open list and the bracelet stays valid.
  const HttpResult dismissed = admin.Call(
      "POST", "/v1/security/events/" + std::to_string(events.events(0).event_id()) + "/dismiss");
  ASSERT_EQ(dismissed.status, 200) << dismissed.body;
  EXPECT_NE(dismissed.body.find("\"status\":\"dismissed\""), std::string::npos);
  EXPECT_EQ(EventsSeenByTheAdministrator("?status=open").events_size(), 0);
  EXPECT_EQ(EventsSeenByTheAdministrator().open_count(), 0);
}

}  // namespace
}  // namespace minegate::test
