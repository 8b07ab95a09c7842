// The server as the trust boundary, through the real minegate-server process over TLS: every
// rule events.proto states, with one event just inside it (acknowledged) and one just outside
// it (refused with the field named, nothing stored, the connection kept); and the 1 MiB bound
// on a message, exact.
#include "proto/rules/event_rules.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>

#include "base/clock.hpp"
#include "proto/credential/issuer.hpp"
#include "proto/credential/signing_key.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/sim_kiosk.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/unit/rules/event_rule_cases.hpp"

namespace minegate::test {
namespace {

using namespace std::chrono_literals;

constexpr int kCloseTooBig = 1009;

std::string IssueWith(const credential::SigningKey& key, const credential::CredentialFields& fields,
                      const std::string& uid) {
  auto bytes = credential::Issue(
      fields, std::span(reinterpret_cast<const std::uint8_t*>(uid.data()), uid.size()), key);
  return bytes ? std::string(bytes.value().begin(), bytes.value().end()) : std::string();
}

class ServerRulesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(secrets_.ok());
    std::string error;
    server_ = ServerProcess::Create(error);
    ASSERT_NE(server_, nullptr) << error;
    std::ofstream(secrets_.File("password")) << "correct horse battery staple\n";
  }

  void MustCtl(const std::vector<std::string>& args) {
    const RunResult result = server_->Ctl(args);
    ASSERT_TRUE(result.status.Succeeded()) << result.out << result.err;
  }

  void AddUser(const std::string& id, const std::string& role, bool at_site) {
    std::vector<std::string> args = {"user",
                                     "add",
                                     "--id",
                                     id,
                                     "--name",
                                     "Utilisateur " + id,
                                     "--role",
                                     role,
                                     "--password-file",
                                     secrets_.File("password")};
    if (at_site) {
      args.push_back("--sites");
      args.push_back("1");
    }
    MustCtl(args);
  }

  /// The next Ack or Error, skipping list updates.
  std::optional<v1::ServerFrame> Answer(SimulatedKiosk& kiosk) {
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (std::chrono::steady_clock::now() < deadline) {
      auto frame = kiosk.Next(10s);
      if (!frame) return std::nullopt;
      if (frame.value().has_ack() || frame.value().has_error()) return frame.value();
    }
    return std::nullopt;
  }

  TempDir secrets_{"rules"};
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(ServerRulesTest, EveryRuleOfEventsProtoJustInsideAndJustOutside) {
  // What the cases name: a second site with its gate and campaign, agents of every kind.
  MustCtl({"site", "add", "--name", "Sabodala", "--department", "saraya"});
  MustCtl({"gate", "add", "--site", "2", "--name", "Porte sud"});
  const std::string closes = std::to_string(base::NowMs() + 86'400'000);
  MustCtl({"census", "add", "--id", "bantako-q4", "--site", "1", "--fr", "Recensement T4", "--en",
           "Census Q4", "--closes-at", closes});
  MustCtl({"census", "add", "--id", "sabodala-q4", "--site", "2", "--fr", "Recensement", "--en",
           "Census", "--closes-at", closes});
  RuleCaseContext context;
  AddUser(context.short_agent_id, "gate_agent", true);
  AddUser(context.long_agent_id, "gate_agent", true);
  AddUser(context.emape_agent_id, "emape_official", true);
  AddUser(context.police_agent_id, "border_police", false);
  AddUser(context.disabled_agent_id, "gate_agent", true);
  MustCtl({"user", "disable", "--id", context.disabled_agent_id});

  SimulatedKiosk kiosk(server_->client());
  auto enrolled = kiosk.Enrol(server_->NewEnrolmentCode());
  ASSERT_TRUE(enrolled) << server_->Log();
  ASSERT_TRUE(kiosk.Connect()) << server_->Log();
  const auto foreign = credential::SigningKey::Generate().value();
  context.device_id = kiosk.device_id();
  context.site_id = enrolled.value().site_id();
  context.gate_id = 1;
  context.agent_id = kSimAgent;
  context.other_site_gate_id = 2;
  context.now_ms = base::NowMs();
  context.issue = [&kiosk](const credential::CredentialFields& fields, const std::string& uid) {
    return IssueWith(kiosk.key(), fields, uid);
  };
  context.issue_foreign = [&foreign](const credential::CredentialFields& fields,
                                     const std::string& uid) {
    return IssueWith(foreign, fields, uid);
  };

  std::uint64_t seq = 1;
  int inside = 0;
  int outside = 0;
  for (const RuleCase& rule_case : EventRuleCases()) {
    SCOPED_TRACE(rule_case.rule);
    v1::Event event = CaseEvent(rule_case, context, NewEventId(), seq);
    const bool seal =
        rule_case.send_sealed || (rules::MustBeSealed(rule_case.kind) && !rule_case.send_clear);
    if (seal) event = kiosk.Seal(event);
    ASSERT_FALSE(kiosk.Send({event}));
    const auto answer = Answer(kiosk);
    ASSERT_TRUE(answer) << "no answer; server log:\n" << server_->Log();
    if (rule_case.inside) {
      ASSERT_TRUE(answer->has_ack()) << answer->DebugString();
      EXPECT_EQ(answer->ack().acked_seq(), seq);
      ++seq;
      ++inside;
      continue;
    }
    ASSERT_TRUE(answer->has_error()) << answer->DebugString();
    const v1::Error& error = answer->error();
    EXPECT_EQ(error.code(), rule_case.code) << error.DebugString();
    EXPECT_EQ(error.device_seq(), event.device_seq());
    ++outside;
    if (rule_case.code == v1::ERROR_CODE_SEALED_BODY_INVALID) continue;
    EXPECT_NE(error.message().fr().find(rule_case.field), std::string::npos)
        << error.message().fr();
    EXPECT_NE(error.message().en().find(rule_case.field), std::string::npos)
        << error.message().en();
  }
  EXPECT_GT(inside, 40);
  EXPECT_GT(outside, 100);

  // Nothing refused was stored; the connection stayed open throughout.
  auto report = kiosk.Reconcile();
  ASSERT_TRUE(report);
  EXPECT_EQ(report.value().event_count(), seq - 1);
  EXPECT_EQ(report.value().highest_seq(), seq - 1);
  EXPECT_TRUE(kiosk.SendAndWaitAck({kiosk.GatePassed(seq)}));
}

/// A batch frame of exactly `size` bytes: valid GatePassed events, each padded with an unknown
/// field (preserved, counted in the 64 KiB an event may weigh).
std::string FrameOfSize(const SimulatedKiosk& kiosk, std::size_t size) {
  constexpr int kEvents = 17;
  v1::KioskFrame frame;
  for (int i = 0; i < kEvents; ++i) {
    *frame.mutable_batch()->add_events() = kiosk.GatePassed(static_cast<std::uint64_t>(i + 1));
  }
  const auto pad = [&frame](int index, std::size_t bytes) {
    v1::Event* event = frame.mutable_batch()->mutable_events(index);
    auto* unknown = event->GetReflection()->MutableUnknownFields(event);
    unknown->Clear();
    unknown->AddLengthDelimited(99, std::string(bytes, 'p'));
  };
  const std::size_t each = size / kEvents - 200;
  for (int i = 0; i < kEvents; ++i) pad(i, each);
  std::size_t last = each;
  for (int attempt = 0; attempt < 8 && frame.ByteSizeLong() != size; ++attempt) {
    const auto now = static_cast<std::ptrdiff_t>(frame.ByteSizeLong());
    last = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(last) +
                                    static_cast<std::ptrdiff_t>(size) - now);
    pad(kEvents - 1, last);
  }
  return frame.SerializeAsString();
}

TEST_F(ServerRulesTest, AMessageOfOneMebibyteIsAcceptedAndOneByteMoreClosesWith1009) {
  SimulatedKiosk kiosk(server_->client());
  ASSERT_TRUE(kiosk.Enrol(server_->NewEnrolmentCode())) << server_->Log();
  ASSERT_TRUE(kiosk.Connect()) << server_->Log();

  const std::string exact = FrameOfSize(kiosk, 1024 * 1024);
  ASSERT_EQ(exact.size(), 1024u * 1024u);
  ASSERT_FALSE(kiosk.ws()->SendBinary(exact));
  std::optional<v1::ServerFrame> answer;
  for (int i = 0; i < 10 && !(answer && (answer->has_ack() || answer->has_error())); ++i) {
    auto frame = kiosk.Next(10s);
    ASSERT_TRUE(frame) << frame.error().message() << "\n" << server_->Log();
    answer = frame.value();
  }
  ASSERT_TRUE(answer && answer->has_ack()) << (answer ? answer->DebugString() : "none");
  EXPECT_EQ(answer->ack().acked_seq(), 17u);

  kiosk.Disconnect();
  ASSERT_TRUE(kiosk.Connect(17)) << server_->Log();
  std::string over = FrameOfSize(kiosk, 1024 * 1024 + 1);
  ASSERT_EQ(over.size(), 1024u * 1024u + 1);
  // The server may close before the whole message is sent: a failed send is fine.
  (void)kiosk.ws()->SendBinary(over);
  const auto ended = kiosk.ws()->WaitClosed(10s);
  EXPECT_TRUE(IsWebSocketClosed(ended)) << ended.message();
  EXPECT_EQ(kiosk.ws()->close_code(), kCloseTooBig);
  // Nothing of it was stored.
  auto report = kiosk.Reconcile();
  ASSERT_TRUE(report);
  EXPECT_EQ(report.value().event_count(), 17u);
}

}  // namespace
}  // namespace minegate::test
