#pragma once
/// Kiosks and their keys. An administrator creates a device at a site (and gate) and receives a
/// one-time enrolment code; the kiosk presents the code with its Ed25519 public key, and from
/// then on that key authenticates the kiosk and signs its bracelets. Revoking a device refuses
/// its key from a given time. Every change to a device's key or revocation bumps the
/// 'trust_list' version so kiosks receive it (see TrustListSince).
/// Threading: uses its connection, so it belongs to that connection's thread.

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/clock.hpp"
#include "db/connection.hpp"
#include "proto/credential/signing_key.hpp"
#include "server/admin/error.hpp"

namespace minegate::server::admin {

inline constexpr std::chrono::milliseconds kDefaultEnrolmentValidity = std::chrono::hours(72);
inline constexpr std::chrono::milliseconds kMinEnrolmentValidity = std::chrono::minutes(1);
inline constexpr std::chrono::milliseconds kMaxEnrolmentValidity = std::chrono::hours(24 * 30);
inline constexpr std::size_t kMaxDeviceDescriptionChars = 256;

struct DeviceInfo {
  std::string device_id;
  std::int64_t site_id = 0;
  std::optional<std::int64_t> gate_id;
  std::string description;
  /// Set once the kiosk has enrolled.
  std::optional<credential::PublicKey> public_key;
  std::optional<credential::KeyId> key_id;
  std::optional<std::int64_t> enrolled_at_ms;
  /// Credentials this key signed at or after this time are refused.
  std::optional<std::int64_t> revoked_at_ms;
  /// While an unused code waits: when it stops being valid.
  std::optional<std::int64_t> enrolment_expires_at_ms;
  std::int64_t created_at_ms = 0;
  /// The trust-list version at which this device last changed.
  std::int64_t trust_version = 0;

  bool enrolled() const { return public_key.has_value(); }
  bool revoked() const { return revoked_at_ms.has_value(); }
};

/// What the administrator hands to the technician. The code is shown once and never stored.
struct DeviceEnrolment {
  std::string device_id;
  std::string code;
  std::int64_t expires_at_ms = 0;
};

/// Where a kiosk that just enrolled belongs, for the server to answer it.
struct EnrolledDevice {
  std::string device_id;
  std::int64_t site_id = 0;
  std::optional<std::int64_t> gate_id;
  credential::KeyId key_id{};
  std::int64_t trust_version = 0;
};

/// What a revocation did, for the administrator who revoked.
struct DeviceRevocation {
  std::int64_t trust_version = 0;
  /// Bracelets of this device that stay valid (received before the revocation).
  std::size_t bracelets_kept = 0;
  /// The last event the server holds from the device: bracelets issued after it (still in the
  /// kiosk's outbox when it was stolen) are refused everywhere and must be re-issued.
  std::int64_t highest_seq_received = 0;
  std::optional<std::int64_t> last_event_received_at_ms;
  /// Agents whose PIN or staff card the kiosk held: they need a new one.
  std::vector<std::string> compromised_agents;
};

class DeviceRegistry {
 public:
  explicit DeviceRegistry(db::Connection& connection, base::Clock clock = base::NowMs)
      : connection_(connection), clock_(std::move(clock)) {}

  /// Creates a device at `site_id` (and `gate_id`, which must belong to it) awaiting enrolment.
  /// Its id is the department's prefix and a counter ("kdg-0001", "sry-0042"). Errors:
  /// Errc::unknown_site, unknown_gate, gate_not_at_site, bad_description, bad_validity.
  Result<DeviceEnrolment> CreateDeviceEnrolment(
      std::int64_t site_id, std::optional<std::int64_t> gate_id, std::string_view description,
      std::chrono::milliseconds validity = kDefaultEnrolmentValidity);

  /// What the server calls when a kiosk presents its code and public key: stores the key, spends
  /// the code and publishes the key in the trust list, all in one transaction. Errors:
  /// Errc::bad_enrolment_code, unknown_enrolment_code (wrong, used, or its device revoked),
  /// enrolment_expired, bad_key_length, bad_public_key, key_already_enrolled.
  Result<EnrolledDevice> CompleteEnrolment(std::string_view code,
                                           std::span<const std::uint8_t> public_key);

  /// Revokes the device's key as of `at_ms` (ms since the epoch, > 0, by the server's clock),
  /// all in one transaction: the bracelets the server had received from the device up to then
  /// are frozen and stay valid (so a stolen kiosk's genuine bracelets need not be re-issued);
  /// any other credential its key signed is refused, whatever date it carries. The PINs and
  /// staff cards of its site's agents are marked compromised, and an unused enrolment code dies.
  /// A revocation may later be moved earlier (the frozen set shrinks), never later
  /// (Errc::device_already_revoked). Errc::unknown_device, bad_time.
  Result<DeviceRevocation> RevokeDevice(std::string_view device_id, std::int64_t at_ms);

  /// Errc::unknown_device when there is none.
  Result<DeviceInfo> FindDevice(std::string_view device_id);
  /// The device whose key has this id (Errc::unknown_device when none): how a credential's
  /// signer is found.
  Result<DeviceInfo> FindDeviceByKeyId(const credential::KeyId& key_id);
  /// Every device, by id.
  Result<std::vector<DeviceInfo>> ListDevices();

 private:
  /// The next free id for a site's department, inside the caller's write transaction.
  Result<std::string> NextDeviceId(std::int64_t site_id);

  db::Connection& connection_;
  base::Clock clock_;
};

}  // namespace minegate::server::admin
