// The kiosk's enrolment record: which device it is, where, and which server
// (address, pinned certificate, sealing key) it reports to.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "db/connection.hpp"

namespace minegate::kiosk::store {

struct Identity {
  std::string device_id;
  std::uint32_t site_id = 0;
  std::uint32_t gate_id = 0;
  std::string server_host;
  std::uint16_t server_port = 0;
  std::string server_fingerprint;
  /// 32-byte X25519 public key and its 8-byte id, as raw bytes.
  std::string sealing_public_key;
  std::string sealing_key_id;
  std::int64_t enrolled_at_ms = 0;
};

class IdentityStore {
 public:
  explicit IdentityStore(db::Connection& connection) : connection_(connection) {}

  /// The identity, or nullopt before enrolment.
  db::Result<std::optional<Identity>> Load();
  /// Records the enrolment (replacing an earlier one).
  db::Result<void> Save(const Identity& identity);
  /// A Welcome named a (new) sealing key.
  db::Result<void> UpdateSealingKey(const std::string& public_key, const std::string& key_id);

 private:
  db::Connection& connection_;
};

}  // namespace minegate::kiosk::store
