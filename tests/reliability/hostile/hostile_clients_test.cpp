// Hostile clients while honest kiosks keep streaming (issue 14, item 4), against the real
// minegate-server over TLS on loopback. Quiet and attack phases alternate (seeded lengths); in
// every attack phase, each attacker on its own thread: malformed frames and garbage TLS, a
// flood of connections, slow-loris on HTTP, TLS and WebSocket, oversize bodies, headers and
// frames, a stolen kiosk key sending bad protobuf and forged or copied bracelet credentials, a
// cloner tapping copies of genuine bracelets at a site 300 km away, a revoked kiosk coming back,
// and a brute force on an official's password. Afterwards: the server is up, every honest event
// is stored once, every attack was refused as it must be and none of it stored, the clones are
// flagged, the sign-in lock held and is audited, and the honest kiosks' acknowledgement p99 in
// attack phases is within twice its p99 in the quiet phases of the same run.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <random>
#include <span>
#include <thread>

#include "base/clock.hpp"
#include "db/connection.hpp"
#include "db/query.hpp"
#include "proto/credential/issuer.hpp"
#include "tests/reliability/hostile/attacks.hpp"
#include "tests/reliability/hostile/honest_kiosk.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace minegate::test::hostile {
namespace {

using namespace std::chrono_literals;

constexpr std::uint32_t kSeed = 20261214;
constexpr int kHonestKiosks = 4;
constexpr std::size_t kHonestBatch = 5;
constexpr auto kHonestInterval = 50ms;
constexpr int kPhasePairs = 7;
/// Latencies of batches sent this soon after a phase began are left out: what the phase before
/// left behind (connections being closed) is not this phase's.
constexpr auto kSettle = 300ms;
constexpr char kAuditor[] = "awa.auditor";
constexpr char kAuditorPassword[] = "un mot de passe assez long 42";
// Bantako (site 1) and Sabodala (site 2), 300 km apart on one meridian.
constexpr char kLatitude1[] = "12.5556";
constexpr char kLatitude2[] = "15.253552";
constexpr char kLongitude[] = "-12.1743";

struct Figures {
  std::size_t samples = 0;
  double p50 = 0;
  double p99 = 0;
  double max = 0;
};

/// Nearest-rank percentiles of the latencies.
Figures FiguresOf(std::vector<double> ms) {
  Figures figures;
  figures.samples = ms.size();
  if (ms.empty()) return figures;
  std::sort(ms.begin(), ms.end());
  const auto rank = [&ms](double p) {
    const auto index = static_cast<std::size_t>(std::ceil(p * static_cast<double>(ms.size())));
    return ms[std::clamp<std::size_t>(index, 1, ms.size()) - 1];
  };
  figures.p50 = rank(0.50);
  figures.p99 = rank(0.99);
  figures.max = ms.back();
  return figures;
}

class HostileClientsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    server_ = ServerProcess::Create(error);
    ASSERT_NE(server_, nullptr) << error;
    {
      std::ofstream password(dir_.File("auditor.pw"));
      password << kAuditorPassword << '\n';
    }
    Ctl({"site", "add", "--name", "Sabodala", "--department", "saraya"});
    Ctl({"gate", "add", "--site", "2", "--name", "Porte sud"});
    Ctl({"user", "assign-site", "--id", kSimAgent, "--site", "2"});
    Ctl({"site", "locate", "--site", "1", "--lat", kLatitude1, "--lon", kLongitude});
    Ctl({"site", "locate", "--site", "2", "--lat", kLatitude2, "--lon", kLongitude});
    Ctl({"user", "add", "--id", kAuditor, "--name", "Awa", "--role", "auditor", "--password-file",
         dir_.File("auditor.pw")});
  }

  void Ctl(const std::vector<std::string>& args) {
    const RunResult result = server_->Ctl(args);
    ASSERT_TRUE(result.status.Succeeded()) << result.out << result.err;
  }

  /// A kiosk enrolled at `site` and its `gate`, not connected.
  std::unique_ptr<SimulatedKiosk> Enrolled(const std::string& site, const std::string& gate) {
    const std::string code = server_->NewEnrolmentCode(site, gate);
    EXPECT_FALSE(code.empty()) << server_->Log();
    auto kiosk = std::make_unique<SimulatedKiosk>(server_->client());
    EXPECT_TRUE(kiosk->Enrol(code)) << server_->Log();
    return kiosk;
  }

  /// Five bracelets issued at Bantako a day ago with genuine credentials, each tapped there.
  std::vector<IssuedBracelet> IssueGenuineBracelets() {
    auto issuer = Enrolled("1", "1");
    EXPECT_TRUE(issuer->Connect());
    std::vector<IssuedBracelet> bracelets;
    std::vector<v1::Event> events;
    const std::int64_t at = base::NowMs() - 86'400'000;
    for (std::uint64_t i = 0; i < 5; ++i) {
      IssuedBracelet bracelet;
      bracelet.tag_uid = std::string("\x04\xC1\x0E\x00\x00\x00", 6) + static_cast<char>(i + 1);
      bracelet.person_token = std::string(16, static_cast<char>(0x30 + i));
      bracelet.tapped_at_ms = at + 60'000;
      credential::CredentialFields fields;
      fields.kind = credential::Kind::bracelet;
      fields.person_token.fill(static_cast<std::uint8_t>(0x30 + i));
      fields.site_id = 1;
      fields.issued_at_ms = at;
      auto signed_credential = credential::Issue(
          fields,
          std::span(reinterpret_cast<const std::uint8_t*>(bracelet.tag_uid.data()),
                    bracelet.tag_uid.size()),
          issuer->key());
      EXPECT_TRUE(signed_credential);
      v1::Event issued = issuer->GatePassed(2 * i + 1);
      issued.set_occurred_at_ms(at);
      issued.clear_gate_passed();
      auto* body = issued.mutable_bracelet_issued();
      body->set_person_token(bracelet.person_token);
      body->set_tag_uid(bracelet.tag_uid);
      body->set_tag_type(v1::TAG_TYPE_NTAG213);
      body->set_credential(
          std::string(signed_credential.value().begin(), signed_credential.value().end()));
      events.push_back(issued);
      v1::Event tap = issuer->GatePassed(2 * i + 2);
      tap.set_occurred_at_ms(bracelet.tapped_at_ms);
      tap.mutable_gate_passed()->set_tag_uid(bracelet.tag_uid);
      tap.mutable_gate_passed()->set_person_token(bracelet.person_token);
      events.push_back(tap);
      bracelets.push_back(bracelet);
    }
    auto ack = issuer->SendAndWaitAck(events);
    EXPECT_TRUE(ack) << server_->Log();
    issuer->Disconnect();
    return bracelets;
  }

  std::int64_t Count(const std::string& sql, const std::string& parameter = "") {
    db::OpenOptions options;
    options.access = db::OpenOptions::Access::kReadOnly;
    auto connection = db::Connection::Open(server_->database(), options);
    EXPECT_TRUE(connection);
    if (!connection) return -1;
    const auto column = [](const db::Statement& row) { return row.ColumnInt64(0); };
    auto count = parameter.empty() ? db::QueryOne(connection.value(), sql, column)
                                   : db::QueryOne(connection.value(), sql, column, parameter);
    EXPECT_TRUE(count) << sql;
    return count ? count.value() : -1;
  }

  TempDir dir_{"hostile"};
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(HostileClientsTest, HonestKiosksAreServedAndEveryAttackRefusedWhileTheyStream) {
  std::printf("hostile: seed %u\n", kSeed);
  // The cast of the attacks on the kiosks' side, set up before the run.
  const std::vector<IssuedBracelet> bracelets = IssueGenuineBracelets();
  auto rogue = Enrolled("2", "2");
  auto cloner = Enrolled("2", "2");
  auto revoked = Enrolled("1", "1");
  std::vector<v1::Event> revoked_events;
  ASSERT_TRUE(revoked->Connect());
  for (std::uint64_t seq = 1; seq <= 20; ++seq) revoked_events.push_back(revoked->GatePassed(seq));
  ASSERT_TRUE(revoked->SendAndWaitAck(revoked_events)) << server_->Log();
  revoked->Disconnect();
  Ctl({"device", "revoke", "--id", revoked->device_id()});

  std::vector<std::unique_ptr<SimulatedKiosk>> honest;
  for (int i = 0; i < kHonestKiosks; ++i) honest.push_back(Enrolled("1", "1"));

  PhaseBoard board;
  Tally tally;
  std::mt19937 random(kSeed);
  const auto context = [&](std::uint32_t n) {
    return AttackContext{board, tally, server_->client(), kSeed + n};
  };
  std::atomic<bool> stop_honest{false};
  std::vector<HonestRun> runs(honest.size());
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < honest.size(); ++i) {
    threads.emplace_back([&, i] {
      runs[i] = StreamHonestly(*honest[i], stop_honest, kHonestInterval, kHonestBatch);
    });
  }
  BruteForceCounts brute_force;
  LongSlowLoris long_slow_loris;
  std::uint64_t cloner_seq = 0;
  threads.emplace_back([&] { MalformedFrames(context(1)); });
  threads.emplace_back([&] { ConnectionFlood(context(2), 300); });
  threads.emplace_back([&] { SlowLoris(context(3)); });
  threads.emplace_back([&] { OversizeInput(context(4)); });
  threads.emplace_back(
      [&] { BruteForceSignIn(context(5), kAuditor, kAuditorPassword, brute_force); });
  threads.emplace_back([&] { RogueDevice(context(6), *rogue, revoked_events); });
  threads.emplace_back([&] { cloner_seq = ClonedBracelets(context(7), *cloner, bracelets); });
  threads.emplace_back([&] { RevokedDeviceReplay(context(8), *revoked); });
  std::thread watch([&] { LongSlowLorisWatch(context(9), long_slow_loris, 45s); });

  // The conductor: quiet, attack, quiet, attack... each 2.5 to 3.5 s.
  const auto start = SteadyClock::now();
  std::uniform_int_distribution<int> length_ms(2500, 3500);
  for (int phase = 0; phase < 2 * kPhasePairs; ++phase) {
    board.Begin(phase % 2 == 1);
    std::this_thread::sleep_for(std::chrono::milliseconds(length_ms(random)));
  }
  board.Finish();
  stop_honest = true;
  for (auto& thread : threads) thread.join();
  const double run_s = std::chrono::duration<double>(SteadyClock::now() - start).count();
  watch.join();

  // The server is up and answers.
  ASSERT_TRUE(server_->process().Running()) << server_->Log();
  auto health = HttpGet(server_->client(), "/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health.value().status, 200);

  // Every attack was met as it must be.
  std::printf("hostile: attacks over %.1f s\n%s", run_s, tally.Report().c_str());
  EXPECT_EQ(tally.unexpected_total(), 0) << tally.Report();
  for (const char* attack :
       {"malformed protobuf frame", "text frame", "unmasked frame", "garbage TLS",
        "held connection", "connection churn", "slow-loris opened", "oversize body",
        "oversize header", "oversize frame", "brute force", "right password while locked",
        "truncated batch", "forged credential", "credential copied to another tag",
        "credential from the future", "revoked device's events replayed", "cloned bracelet tap",
        "revoked device"}) {
    EXPECT_GT(tally.expected(attack), 0) << attack << " never ran";
  }
  std::printf("hostile: long slow-loris dropped after %.1f s (TLS), %.1f s (HTTP)\n",
              long_slow_loris.tls_dropped_after_s.load(),
              long_slow_loris.http_dropped_after_s.load());
  EXPECT_GT(long_slow_loris.tls_dropped_after_s.load(), 0) << "a TLS slow-loris was never dropped";
  EXPECT_LT(long_slow_loris.tls_dropped_after_s.load(), 15) << "handshake timeout is 10 s";
  EXPECT_GT(long_slow_loris.http_dropped_after_s.load(), 0)
      << "an HTTP slow-loris was never dropped";
  EXPECT_LT(long_slow_loris.http_dropped_after_s.load(), 40) << "request timeout is 30 s";

  // Every honest event acknowledged is stored, once; nothing of the refused attacks is.
  std::uint64_t honest_events = 0;
  for (std::size_t i = 0; i < honest.size(); ++i) {
    SCOPED_TRACE(honest[i]->device_id());
    EXPECT_EQ(runs[i].failures, 0) << runs[i].first_failure;
    EXPECT_GT(runs[i].acked_seq, 0u);
    honest_events += runs[i].acked_seq;
    auto report = honest[i]->Reconcile();
    ASSERT_TRUE(report);
    EXPECT_EQ(report.value().event_count(), runs[i].acked_seq);
    EXPECT_EQ(report.value().contiguous_seq(), runs[i].acked_seq);
    const auto acked = static_cast<std::int64_t>(runs[i].acked_seq);
    EXPECT_EQ(Count("SELECT count(*) FROM events WHERE device_id = ?", honest[i]->device_id()),
              acked);
    EXPECT_EQ(Count("SELECT count(DISTINCT event_id) FROM events WHERE device_id = ?",
                    honest[i]->device_id()),
              acked);
  }
  EXPECT_EQ(Count("SELECT count(*) FROM events WHERE device_id = ?", rogue->device_id()), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM events WHERE device_id = ?", revoked->device_id()), 20);
  EXPECT_EQ(Count("SELECT count(*) FROM events WHERE device_id = ?", cloner->device_id()),
            static_cast<std::int64_t>(cloner_seq));
  EXPECT_EQ(Count("SELECT count(*) FROM bracelets WHERE tag_uid >= x'0466778899AA00' AND "
                  "tag_uid <= x'0466778899AAFF'"),
            0)
      << "a forged or copied credential's bracelet was stored";

  // Each copied bracelet is reported once as a suspected clone (one event per tag and pair of
  // sites, however often the copy was tapped).
  EXPECT_EQ(Count("SELECT count(DISTINCT tag_uid) FROM security_events WHERE kind = "
                  "'suspected_clone' AND status = 'open' AND first_site_id = 1 AND "
                  "second_site_id = 2"),
            static_cast<std::int64_t>(bracelets.size()));
  EXPECT_EQ(Count("SELECT count(*) FROM security_events"),
            static_cast<std::int64_t>(bracelets.size()));

  // The lock held: five passwords checked, every later try refused unchecked, the right password
  // too (the first lock lasts a minute, longer than the attacks), each attempt audited.
  std::printf(
      "hostile: brute force: %d passwords checked, %d wrong and %d right refused as "
      "locked\n",
      brute_force.password_checks.load(), brute_force.locked.load(),
      brute_force.right_password_locked.load());
  EXPECT_EQ(brute_force.password_checks.load(), 5);
  EXPECT_GT(brute_force.locked.load(), 0);
  EXPECT_GT(brute_force.right_password_locked.load(), 0);
  const std::string target = std::string("%user:") + kAuditor + "%";
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'POST /v1/session' AND outcome "
                  "= 'refused:sign_in_locked' AND targets LIKE ?",
                  target),
            brute_force.locked.load() + brute_force.right_password_locked.load());
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'POST /v1/session' AND outcome "
                  "= 'refused:sign_in_refused' AND targets LIKE ?",
                  target),
            brute_force.password_checks.load());
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'POST /v1/session' AND outcome "
                  "= 'ok'"),
            0)
      << "someone signed in";

  // The honest kiosks' acknowledgement latency, by the kind of phase each batch fell in.
  std::vector<double> quiet;
  std::vector<double> attack;
  for (const Phase& phase : board.phases()) {
    for (const HonestRun& run : runs) {
      for (const AckSample& sample : run.samples) {
        if (sample.sent < phase.start + kSettle || sample.acked > phase.end) continue;
        (phase.attack ? attack : quiet).push_back(sample.ms());
      }
    }
  }
  const Figures q = FiguresOf(quiet);
  const Figures a = FiguresOf(attack);
  const double ratio = q.p99 > 0 ? a.p99 / q.p99 : 0;
  std::printf(
      "hostile: %d honest kiosks, %llu events, batches of %zu every %lld ms\n"
      "hostile: ack latency quiet:  %zu batches, p50 %.2f ms, p99 %.2f ms, max %.2f ms\n"
      "hostile: ack latency attack: %zu batches, p50 %.2f ms, p99 %.2f ms, max %.2f ms\n"
      "hostile: p99 attack / quiet = %.2f (at most 2)\n",
      kHonestKiosks, static_cast<unsigned long long>(honest_events), kHonestBatch,
      static_cast<long long>(kHonestInterval.count()), q.samples, q.p50, q.p99, q.max, a.samples,
      a.p50, a.p99, a.max, ratio);
  EXPECT_GE(q.samples, 500u);
  EXPECT_GE(a.samples, 500u);
  EXPECT_LE(ratio, 2.0);
}

}  // namespace
}  // namespace minegate::test::hostile
