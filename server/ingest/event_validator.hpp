#pragma once
/// Checks events from an authenticated device before anything is stored:
/// required fields, sizes and ranges, the device and site they claim, sealed
/// bodies opened and bound to their envelope, and batch order.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "minegate/v1/events.pb.h"
#include "server/ingest/ingest_error.hpp"

namespace minegate::server {

inline constexpr std::size_t kMaxBatchEvents = 256;
inline constexpr std::size_t kMaxEventBytes = 64 * 1024;

/// Who sent the events, from authentication and enrolment.
struct DeviceContext {
  std::string device_id;
  std::uint32_t site_id = 0;
  /// Every census campaign of the site (census_campaigns): a CensusObserved event must name
  /// one of them. Needed only for batches that may hold census events.
  std::vector<std::string> census_campaign_ids;
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

/// Validates a whole batch in place (sealed bodies are replaced by the opened
/// inner body). nullopt when every event is acceptable.
std::optional<Refusal> ValidateBatch(std::vector<v1::Event>& events, const DeviceContext& device,
                                     const OpenSealed& open_sealed);

/// The name of an event's body kind ("gate_passed"), as stored in events.body_kind.
std::string BodyKind(const v1::Event& event);

}  // namespace minegate::server
