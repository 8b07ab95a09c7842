// Fuzz target: a WebSocket message from an authenticated kiosk (or a thief
// holding a kiosk's key) — the server's trust boundary. Properties: bytes that
// are not a KioskFrame are refused without crashing; a batch, however odd, is
// either refused with a code, an event sequence and words in both languages,
// or every event it holds passes both stages with a plain (opened) body.
#include <sodium.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "minegate/v1/sync.pb.h"
#include "server/ingest/event_validator.hpp"

namespace {

using namespace minegate;

constexpr std::size_t kMaxFrameBytes = 1024 * 1024;
constexpr std::int64_t kNowMs = 1'796'000'000'000;

/// The registry of a test site: gate 1 at site 1, the gate agent "agent1",
/// the campaign "bantako-q4", no trusted key but the device's own.
class FixedRegistry final : public server::RegistryView {
 public:
  server::IngestResult<std::optional<std::uint32_t>> GateSite(std::uint32_t gate_id) override {
    return gate_id == 1 ? std::optional<std::uint32_t>(1) : std::nullopt;
  }
  server::IngestResult<std::optional<v1::AgentRole>> KioskAgentRole(const std::string& user_id,
                                                                    std::uint32_t site_id,
                                                                    std::int64_t) override {
    if (user_id == "agent1" && site_id == 1) return std::optional(v1::AGENT_ROLE_GATE_AGENT);
    return std::optional<v1::AgentRole>();
  }
  server::IngestResult<bool> IsSiteCampaign(const std::string& campaign_id,
                                            std::uint32_t site_id) override {
    return campaign_id == "bantako-q4" && site_id == 1;
  }
  server::IngestResult<std::optional<credential::TrustedKey>> TrustedKey(
      const credential::KeyId&) override {
    return std::optional<credential::TrustedKey>();
  }
  server::IngestResult<server::HolderAge> CardHolderAge(const std::string&, std::int64_t) override {
    return server::HolderAge::kAdult;
  }
};

void CheckRefusal(const server::Refusal& refusal) {
  if (!refusal.code || refusal.detail_fr.empty() || refusal.detail_en.empty()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > kMaxFrameBytes || sodium_init() < 0) return 0;
  v1::KioskFrame frame;
  if (!frame.ParseFromArray(data, static_cast<int>(size)) || !frame.has_batch()) return 0;
  std::vector<v1::Event> events(frame.batch().events().begin(), frame.batch().events().end());
  server::DeviceContext device;
  device.device_id = "kdg-0001";
  device.site_id = 1;
  device.public_key.fill(0x42);
  // Nothing opens: the fuzzer cannot seal to a key it does not know.
  const server::OpenSealed open_nothing = [](std::string_view, std::string_view) {
    return std::optional<std::string>();
  };
  if (auto refused = server::ValidateBatch(events, device, open_nothing, kNowMs)) {
    CheckRefusal(*refused);
    return 0;
  }
  for (const v1::Event& event : events) {
    if (event.has_sealed() || event.body_case() == v1::Event::BODY_NOT_SET) std::abort();
  }
  FixedRegistry registry;
  if (auto refused = server::CheckAgainstRegistry(events, device, registry, kNowMs)) {
    CheckRefusal(*refused);
  }
  return 0;
}
