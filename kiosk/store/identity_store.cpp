#include "kiosk/store/identity_store.hpp"

#include "db/bind.hpp"
#include "db/query.hpp"
#include "db/statement.hpp"

namespace minegate::kiosk::store {

db::Result<std::optional<Identity>> IdentityStore::Load() {
  return db::QueryFirst(
      connection_,
      "SELECT device_id, site_id, gate_id, server_host, server_port, server_fingerprint, "
      "sealing_public_key, sealing_key_id, enrolled_at_ms FROM identity WHERE id = 1",
      [](const db::Statement& s) {
        Identity identity;
        identity.device_id = s.ColumnText(0);
        identity.site_id = static_cast<std::uint32_t>(s.ColumnInt64(1));
        identity.gate_id = static_cast<std::uint32_t>(s.ColumnInt64(2));
        identity.server_host = s.ColumnText(3);
        identity.server_port = static_cast<std::uint16_t>(s.ColumnInt64(4));
        identity.server_fingerprint = s.ColumnText(5);
        const auto key = s.ColumnBlob(6);
        const auto key_id = s.ColumnBlob(7);
        identity.sealing_public_key.assign(key.begin(), key.end());
        identity.sealing_key_id.assign(key_id.begin(), key_id.end());
        identity.enrolled_at_ms = s.ColumnInt64(8);
        return identity;
      });
}

db::Result<void> IdentityStore::Save(const Identity& identity) {
  auto statement = connection_.Prepare(
      "INSERT OR REPLACE INTO identity (id, device_id, site_id, gate_id, server_host, "
      "server_port, server_fingerprint, sealing_public_key, sealing_key_id, enrolled_at_ms) "
      "VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!statement) return statement.error();
  auto bound = db::BindAll(statement.value(), identity.device_id, identity.site_id,
                           identity.gate_id, identity.server_host, identity.server_port,
                           identity.server_fingerprint, db::Blob(identity.sealing_public_key),
                           db::Blob(identity.sealing_key_id), identity.enrolled_at_ms);
  if (!bound) return bound.error();
  return statement.value().Run();
}

db::Result<void> IdentityStore::UpdateSealingKey(const std::string& public_key,
                                                 const std::string& key_id) {
  auto statement = connection_.Prepare(
      "UPDATE identity SET sealing_public_key = ?, sealing_key_id = ? WHERE id = 1");
  if (!statement) return statement.error();
  auto bound = db::BindAll(statement.value(), db::Blob(public_key), db::Blob(key_id));
  if (!bound) return bound.error();
  return statement.value().Run();
}

}  // namespace minegate::kiosk::store
