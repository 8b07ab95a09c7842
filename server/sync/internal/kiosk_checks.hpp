#pragma once
/// What the server checks before it answers a person-level request a kiosk sends on its sync
/// link (police histories, miners' card holders): the user the device vouches for, and the
/// bracelet as the kiosk read it; and the audit entry both requests start from. Threading: the
/// caller's connection, on its thread.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "db/connection.hpp"
#include "server/audit/audit_entry.hpp"

namespace minegate::server::internal {

/// The longest user id a kiosk may name (an officer, an official).
inline constexpr std::size_t kMaxKioskUserIdBytes = 64;

/// A user id of 1..kMaxKioskUserIdBytes bytes.
bool KioskUserIdWellFormed(const std::string& user_id);

/// The entry a request starts from, before its outcome: the user (`role`) through the device
/// that vouches for them (`device:` target), the tapped UID as the query. An id that is not
/// well formed is put on record as "?": an entry for a nameless actor says nothing.
audit::AuditEntry KioskEntry(std::string_view device_id, const std::string& user_id,
                             std::string_view role, std::string_view action,
                             const std::string& tag_uid, std::int64_t now_ms);

/// What the checks of a well-formed request found.
enum class KioskCheck {
  kUserRefused,      ///< UserMayActAtDevice said no.
  kUnknownBracelet,  ///< KnownBracelet said no.
  kPassed,
};

/// UserMayActAtDevice, then KnownBracelet.
db::Result<KioskCheck> CheckKioskRequest(db::Connection& connection, std::string_view device_id,
                                         const std::string& user_id, std::string_view role,
                                         const std::string& tag_uid, const std::string& credential,
                                         const std::string& person_token);

/// An active user of `role` (PIN not compromised) assigned to the site of this enrolled,
/// unrevoked device.
db::Result<bool> UserMayActAtDevice(db::Connection& connection, std::string_view device_id,
                                    const std::string& user_id, std::string_view role);

/// The bracelet exactly as the server holds it: the UID, the credential its kiosk wrote and the
/// person it names. A token alone opens nothing.
db::Result<bool> KnownBracelet(db::Connection& connection, const std::string& tag_uid,
                               const std::string& credential, const std::string& person_token);

/// A UID of 4, 7 or 10 bytes (credential::IsValidUid), a 16-byte token and a credential of
/// 1..256 bytes (rules::kTokenBytes, kMaxCredentialBytes: what ingest accepts, so no longer one
/// can match a stored bracelet).
bool BraceletFieldsWellFormed(const std::string& tag_uid, const std::string& credential,
                              const std::string& person_token);

}  // namespace minegate::server::internal
