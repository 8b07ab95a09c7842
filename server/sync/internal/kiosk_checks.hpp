#pragma once
/// What the server checks before it answers a person-level request a kiosk sends on its sync
/// link (police histories, miners' card holders): the user the device vouches for, and the
/// bracelet as the kiosk read it. Threading: the caller's connection, on its thread.

#include <string>
#include <string_view>

#include "db/connection.hpp"

namespace minegate::server::internal {

/// An active user of `role` (PIN not compromised) assigned to the site of this enrolled,
/// unrevoked device.
db::Result<bool> UserMayActAtDevice(db::Connection& connection, std::string_view device_id,
                                    const std::string& user_id, std::string_view role);

/// The bracelet exactly as the server holds it: the UID, the credential its kiosk wrote and the
/// person it names. A token alone opens nothing.
db::Result<bool> KnownBracelet(db::Connection& connection, const std::string& tag_uid,
                               const std::string& credential, const std::string& person_token);

/// A UID of 4, 7 or 10 bytes and a 16-byte token, a credential of 1..512 bytes.
bool BraceletFieldsWellFormed(const std::string& tag_uid, const std::string& credential,
                              const std::string& person_token);

}  // namespace minegate::server::internal
