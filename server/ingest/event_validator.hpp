#pragma once
/// Checks events from an authenticated device before anything is stored: the
/// server is the trust boundary, so every rule events.proto states is enforced
/// here, whatever the kiosk checked. Two stages:
///
///  1. ValidateBatch, on the connection's strand, without the database: batch
///     shape and order, the envelope, personal bodies only sealed, sealed
///     bodies opened and bound to their envelope, the field rules of
///     proto/rules (the same rules the kiosk's form applies), and a
///     BraceletIssued credential re-verified against the device's own key.
///  2. CheckAgainstRegistry, on the writer thread inside its transaction,
///     just before the batch is stored: the gate exists and is the device's
///     site's, the agent may act at that site's kiosks with a role allowed
///     for the event, a census campaign is the site's, and a MinerCardLinked
///     credential verifies against the trust list and names an adult (a minor, a
///     holder without a declared birth, and for an EMAPE official's card a holder
///     the server has no registration of, are refused: docs/protocol.md §7.3).
///
/// Every refusal names the event (device_seq) and the field, in French and
/// English; a refused batch stores nothing.

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "minegate/v1/events.pb.h"
#include "minegate/v1/sync.pb.h"
#include "proto/credential/key_set.hpp"
#include "server/ingest/ingest_error.hpp"

namespace minegate::server {

inline constexpr std::size_t kMaxBatchEvents = 256;
inline constexpr std::size_t kMaxEventBytes = 64 * 1024;

/// Who sent the events, from authentication and enrolment.
struct DeviceContext {
  std::string device_id;
  std::uint32_t site_id = 0;
  /// The device's Ed25519 public key: the bracelets it issues are signed with it.
  std::array<std::uint8_t, 32> public_key{};
};

/// Opens a SealedBody: the plaintext, or nullopt when it does not open.
using OpenSealed = std::function<std::optional<std::string>(std::string_view recipient_key_id,
                                                            std::string_view ciphertext)>;

/// Why an event or batch was refused, with the words for the kiosk.
struct Refusal {
  boost::system::error_code code;
  std::uint64_t device_seq = 0;
  std::string detail_fr;
  std::string detail_en;
};

/// What the registry says of a miner's card holder's age: the youngest the declared birth allows
/// (as the protection pages count it), a card only from 18.
enum class HolderAge {
  kNotRegistered,  ///< No registration of the person has reached the server.
  kUnknown,        ///< Registered without a declared birth year.
  kMinor,
  kAdult,
};

/// What stage 2 asks of the registry. Implemented over the writer's connection
/// (server/sync/registry_view.hpp); an error means the database could not answer
/// (the batch is then refused as SERVER_BUSY, to be resent).
class RegistryView {
 public:
  virtual ~RegistryView() = default;
  /// The site of a gate; nullopt when there is no such gate.
  virtual IngestResult<std::optional<std::uint32_t>> GateSite(std::uint32_t gate_id) = 0;
  /// The role with which `user_id` may act as a kiosk agent at `site_id` for an event at
  /// `at_ms`; nullopt when it may not.
  virtual IngestResult<std::optional<v1::AgentRole>> KioskAgentRole(const std::string& user_id,
                                                                    std::uint32_t site_id,
                                                                    std::int64_t at_ms) = 0;
  /// Whether `campaign_id` is a census campaign of `site_id` (however long ago it closed).
  virtual IngestResult<bool> IsSiteCampaign(const std::string& campaign_id,
                                            std::uint32_t site_id) = 0;
  /// The trust list's entry for a key id (revocation included); nullopt when none.
  virtual IngestResult<std::optional<credential::TrustedKey>> TrustedKey(
      const credential::KeyId& key_id) = 0;
  /// The age of the person registered with this 16-byte token at `at_ms`.
  virtual IngestResult<HolderAge> CardHolderAge(const std::string& person_token,
                                                std::int64_t at_ms) = 0;
};

/// Stage 1. Validates a whole batch in place (sealed bodies are replaced by the
/// opened inner body). `now_ms` is the server's receipt time. nullopt when every
/// event is acceptable so far.
std::optional<Refusal> ValidateBatch(std::vector<v1::Event>& events, const DeviceContext& device,
                                     const OpenSealed& open_sealed, std::int64_t now_ms);

/// Stage 2, on opened events that passed stage 1. nullopt when every event is acceptable.
std::optional<Refusal> CheckAgainstRegistry(const std::vector<v1::Event>& events,
                                            const DeviceContext& device, RegistryView& registry,
                                            std::int64_t now_ms);

/// The name of an event's body kind ("gate_passed"), as stored in events.body_kind.
std::string BodyKind(const v1::Event& event);

}  // namespace minegate::server
