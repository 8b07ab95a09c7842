// Offline sign-in data through the real server: a connected kiosk receives the agent roster
// when an administrator changes it with minegatectl, and census campaigns likewise.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <regex>

#include "tests/support/server_process.hpp"
#include "tests/support/sim_kiosk.hpp"
#include "tests/support/temp_dir.hpp"

namespace minegate::test {
namespace {

using namespace std::chrono_literals;

class AgentRosterSyncTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(secrets_.ok());
    std::string error;
    server_ = ServerProcess::Create(error);
    ASSERT_NE(server_, nullptr) << error;
    std::ofstream(secrets_.File("password")) << "correct horse battery staple\n";
    std::ofstream(secrets_.File("pin")) << "482915\n";
  }

  /// The next frame of `kind`, skipping others, within `timeout` in all.
  std::optional<v1::ServerFrame> WaitFor(SimulatedKiosk& kiosk, v1::ServerFrame::FrameCase kind,
                                         std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      auto frame = kiosk.Next(std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now()));
      if (!frame) return std::nullopt;
      if (frame.value().frame_case() == kind) return frame.value();
    }
    return std::nullopt;
  }

  void MustCtl(const std::vector<std::string>& args) {
    const RunResult result = server_->Ctl(args);
    ASSERT_TRUE(result.status.Succeeded()) << result.out << result.err;
  }

  TempDir secrets_{"roster"};
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(AgentRosterSyncTest, ConnectedKioskReceivesTheRosterAfterSetPin) {
  MustCtl({"user", "add", "--id", "moussa", "--name", "Moussa Keita", "--role", "gate_agent",
           "--sites", "1", "--password-file", secrets_.File("password"), "--card-uid", "04a1b2c3"});
  SimulatedKiosk kiosk(server_->client());
  ASSERT_TRUE(kiosk.Enrol(server_->NewEnrolmentCode())) << server_->Log();
  ASSERT_TRUE(kiosk.Connect()) << server_->Log();
  // No agent has a PIN yet: the roster is at version 0, as the kiosk's, so none was sent.
  for (const v1::ServerFrame& frame : kiosk.pending()) EXPECT_FALSE(frame.has_agent_roster());

  MustCtl({"user", "set-pin", "--id", "moussa", "--pin-file", secrets_.File("pin")});
  auto pushed = WaitFor(kiosk, v1::ServerFrame::kAgentRoster, 15s);
  ASSERT_TRUE(pushed) << "no roster within 15 s\n" << server_->Log();
  const v1::AgentRoster& roster = pushed->agent_roster();
  EXPECT_EQ(roster.version(), 1u);
  ASSERT_EQ(roster.agents_size(), 1);
  EXPECT_EQ(roster.agents(0).user_id(), "moussa");
  EXPECT_EQ(roster.agents(0).display_name(), "Moussa Keita");
  EXPECT_EQ(roster.agents(0).role(), v1::AGENT_ROLE_GATE_AGENT);
  EXPECT_EQ(roster.agents(0).staff_card_uid(), std::string("\x04\xa1\xb2\xc3", 4));
  EXPECT_EQ(roster.agents(0).pin_hash().rfind("$argon2id$", 0), 0u);

  // A disabled agent leaves the roster at the next push.
  MustCtl({"user", "disable", "--id", "moussa"});
  pushed = WaitFor(kiosk, v1::ServerFrame::kAgentRoster, 15s);
  ASSERT_TRUE(pushed) << server_->Log();
  EXPECT_EQ(pushed->agent_roster().version(), 2u);
  EXPECT_EQ(pushed->agent_roster().agents_size(), 0);
}

TEST_F(AgentRosterSyncTest, ConnectedKioskReceivesItsSitesCampaignsAndMayRecordCensus) {
  SimulatedKiosk kiosk(server_->client());
  ASSERT_TRUE(kiosk.Enrol(server_->NewEnrolmentCode())) << server_->Log();
  ASSERT_TRUE(kiosk.Connect()) << server_->Log();
  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  MustCtl({"census", "add", "--id", "bantako-q4", "--site", "1", "--fr", "Recensement T4", "--en",
           "Census Q4", "--closes-at", std::to_string(now + 24 * 3'600'000LL)});
  auto pushed = WaitFor(kiosk, v1::ServerFrame::kCensusCampaigns, 15s);
  ASSERT_TRUE(pushed) << server_->Log();
  ASSERT_EQ(pushed->census_campaigns().campaigns_size(), 1);
  EXPECT_EQ(pushed->census_campaigns().campaigns(0).campaign_id(), "bantako-q4");

  v1::Event census = kiosk.GatePassed(1);
  census.clear_gate_passed();
  census.mutable_census_observed()->set_campaign_id("bantako-q4");
  census.mutable_census_observed()->set_person_token(std::string(16, '\x07'));
  census.mutable_census_observed()->set_tag_uid(std::string("\x04\x01\x02\x03", 4));
  v1::Event unknown = census;
  unknown.mutable_census_observed()->set_campaign_id("elsewhere");
  EXPECT_FALSE(kiosk.SendAndWaitAck({unknown}));
  ASSERT_FALSE(kiosk.pending().empty());
  EXPECT_EQ(kiosk.pending().back().error().code(), v1::ERROR_CODE_INVALID_EVENT);
  auto ack = kiosk.SendAndWaitAck({census});
  ASSERT_TRUE(ack) << server_->Log();
  EXPECT_EQ(ack.value().acked_seq(), 1u);
}

TEST_F(AgentRosterSyncTest, EachSitesKiosksReceiveOnlyThatSitesAgents) {
  MustCtl({"site", "add", "--name", "Sabodala", "--department", "saraya"});
  MustCtl({"user", "add", "--id", "moussa", "--name", "Moussa Keita", "--role", "gate_agent",
           "--sites", "1", "--password-file", secrets_.File("password"), "--pin-file",
           secrets_.File("pin")});
  MustCtl({"user", "add", "--id", "fatou", "--name", "Fatou Sow", "--role", "emape_official",
           "--sites", "1,2", "--password-file", secrets_.File("password"), "--pin-file",
           secrets_.File("pin")});
  MustCtl({"user", "add", "--id", "ibou", "--name", "Ibou Ba", "--role", "gate_agent", "--sites",
           "2", "--password-file", secrets_.File("password"), "--pin-file", secrets_.File("pin")});
  const auto ids = [](const v1::AgentRoster& roster) {
    std::vector<std::string> out;
    for (const v1::Agent& agent : roster.agents()) out.push_back(agent.user_id());
    return out;
  };

  SimulatedKiosk bantako(server_->client());
  ASSERT_TRUE(bantako.Enrol(server_->NewEnrolmentCode())) << server_->Log();
  ASSERT_TRUE(bantako.Connect()) << server_->Log();
  auto first = WaitFor(bantako, v1::ServerFrame::kAgentRoster, 15s);
  ASSERT_TRUE(first) << server_->Log();
  EXPECT_EQ(ids(first->agent_roster()), (std::vector<std::string>{"fatou", "moussa"}));

  auto enrolment = server_->Ctl({"device", "enroll", "--site", "2"});
  std::smatch code;
  ASSERT_TRUE(std::regex_search(enrolment.out, code, std::regex("([0-9A-Z]{4}(-[0-9A-Z]{4})+)")));
  SimulatedKiosk sabodala(server_->client());
  ASSERT_TRUE(sabodala.Enrol(code[1].str())) << server_->Log();
  ASSERT_TRUE(sabodala.Connect()) << server_->Log();
  auto second = WaitFor(sabodala, v1::ServerFrame::kAgentRoster, 15s);
  ASSERT_TRUE(second) << server_->Log();
  EXPECT_EQ(ids(second->agent_roster()), (std::vector<std::string>{"fatou", "ibou"}));

  // Moussa moves to Sabodala too: both kiosks receive their new roster.
  MustCtl({"user", "assign-site", "--id", "moussa", "--site", "2"});
  auto moved = WaitFor(sabodala, v1::ServerFrame::kAgentRoster, 15s);
  ASSERT_TRUE(moved) << server_->Log();
  EXPECT_EQ(ids(moved->agent_roster()), (std::vector<std::string>{"fatou", "ibou", "moussa"}));
}

}  // namespace
}  // namespace minegate::test
