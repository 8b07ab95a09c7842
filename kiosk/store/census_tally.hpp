// Who was observed in which census campaign on this kiosk, so the counter
// shows people (not taps) and a second tap of the same person is not counted
// twice. Keyed by TokenKey(person token), never by the token (token_key.hpp).
#pragma once

#include <cstdint>
#include <string>

#include "db/connection.hpp"

namespace minegate::kiosk::store {

class CensusTally {
 public:
  explicit CensusTally(db::Connection& connection) : connection_(connection) {}

  /// True when newly observed, false when already counted in this campaign.
  db::Result<bool> Observe(const std::string& campaign_id, const std::string& person_token,
                           std::int64_t now_ms);
  db::Result<std::uint64_t> Count(const std::string& campaign_id);

 private:
  db::Connection& connection_;
};

}  // namespace minegate::kiosk::store
