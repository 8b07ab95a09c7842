#include "server/admin/trust_list.hpp"

#include "db/statement.hpp"
#include "db/transaction.hpp"
#include "server/admin/internal/list_versions.hpp"
#include "server/admin/internal/sql.hpp"

namespace minegate::server::admin {

Result<v1::TrustListUpdate> TrustListSince(db::Connection& connection, std::uint64_t version) {
  auto transaction = db::Transaction::Begin(connection, db::Transaction::Mode::kDeferred);
  if (!transaction) return transaction.error();
  auto current = internal::CurrentListVersion(connection, internal::kTrustList);
  if (!current) return current.error();
  const auto current_version = static_cast<std::uint64_t>(current.value());
  const bool full = version == 0 || version > current_version;
  const std::int64_t since = full ? 0 : static_cast<std::int64_t>(version);

  auto query = internal::Query(connection,
                               "SELECT key_id, public_key, device_id, revoked_at_ms FROM devices "
                               "WHERE public_key IS NOT NULL AND trust_version > ?1 "
                               "ORDER BY trust_version, device_id",
                               since);
  if (!query) return query.error();
  v1::TrustListUpdate update;
  update.set_version(current_version);
  update.set_full(full);
  for (;;) {
    auto row = query.value().Step();
    if (!row) return row.error();
    if (!row.value()) break;
    const db::Statement& device = query.value();
    v1::DeviceKey* key = update.add_keys();
    const std::vector<std::uint8_t> key_id = device.ColumnBlob(0);
    const std::vector<std::uint8_t> public_key = device.ColumnBlob(1);
    key->set_key_id(std::string(key_id.begin(), key_id.end()));
    key->set_public_key(std::string(public_key.begin(), public_key.end()));
    key->set_device_id(device.ColumnText(2));
    key->set_revoked_at_ms(device.ColumnIsNull(3) ? 0 : device.ColumnInt64(3));
  }
  // A revoked key travels with the bracelets frozen at its revocation: the
  // only credentials of that key a kiosk may still accept.
  auto frozen = internal::Query(connection,
                                "SELECT digest FROM revoked_device_bracelets "
                                "WHERE device_id = ?1 ORDER BY digest");
  if (!frozen) return frozen.error();
  for (v1::DeviceKey& key : *update.mutable_keys()) {
    if (key.revoked_at_ms() == 0) continue;
    frozen.value().Reset();
    if (auto bound = internal::BindValue(frozen.value(), 1, key.device_id()); !bound) {
      return bound.error();
    }
    for (;;) {
      auto row = frozen.value().Step();
      if (!row) return row.error();
      if (!row.value()) break;
      const std::vector<std::uint8_t> digest = frozen.value().ColumnBlob(0);
      key.add_bracelets_before_revocation(std::string(digest.begin(), digest.end()));
    }
  }
  return update;
}

}  // namespace minegate::server::admin
