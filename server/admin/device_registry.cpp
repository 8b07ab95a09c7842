#include "server/admin/device_registry.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstdio>

#include "db/query.hpp"
#include "db/statement.hpp"
#include "db/transaction.hpp"
#include "server/admin/department.hpp"
#include "server/admin/enrolment_code.hpp"
#include "server/admin/internal/list_versions.hpp"
#include "server/admin/internal/revocation.hpp"
#include "server/admin/internal/sodium.hpp"
#include "server/admin/internal/text_checks.hpp"

namespace minegate::server::admin {
namespace {

using db::Execute;
using db::Exists;
using db::QueryFirst;

constexpr std::string_view kSelectDevice =
    "SELECT device_id, site_id, gate_id, description, public_key, key_id, enrolled_at_ms, "
    "revoked_at_ms, enrolment_expires_at_ms, created_at_ms, trust_version FROM devices";

std::optional<std::int64_t> OptionalInt(const db::Statement& row, int column) {
  if (row.ColumnIsNull(column)) return std::nullopt;
  return row.ColumnInt64(column);
}

/// A fixed-size blob column, or nullopt when NULL or of another size.
template <std::size_t N>
std::optional<std::array<std::uint8_t, N>> FixedBlob(const db::Statement& row, int column) {
  if (row.ColumnIsNull(column)) return std::nullopt;
  const std::vector<std::uint8_t> bytes = row.ColumnBlob(column);
  if (bytes.size() != N) return std::nullopt;
  std::array<std::uint8_t, N> fixed{};
  std::copy(bytes.begin(), bytes.end(), fixed.begin());
  return fixed;
}

DeviceInfo ReadDevice(const db::Statement& row) {
  DeviceInfo device;
  device.device_id = row.ColumnText(0);
  device.site_id = row.ColumnInt64(1);
  device.gate_id = OptionalInt(row, 2);
  device.description = row.ColumnText(3);
  device.public_key = FixedBlob<credential::kPublicKeySize>(row, 4);
  device.key_id = FixedBlob<credential::kKeyIdSize>(row, 5);
  device.enrolled_at_ms = OptionalInt(row, 6);
  device.revoked_at_ms = OptionalInt(row, 7);
  device.enrolment_expires_at_ms = OptionalInt(row, 8);
  device.created_at_ms = row.ColumnInt64(9);
  device.trust_version = row.ColumnInt64(10);
  return device;
}

/// The device waiting for a code, as CompleteEnrolment needs it.
struct PendingDevice {
  std::string device_id;
  std::int64_t site_id = 0;
  std::optional<std::int64_t> gate_id;
  std::int64_t expires_at_ms = 0;
};

PendingDevice ReadPending(const db::Statement& row) {
  return {row.ColumnText(0), row.ColumnInt64(1), OptionalInt(row, 2), row.ColumnInt64(3)};
}

}  // namespace

Result<std::string> DeviceRegistry::NextDeviceId(std::int64_t site_id) {
  auto department = QueryFirst(
      connection_, "SELECT department FROM sites WHERE site_id = ?1",
      [](const db::Statement& row) { return row.ColumnText(0); }, site_id);
  if (!department) return department.error();
  if (!department.value()) return Errc::unknown_site;
  const std::optional<Department> parsed = ParseDepartment(*department.value());
  if (!parsed) return Errc::unknown_department;
  const std::string prefix = std::string(DevicePrefix(*parsed)) + "-";
  // Highest number used so far under this prefix. Devices are never deleted (events name them),
  // so max + 1 never reuses an id.
  auto highest = QueryFirst(
      connection_,
      "SELECT COALESCE(MAX(CAST(substr(device_id, ?2) AS INTEGER)), 0) FROM devices "
      "WHERE device_id GLOB ?1",
      [](const db::Statement& row) { return row.ColumnInt64(0); }, prefix + "[0-9]*",
      static_cast<std::int64_t>(prefix.size() + 1));
  if (!highest) return highest.error();
  char number[24];
  std::snprintf(number, sizeof(number), "%04lld",
                static_cast<long long>(highest.value().value_or(0) + 1));
  return prefix + number;
}

Result<DeviceEnrolment> DeviceRegistry::CreateDeviceEnrolment(std::int64_t site_id,
                                                              std::optional<std::int64_t> gate_id,
                                                              std::string_view description,
                                                              std::chrono::milliseconds validity) {
  if (!description.empty() && !internal::IsPrintableText(description, kMaxDeviceDescriptionChars)) {
    return Errc::bad_description;
  }
  if (validity < kMinEnrolmentValidity || validity > kMaxEnrolmentValidity) {
    return Errc::bad_validity;
  }
  auto code = EnrolmentCode::Generate();
  if (!code) return code.error();
  const EnrolmentCodeHash code_hash = code.value().Hash();

  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  auto device_id = NextDeviceId(site_id);
  if (!device_id) return device_id.error();
  if (gate_id) {
    auto gate_site = QueryFirst(
        connection_, "SELECT site_id FROM gates WHERE gate_id = ?1",
        [](const db::Statement& row) { return row.ColumnInt64(0); }, *gate_id);
    if (!gate_site) return gate_site.error();
    if (!gate_site.value()) return Errc::unknown_gate;
    if (*gate_site.value() != site_id) return Errc::gate_not_at_site;
  }
  const std::int64_t now = clock_();
  const std::int64_t expires_at_ms = now + validity.count();
  auto inserted = Execute(connection_,
                          "INSERT INTO devices (device_id, site_id, gate_id, description, "
                          "enrolment_code_hash, enrolment_expires_at_ms, created_at_ms) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                          device_id.value(), site_id, gate_id, description,
                          std::span<const std::uint8_t>(code_hash), expires_at_ms, now);
  if (!inserted) return inserted.error();
  auto committed = transaction.value().Commit();
  if (!committed) return committed.error();
  return DeviceEnrolment{std::move(device_id).value(), code.value().ToString(), expires_at_ms};
}

Result<EnrolledDevice> DeviceRegistry::CompleteEnrolment(std::string_view code_text,
                                                         std::span<const std::uint8_t> public_key) {
  auto code = EnrolmentCode::Parse(code_text);
  if (!code) return code.error();
  if (public_key.size() != credential::kPublicKeySize) return Errc::bad_key_length;
  if (!internal::SodiumReady()) return Errc::crypto_unavailable;
  // Refuses small-order and non-canonical points: a real Ed25519 key never is one, and such a
  // key would let anyone forge "signatures" that verify.
  if (crypto_core_ed25519_is_valid_point(public_key.data()) != 1) return Errc::bad_public_key;
  credential::PublicKey key{};
  std::copy(public_key.begin(), public_key.end(), key.begin());
  const credential::KeyId key_id = credential::KeyIdOf(key);
  const EnrolmentCodeHash code_hash = code.value().Hash();

  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  // Looked up by hash: the database compares hashes, so timing reveals nothing about the code.
  auto pending =
      QueryFirst(connection_,
                 "SELECT device_id, site_id, gate_id, enrolment_expires_at_ms FROM devices "
                 "WHERE enrolment_code_hash = ?1 AND public_key IS NULL AND revoked_at_ms IS NULL",
                 ReadPending, std::span<const std::uint8_t>(code_hash));
  if (!pending) return pending.error();
  if (!pending.value()) return Errc::unknown_enrolment_code;
  const PendingDevice& device = *pending.value();
  const std::int64_t now = clock_();
  if (now >= device.expires_at_ms) return Errc::enrolment_expired;
  auto taken = Exists(connection_, "SELECT 1 FROM devices WHERE public_key = ?1 OR key_id = ?2",
                      std::span<const std::uint8_t>(key), std::span<const std::uint8_t>(key_id));
  if (!taken) return taken.error();
  if (taken.value()) return Errc::key_already_enrolled;
  auto version = internal::BumpListVersion(connection_, internal::kTrustList);
  if (!version) return version.error();
  auto updated = Execute(connection_,
                         "UPDATE devices SET public_key = ?2, key_id = ?3, enrolled_at_ms = ?4, "
                         "enrolment_code_hash = NULL, enrolment_expires_at_ms = NULL, "
                         "trust_version = ?5 WHERE device_id = ?1",
                         device.device_id, std::span<const std::uint8_t>(key),
                         std::span<const std::uint8_t>(key_id), now, version.value());
  if (!updated) return updated.error();
  auto committed = transaction.value().Commit();
  if (!committed) return committed.error();
  return EnrolledDevice{device.device_id, device.site_id, device.gate_id, key_id, version.value()};
}

Result<DeviceRevocation> DeviceRegistry::RevokeDevice(std::string_view device_id,
                                                      std::int64_t at_ms) {
  if (at_ms <= 0) return Errc::bad_time;
  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  auto device = QueryFirst(connection_, std::string(kSelectDevice) + " WHERE device_id = ?1",
                           ReadDevice, device_id);
  if (!device) return device.error();
  if (!device.value()) return Errc::unknown_device;
  const std::optional<std::int64_t>& revoked = device.value()->revoked_at_ms;
  if (revoked && *revoked <= at_ms) return Errc::device_already_revoked;
  DeviceRevocation revocation;
  auto version = internal::BumpListVersion(connection_, internal::kTrustList);
  if (!version) return version.error();
  revocation.trust_version = version.value();
  auto updated = Execute(connection_,
                         "UPDATE devices SET revoked_at_ms = ?2, trust_version = ?3, "
                         "enrolment_code_hash = NULL, enrolment_expires_at_ms = NULL "
                         "WHERE device_id = ?1",
                         device_id, at_ms, version.value());
  if (!updated) return updated.error();
  auto kept = internal::FreezeIssuedBracelets(connection_, device_id, at_ms);
  if (!kept) return kept.error();
  revocation.bracelets_kept = kept.value();
  auto synced = QueryFirst(
      connection_, "SELECT highest_seq, last_event_at_ms FROM device_sync WHERE device_id = ?1",
      [](const db::Statement& row) {
        return std::pair<std::int64_t, std::int64_t>(row.ColumnInt64(0), row.ColumnInt64(1));
      },
      device_id);
  if (!synced) return synced.error();
  if (synced.value()) {
    revocation.highest_seq_received = synced.value()->first;
    revocation.last_event_received_at_ms = synced.value()->second;
  }
  // A kiosk that never enrolled never received a roster.
  if (device.value()->enrolled()) {
    auto compromised =
        internal::MarkRosterCompromised(connection_, device_id, device.value()->site_id, at_ms);
    if (!compromised) return compromised.error();
    revocation.compromised_agents = std::move(compromised).value();
    if (!revocation.compromised_agents.empty()) {
      auto roster = internal::BumpListVersion(connection_, internal::kAgentRoster);
      if (!roster) return roster.error();
    }
  }
  auto committed = transaction.value().Commit();
  if (!committed) return committed.error();
  return revocation;
}

Result<DeviceInfo> DeviceRegistry::FindDevice(std::string_view device_id) {
  auto device = QueryFirst(connection_, std::string(kSelectDevice) + " WHERE device_id = ?1",
                           ReadDevice, device_id);
  if (!device) return device.error();
  if (!device.value()) return Errc::unknown_device;
  return *std::move(device).value();
}

Result<DeviceInfo> DeviceRegistry::FindDeviceByKeyId(const credential::KeyId& key_id) {
  auto device = QueryFirst(connection_, std::string(kSelectDevice) + " WHERE key_id = ?1",
                           ReadDevice, std::span<const std::uint8_t>(key_id));
  if (!device) return device.error();
  if (!device.value()) return Errc::unknown_device;
  return *std::move(device).value();
}

Result<std::vector<DeviceInfo>> DeviceRegistry::ListDevices() {
  return db::QueryAll(connection_, std::string(kSelectDevice) + " ORDER BY device_id", ReadDevice);
}

}  // namespace minegate::server::admin
