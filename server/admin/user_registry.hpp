#pragma once
/// The people who sign in: their role, Argon2id password hash, and for gate agents and EMAPE
/// officials a PIN and an optional staff card for the kiosk. Secrets are never stored or returned
/// in clear; a disabled user stays on record (the audit trail names them) but can no longer sign
/// in. Threading: uses its connection, so it belongs to that connection's thread. The calls that
/// hash or verify a password (AddUser, SetPassword, ChangeOwnPassword, ForcePasswordReset,
/// VerifyPassword, VerifyPin, SetPin) take about a tenth of a second of CPU and 64 MiB: the
/// server runs them on worker threads, never on an I/O thread.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/clock.hpp"
#include "db/connection.hpp"
#include "server/admin/error.hpp"
#include "server/admin/pin_policy.hpp"
#include "server/admin/role.hpp"

namespace minegate::server::admin {

inline constexpr std::size_t kMinPasswordChars = 10;
inline constexpr std::size_t kMaxPasswordBytes = 1024;
inline constexpr std::size_t kMaxDisplayNameChars = 128;

struct UserInfo {
  std::string user_id;
  std::string display_name;
  Role role = Role::kAuditor;
  bool has_password = false;
  bool has_pin = false;
  /// The staff card's UID (4, 7 or 10 bytes); empty when none.
  std::vector<std::uint8_t> staff_card_uid;
  std::optional<std::int64_t> disabled_at_ms;
  std::int64_t created_at_ms = 0;
  /// Sites whose kiosks may receive this agent (gate agents and EMAPE officials).
  std::vector<std::int64_t> site_ids;
  /// Set when a kiosk that held the PIN hash (or the card UID) was revoked: the
  /// PIN or card is not sent to kiosks until a new one is set.
  std::optional<std::int64_t> pin_compromised_at_ms;
  std::optional<std::int64_t> card_compromised_at_ms;
  std::string compromised_by_device;
  /// Set by an administrator's ForcePasswordReset, cleared by ChangeOwnPassword: the user may
  /// sign in on the web but only to choose a new password.
  bool must_change_password = false;
};

/// Errc::bad_user_id unless 3..64 characters of [a-z0-9._-].
Result<void> CheckUserId(std::string_view user_id);
/// Errc::weak_password under 10 characters, Errc::password_too_long over 1024 bytes.
Result<void> CheckPassword(std::string_view password);
/// Errc::bad_card_uid unless 4, 7 or 10 bytes (the UID sizes of ISO 14443-A cards).
Result<void> CheckCardUid(std::span<const std::uint8_t> uid);
/// True for the roles that sign in at a kiosk with a PIN: gate agents, EMAPE officials
/// (census, miners' cards) and border police (police mode: histories read online). Their active
/// accounts with a PIN form the agent roster kiosks hold.
bool HasKioskPin(Role role);

class UserRegistry {
 public:
  explicit UserRegistry(db::Connection& connection, base::Clock clock = base::NowMs)
      : connection_(connection), clock_(std::move(clock)) {}

  /// Creates a user. Only gate agents and EMAPE officials may have a PIN
  /// (Errc::pin_not_allowed). Errors: Errc::bad_user_id, bad_name, weak_password,
  /// password_too_long, bad_pin, bad_card_uid, card_in_use, user_exists. A user created with a
  /// PIN or a card bumps the 'agent_roster' version. The hashing (about 0.1 s each) happens
  /// before the write lock is taken.
  Result<void> AddUser(std::string_view user_id, std::string_view display_name, Role role,
                       std::string_view password, std::optional<std::string_view> pin = {},
                       std::span<const std::uint8_t> staff_card_uid = {},
                       std::span<const std::int64_t> site_ids = {});
  /// Lets the agent's PIN and card travel to the kiosks of a site (Errc::unknown_user,
  /// unknown_site, site_not_allowed, site_already_assigned); bumps 'agent_roster'.
  Result<void> AssignSite(std::string_view user_id, std::int64_t site_id);
  /// The reverse (Errc::unknown_user, site_not_assigned); bumps 'agent_roster'.
  Result<void> UnassignSite(std::string_view user_id, std::int64_t site_id);
  /// Replaces the password (Errc::unknown_user, weak_password, password_too_long) and ends the
  /// user's web sessions (a session must not outlive the password it was opened with). Leaves
  /// must_change_password as it was.
  Result<void> SetPassword(std::string_view user_id, std::string_view password);
  /// The user's own change: `old_password` must be theirs (Errc::unknown_user, user_disabled,
  /// wrong_password), `new_password` must pass CheckPassword and differ from it
  /// (Errc::password_unchanged). Clears must_change_password and ends every web session of the
  /// user, the one they changed it from included (server/auth opens them a new one: a session
  /// id never outlives the password it was opened with). API tokens stay. If the password was
  /// replaced by someone else between the check and the write, Errc::wrong_password.
  Result<void> ChangeOwnPassword(std::string_view user_id, std::string_view old_password,
                                 std::string_view new_password);
  /// An administrator's reset: sets `temporary_password` (passed on to the user out of band)
  /// and must_change_password, ends the user's web sessions and revokes their API tokens (the
  /// account may be in someone else's hands). Errc::unknown_user, user_disabled, weak_password,
  /// password_too_long.
  Result<void> ForcePasswordReset(std::string_view user_id, std::string_view temporary_password);
  /// Sets or replaces a gate agent's or EMAPE official's PIN (Errc::unknown_user,
  /// pin_not_allowed, bad_pin, trivial_pin, and pin_compromised for the PIN a revoked kiosk
  /// held); clears a compromise mark; bumps 'agent_roster'.
  Result<void> SetPin(std::string_view user_id, std::string_view pin);
  /// Gives the user a staff card (`uid`), or takes theirs away (empty `uid`). A card belongs
  /// to one user at most: Errc::card_in_use names the refusal when another user holds it.
  /// Errc::unknown_user, bad_card_uid, card_compromised (the card a revoked kiosk knew).
  /// Clears a compromise mark. Bumps 'agent_roster' for the roles in the roster.
  Result<void> SetStaffCard(std::string_view user_id, std::span<const std::uint8_t> uid);
  /// Stops the user from signing in from now on. Errc::unknown_user, user_already_disabled, and
  /// Errc::last_administrator for the only active administrator (nobody could manage accounts).
  /// Bumps 'agent_roster' for the roles in the roster: kiosks drop the agent at their next sync.
  /// Ends the user's web sessions and revokes their API tokens in the same transaction.
  Result<void> DisableUser(std::string_view user_id);

  /// The user, when `password` is theirs and they are active. Errc::unknown_user,
  /// user_disabled, wrong_password. A sign-in screen must answer these alike, and the time taken
  /// is the same, so that nobody learns which user ids exist.
  Result<UserInfo> VerifyPassword(std::string_view user_id, std::string_view password);
  /// As VerifyPassword, for a kiosk PIN (also Errc::no_pin, wrong_pin).
  /// A PIN has at most 10^8 values: its Argon2id hash slows an offline guess from a stolen
  /// database but cannot stop it. What protects a PIN is a limit on attempts where it is typed,
  /// which the sign-in code calling this must enforce.
  Result<UserInfo> VerifyPin(std::string_view user_id, std::string_view pin);

  /// Errc::unknown_user when there is none.
  Result<UserInfo> FindUser(std::string_view user_id);
  /// Every user, by id.
  Result<std::vector<UserInfo>> ListUsers();

 private:
  enum class Secret { kPassword, kPin };

  /// Stores the hash of an existing user's password or PIN, in its own transaction.
  Result<void> SetHash(std::string_view user_id, Secret secret, const std::string& hash);
  /// Checks `attempt` against the user's stored password or PIN hash.
  Result<UserInfo> Verify(std::string_view user_id, Secret secret, std::string_view attempt);

  db::Connection& connection_;
  base::Clock clock_;
};

}  // namespace minegate::server::admin
