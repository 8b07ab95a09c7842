#pragma once
/// Why an administration call was refused. Each refusal has its own code so that minegatectl and
/// the web console can tell the administrator exactly what to fix; storage failures keep the
/// minegate.db category they came with.

#include <boost/system/error_code.hpp>
#include <type_traits>

#include "base/result.hpp"

namespace minegate::server::admin {

/// Zero is success, so the first error is 1. snake_case like std::errc, as in db::Errc.
enum class Errc {
  // Sites and gates.
  bad_name = 1,        ///< A name is empty, too long or holds control characters.
  unknown_department,  ///< Not kedougou, saraya or salemata.
  site_exists,         ///< A site already has this name.
  unknown_site,
  gate_exists,  ///< The site already has a gate with this name.
  unknown_gate,
  gate_not_at_site,  ///< The gate belongs to another site.
  // Users.
  bad_user_id,  ///< Not 3 to 64 characters of [a-z0-9._-].
  unknown_role,
  user_exists,
  weak_password,      ///< Fewer than 10 characters.
  password_too_long,  ///< More than we are willing to hash (bounded work per attempt).
  bad_pin,            ///< Not 6 to 12 digits.
  pin_not_allowed,    ///< Only gate agents and EMAPE officials sign in at a kiosk with a PIN.
  unknown_user,
  user_disabled,
  user_already_disabled,
  last_administrator,  ///< Disabling them would leave nobody able to administer.
  wrong_password,
  wrong_pin,
  no_pin,  ///< The user has no PIN set.
  // Devices and enrolment.
  bad_description,
  bad_validity,            ///< Enrolment validity not between one minute and 30 days.
  bad_enrolment_code,      ///< The text is not a well-formed enrolment code.
  unknown_enrolment_code,  ///< No device waits for this code: wrong, or already used.
  enrolment_expired,
  key_already_enrolled,  ///< Another device holds this public key (or its key id).
  bad_key_length,        ///< An Ed25519 public key is 32 bytes.
  bad_public_key,        ///< 32 bytes, but not a usable Ed25519 point.
  unknown_device,
  device_already_revoked,
  bad_time,  ///< A time that cannot be right (zero or negative, or already past).
  // Alerts.
  bad_alert_id,
  bad_alert_text,
  alert_exists,
  unknown_alert,
  alert_already_withdrawn,
  // Server keys.
  crypto_unavailable,      ///< libsodium failed to initialise.
  key_file_io,             ///< A key file or its directory could not be read or written.
  key_file_corrupt,        ///< A key file does not hold what it should.
  key_file_insecure,       ///< The secret key file is readable by others than its owner.
  key_files_inconsistent,  ///< A public key without its secret key, or not matching it.
  sealed_box_too_large,
  sealed_box_invalid,  ///< Too short, not sealed to our key, or altered.
  // Staff cards (appended: existing values keep their numbers).
  bad_card_uid,  ///< A staff card UID is 4, 7 or 10 bytes.
  card_in_use,   ///< Another user holds this staff card.
  // Census campaigns.
  bad_campaign_id,      ///< Not 3 to 64 characters of [a-z0-9-].
  bad_campaign_name,    ///< French and English names, each 1 to 120 characters.
  bad_campaign_period,  ///< Opening not before closing, or a time out of range.
  campaign_exists,      ///< Campaign ids are never reused.
  unknown_campaign,
  campaign_already_closed,
  // Kiosk credentials after a stolen kiosk.
  trivial_pin,       ///< Repeated or consecutive digits, or a year: guessed first.
  pin_compromised,   ///< The same PIN as the one a revoked kiosk held.
  card_compromised,  ///< The staff card a revoked kiosk held: issue a new card.
  site_not_allowed,  ///< Only gate agents and EMAPE officials are assigned to sites.
  site_already_assigned,
  site_not_assigned,
  // Bracelets.
  bad_tag_uid,            ///< A tag UID is 4, 7 or 10 bytes.
  bad_revocation_reason,  ///< lost, damaged, suspected_clone or left_region.
  bad_note,               ///< At most 200 characters, no control characters.
  unknown_bracelet,       ///< The server has received no issue of this bracelet.
  bracelet_already_revoked,
  // Officials' passwords (issue 11).
  password_unchanged,  ///< The new password is the old one.
  // Site locations (issue 12).
  bad_coordinates,  ///< Latitude not in -90..90 or longitude not in -180..180 (or not a number).
  // Census campaigns opened through the API (issue 13).
  campaign_already_open,  ///< Its opening time has passed: it runs already.
  // Miners' cards (issue 13): the EMAPE series and revocations.
  bad_card_number,             ///< Not 1..16 characters of [0-9A-Z/-].
  bad_card_revocation_reason,  ///< Required: 1..200 characters, no control characters.
  unknown_card,                ///< No card reserved or linked under this number.
  card_not_linked,             ///< Reserved, but no MinerCardLinked has reached the server.
  card_already_revoked,
  card_series_full,  ///< The site's next number would not fit 16 characters.
};

/// The category of every minegate::server::admin error: "minegate.server.admin", messages
/// "français / English" because they reach administrators directly.
const boost::system::error_category& AdminCategory() noexcept;

/// Found by argument-dependent lookup, so `boost::system::error_code ec = Errc::site_exists;`.
boost::system::error_code make_error_code(Errc e) noexcept;

using base::Result;
using base::Success;

}  // namespace minegate::server::admin

namespace boost::system {
template <>
struct is_error_code_enum<minegate::server::admin::Errc> : std::true_type {};
}  // namespace boost::system
