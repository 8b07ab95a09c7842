#include "server/admin/trust_list.hpp"

#include "db/query.hpp"
#include "db/statement.hpp"
#include "db/transaction.hpp"
#include "server/admin/internal/list_versions.hpp"

namespace minegate::server::admin {

Result<v1::TrustListUpdate> TrustListSince(db::Connection& connection, std::uint64_t version) {
  auto transaction = db::Transaction::Begin(connection, db::Transaction::Mode::kDeferred);
  if (!transaction) return transaction.error();
  auto current = internal::CurrentListVersion(connection, internal::kTrustList);
  if (!current) return current.error();
  const auto current_version = static_cast<std::uint64_t>(current.value());
  const bool full = version == 0 || version > current_version;
  const std::int64_t since = full ? 0 : static_cast<std::int64_t>(version);

  auto query = db::Query(connection,
                         "SELECT key_id, public_key, device_id, revoked_at_ms FROM devices "
                         "WHERE public_key IS NOT NULL AND trust_version > ?1 "
                         "ORDER BY trust_version, device_id",
                         since);
  if (!query) return query.error();
  v1::TrustListUpdate update;
  update.set_version(current_version);
  update.set_full(full);
  auto read = db::ForEachRow(query.value(), [&update](const db::Statement& device) {
    v1::DeviceKey* key = update.add_keys();
    const std::vector<std::uint8_t> key_id = device.ColumnBlob(0);
    const std::vector<std::uint8_t> public_key = device.ColumnBlob(1);
    key->set_key_id(std::string(key_id.begin(), key_id.end()));
    key->set_public_key(std::string(public_key.begin(), public_key.end()));
    key->set_device_id(device.ColumnText(2));
    key->set_revoked_at_ms(device.ColumnIsNull(3) ? 0 : device.ColumnInt64(3));
  });
  if (!read) return read.error();
  // A revoked key travels with the bracelets frozen at its revocation: the
  // only credentials of that key a kiosk may still accept.
  auto frozen = connection.Prepare(
      "SELECT digest FROM revoked_device_bracelets WHERE device_id = ?1 ORDER BY digest");
  if (!frozen) return frozen.error();
  for (v1::DeviceKey& key : *update.mutable_keys()) {
    if (key.revoked_at_ms() == 0) continue;
    if (auto bound = db::BindAll(frozen.value(), key.device_id()); !bound) return bound.error();
    auto digests = db::ForEachRow(frozen.value(), [&key](const db::Statement& row) {
      const std::vector<std::uint8_t> digest = row.ColumnBlob(0);
      key.add_bracelets_before_revocation(std::string(digest.begin(), digest.end()));
    });
    if (!digests) return digests.error();
  }
  return update;
}

}  // namespace minegate::server::admin
