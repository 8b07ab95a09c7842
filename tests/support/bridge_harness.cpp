#include "tests/support/bridge_harness.hpp"

#include <chrono>
#include <csignal>

#include "base/clock.hpp"
#include "base/hex.hpp"

namespace minegate::test {

const char* BridgeHarness::BridgeBinary() { return MINEGATE_BRIDGE_BIN; }

std::unique_ptr<BridgeHarness> BridgeHarness::Start(const std::vector<std::string>& emulator_args,
                                                    std::string& error) {
  std::unique_ptr<BridgeHarness> harness(new BridgeHarness());
  harness->emulator_ = EmulatorHarness::Start(emulator_args, error);
  if (!harness->emulator_) return nullptr;
  ProcessOptions options;
  options.argv = {BridgeBinary(), "run",
                  "--device",     "pn532_uart:" + harness->emulator_->link_path(),
                  "--socket",     harness->socket_path()};
  options.env = {{"LIBNFC_AUTO_SCAN", "false"}};
  options.stderr_path = harness->emulator_->dir().File("bridge.log");
  harness->bridge_ = Process::Spawn(options, error);
  if (!harness->bridge_) return nullptr;
  return harness;
}

BridgeHarness::~BridgeHarness() {
  if (bridge_ && bridge_->Running()) {
    bridge_->Signal(SIGTERM);
    if (!bridge_->Wait(std::chrono::seconds(5))) bridge_->Kill();
  }
}

std::string BridgeHarness::BridgeLog() const {
  return ReadFile(emulator_->dir().File("bridge.log"));
}

std::optional<BridgeClient> BridgeHarness::Connect() const {
  return BridgeClient::Connect(socket_path(), kTimeout);
}

std::string BridgeHarness::Place(BridgeClient& client, const std::string& model,
                                 const std::string& uid, v1::TagPresented* presented) {
  const std::string hex = base::ToHex(uid);
  const std::int64_t placed_at_ms = base::NowMs();
  if (emulator_->Control("place " + model + " " + hex).rfind("ok", 0) != 0) return "place failed";
  // The bridge greets a new client with the tag it last saw, which may be this very tag
  // before it was removed (and rewritten): wait for a reading made after this placement.
  auto message = client.WaitFor(
      [&uid, placed_at_ms](const v1::BridgeMessage& m) {
        return m.has_tag_presented() && m.tag_presented().uid() == uid &&
               m.tag_presented().detected_at_ms() >= placed_at_ms;
      },
      kTimeout);
  if (!message) return "the tag was never presented";
  if (presented != nullptr) *presented = message->tag_presented();
  return "";
}

std::string BridgeHarness::Remove(BridgeClient& client) {
  if (emulator_->Control("remove").rfind("ok", 0) != 0) return "remove failed";
  if (!client.WaitFor(IsTagRemoved, kTimeout)) return "the tag was never removed";
  return "";
}

std::string BridgeHarness::PlaceAndWrite(const std::string& model, const std::string& uid,
                                         const std::string& credential) {
  auto client = Connect();
  if (!client) return "bridge unreachable";
  if (std::string placed = Place(*client, model, uid); !placed.empty()) return placed;
  v1::KioskMessage request;
  request.mutable_write_credential()->set_request_id(1);
  request.mutable_write_credential()->set_expected_uid(uid);
  request.mutable_write_credential()->set_credential(credential);
  request.mutable_write_credential()->set_overwrite(true);
  if (!client->Send(request)) return "write request not sent";
  auto result = client->WaitFor([](const v1::BridgeMessage& m) { return m.has_write_result(); },
                                2 * kTimeout);
  if (!result) return "no write result";
  if (result->write_result().outcome() != v1::WRITE_OUTCOME_OK) {
    return "write refused: " + result->write_result().detail().en();
  }
  return Remove(*client);
}

std::string BridgeHarness::PlaceAndRead(const std::string& model, const std::string& uid,
                                        v1::TagPresented& presented) {
  auto client = Connect();
  if (!client) return "bridge unreachable";
  if (std::string placed = Place(*client, model, uid, &presented); !placed.empty()) return placed;
  return Remove(*client);
}

}  // namespace minegate::test
