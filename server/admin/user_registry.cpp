#include "server/admin/user_registry.hpp"

#include <algorithm>
#include <charconv>

#include "db/query.hpp"
#include "db/statement.hpp"
#include "db/transaction.hpp"
#include "server/admin/internal/kiosk_roles.hpp"
#include "server/admin/internal/list_versions.hpp"
#include "server/admin/internal/password_hash.hpp"
#include "server/admin/internal/text_checks.hpp"
#include "server/admin/sign_in_records.hpp"

namespace minegate::server::admin {
namespace {

using db::Execute;
using db::Exists;
using db::QueryFirst;

constexpr std::size_t kMinUserIdChars = 3;
constexpr std::size_t kMaxUserIdChars = 64;

constexpr std::string_view kSelectUser =
    "SELECT user_id, display_name, role, password_hash IS NOT NULL, pin_hash IS NOT NULL, "
    "disabled_at_ms, created_at_ms, password_hash, pin_hash, staff_card_uid, "
    "pin_compromised_at_ms, card_compromised_at_ms, compromised_by_device, "
    "(SELECT group_concat(site_id) FROM (SELECT site_id FROM user_sites s "
    "  WHERE s.user_id = users.user_id AND s.unassigned_at_ms IS NULL ORDER BY site_id)), "
    "must_change_password "
    "FROM users";

std::vector<std::int64_t> ParseSiteList(const std::string& text) {
  std::vector<std::int64_t> sites;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    std::int64_t site = 0;
    std::from_chars(text.data() + start, text.data() + comma, site);
    sites.push_back(site);
    start = comma + 1;
  }
  return sites;
}

/// A row of kSelectUser, with both stored hashes (columns 7 and 8) for verification.
struct StoredUser {
  UserInfo info;
  std::optional<std::string> password_hash;
  std::optional<std::string> pin_hash;
};

StoredUser ReadUser(const db::Statement& row) {
  StoredUser user;
  user.info.user_id = row.ColumnText(0);
  user.info.display_name = row.ColumnText(1);
  // The schema's CHECK admits only known roles.
  user.info.role = ParseRole(row.ColumnText(2)).value_or(Role::kAuditor);
  user.info.has_password = row.ColumnInt64(3) != 0;
  user.info.has_pin = row.ColumnInt64(4) != 0;
  if (!row.ColumnIsNull(5)) user.info.disabled_at_ms = row.ColumnInt64(5);
  user.info.created_at_ms = row.ColumnInt64(6);
  if (!row.ColumnIsNull(7)) user.password_hash = row.ColumnText(7);
  if (!row.ColumnIsNull(8)) user.pin_hash = row.ColumnText(8);
  if (!row.ColumnIsNull(9)) user.info.staff_card_uid = row.ColumnBlob(9);
  if (!row.ColumnIsNull(10)) user.info.pin_compromised_at_ms = row.ColumnInt64(10);
  if (!row.ColumnIsNull(11)) user.info.card_compromised_at_ms = row.ColumnInt64(11);
  if (!row.ColumnIsNull(12)) user.info.compromised_by_device = row.ColumnText(12);
  if (!row.ColumnIsNull(13)) user.info.site_ids = ParseSiteList(row.ColumnText(13));
  user.info.must_change_password = row.ColumnInt64(14) != 0;
  return user;
}

/// Refuses a card another user than `user_id` holds; call inside the write transaction.
Result<void> CheckCardFree(db::Connection& connection, std::string_view user_id,
                           std::span<const std::uint8_t> uid) {
  auto taken = Exists(connection, "SELECT 1 FROM users WHERE staff_card_uid = ?1 AND user_id <> ?2",
                      uid, user_id);
  if (!taken) return taken.error();
  if (taken.value()) return Errc::card_in_use;
  return Success();
}

/// Moves the roster version when a change concerns a role the roster holds.
Result<void> BumpRosterIf(db::Connection& connection, bool concerns_roster) {
  if (!concerns_roster) return Success();
  auto version = internal::BumpListVersion(connection, internal::kAgentRoster);
  if (!version) return version.error();
  return Success();
}

/// Assigns a site inside the caller's write transaction (Errc::unknown_site,
/// site_already_assigned).
Result<void> InsertSite(db::Connection& connection, std::string_view user_id, std::int64_t site_id,
                        std::int64_t now_ms) {
  auto site = Exists(connection, "SELECT 1 FROM sites WHERE site_id = ?1", site_id);
  if (!site) return site.error();
  if (!site.value()) return Errc::unknown_site;
  auto assigned = Exists(connection,
                         "SELECT 1 FROM user_sites WHERE user_id = ?1 AND site_id = ?2 "
                         "AND unassigned_at_ms IS NULL",
                         user_id, site_id);
  if (!assigned) return assigned.error();
  if (assigned.value()) return Errc::site_already_assigned;
  return Execute(connection,
                 "INSERT INTO user_sites (user_id, site_id, assigned_at_ms) VALUES (?1, ?2, ?3) "
                 "ON CONFLICT (user_id, site_id) DO UPDATE SET "
                 "assigned_at_ms = excluded.assigned_at_ms, unassigned_at_ms = NULL",
                 user_id, site_id, now_ms);
}

Result<std::optional<StoredUser>> LoadUser(db::Connection& connection, std::string_view user_id) {
  return QueryFirst(connection, std::string(kSelectUser) + " WHERE user_id = ?1", ReadUser,
                    user_id);
}

}  // namespace

Result<void> CheckUserId(std::string_view user_id) {
  if (!internal::IsIdentifier(user_id, kMinUserIdChars, kMaxUserIdChars)) {
    return Errc::bad_user_id;
  }
  return Success();
}

Result<void> CheckPassword(std::string_view password) {
  if (password.size() > kMaxPasswordBytes) return Errc::password_too_long;
  // Characters, not bytes: "é" is one character a person typed. Control characters are allowed
  // here (a password is never displayed), so count UTF-8 lead bytes directly.
  const auto characters = static_cast<std::size_t>(
      std::count_if(password.begin(), password.end(), [](char c) { return (c & 0xC0) != 0x80; }));
  if (characters < kMinPasswordChars) return Errc::weak_password;
  return Success();
}

Result<void> CheckCardUid(std::span<const std::uint8_t> uid) {
  if (uid.size() != 4 && uid.size() != 7 && uid.size() != 10) return Errc::bad_card_uid;
  return Success();
}

// Border police sign in at kiosks too (police mode: a person's history, online only); they record
// nothing there (admin::KioskAgentRole refuses any event naming them).
bool HasKioskPin(Role role) {
  return role == Role::kGateAgent || role == Role::kEmapeOfficial || role == Role::kBorderPolice;
}

Result<void> UserRegistry::AddUser(std::string_view user_id, std::string_view display_name,
                                   Role role, std::string_view password,
                                   std::optional<std::string_view> pin,
                                   std::span<const std::uint8_t> staff_card_uid,
                                   std::span<const std::int64_t> site_ids) {
  if (auto ok = CheckUserId(user_id); !ok) return ok.error();
  if (!site_ids.empty() && !HasKioskPin(role)) return Errc::site_not_allowed;
  if (!internal::IsPrintableText(display_name, kMaxDisplayNameChars)) return Errc::bad_name;
  if (auto ok = CheckPassword(password); !ok) return ok.error();
  if (pin) {
    if (!HasKioskPin(role)) return Errc::pin_not_allowed;
    if (auto ok = CheckPin(*pin); !ok) return ok.error();
  }
  if (!staff_card_uid.empty()) {
    if (auto ok = CheckCardUid(staff_card_uid); !ok) return ok.error();
  }
  // Hash before BEGIN: Argon2id takes a tenth of a second that the writer should not wait for.
  auto password_hash = internal::HashSecret(password);
  if (!password_hash) return password_hash.error();
  std::optional<std::string> pin_hash;
  if (pin) {
    auto hashed = internal::HashPin(*pin);
    if (!hashed) return hashed.error();
    pin_hash = std::move(hashed).value();
  }

  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  auto taken = Exists(connection_, "SELECT 1 FROM users WHERE user_id = ?1", user_id);
  if (!taken) return taken.error();
  if (taken.value()) return Errc::user_exists;
  if (!staff_card_uid.empty()) {
    if (auto free = CheckCardFree(connection_, user_id, staff_card_uid); !free) {
      return free.error();
    }
  }
  std::optional<std::string_view> pin_text;
  if (pin_hash) pin_text = *pin_hash;
  auto inserted =
      Execute(connection_,
              "INSERT INTO users (user_id, display_name, role, password_hash, "
              "pin_hash, created_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
              user_id, display_name, RoleName(role), password_hash.value(), pin_text, clock_());
  if (!inserted) return inserted.error();
  if (!staff_card_uid.empty()) {
    auto carded = Execute(connection_, "UPDATE users SET staff_card_uid = ?2 WHERE user_id = ?1",
                          user_id, staff_card_uid);
    if (!carded) return carded.error();
  }
  for (const std::int64_t site_id : site_ids) {
    if (auto assigned = InsertSite(connection_, user_id, site_id, clock_()); !assigned) {
      return assigned.error();
    }
  }
  // Only an account with a PIN enters the roster; its card travels with it.
  if (auto bumped = BumpRosterIf(connection_, HasKioskPin(role) && pin.has_value()); !bumped) {
    return bumped.error();
  }
  return transaction.value().Commit();
}

Result<void> UserRegistry::SetPassword(std::string_view user_id, std::string_view password) {
  if (auto ok = CheckPassword(password); !ok) return ok.error();
  auto user = FindUser(user_id);
  if (!user) return user.error();
  auto hash = internal::HashSecret(password);
  if (!hash) return hash.error();
  return SetHash(user_id, Secret::kPassword, hash.value());
}

Result<void> UserRegistry::SetPin(std::string_view user_id, std::string_view pin) {
  auto user = LoadUser(connection_, user_id);
  if (!user) return user.error();
  if (!user.value()) return Errc::unknown_user;
  const StoredUser& stored = *user.value();
  if (!HasKioskPin(stored.info.role)) return Errc::pin_not_allowed;
  if (auto ok = CheckPin(pin); !ok) return ok.error();
  // The thief of the kiosk that held the old hash may have guessed it.
  if (stored.info.pin_compromised_at_ms && stored.pin_hash &&
      internal::VerifySecret(*stored.pin_hash, pin)) {
    return Errc::pin_compromised;
  }
  auto hash = internal::HashPin(pin);
  if (!hash) return hash.error();
  return SetHash(user_id, Secret::kPin, hash.value());
}

Result<void> UserRegistry::AssignSite(std::string_view user_id, std::int64_t site_id) {
  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  auto user = LoadUser(connection_, user_id);
  if (!user) return user.error();
  if (!user.value()) return Errc::unknown_user;
  if (!HasKioskPin(user.value()->info.role)) return Errc::site_not_allowed;
  if (auto assigned = InsertSite(connection_, user_id, site_id, clock_()); !assigned) {
    return assigned.error();
  }
  if (auto bumped = BumpRosterIf(connection_, true); !bumped) return bumped.error();
  return transaction.value().Commit();
}

Result<void> UserRegistry::UnassignSite(std::string_view user_id, std::int64_t site_id) {
  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  auto user = LoadUser(connection_, user_id);
  if (!user) return user.error();
  if (!user.value()) return Errc::unknown_user;
  // Kept with its end: events recorded at the site before it stay the agent's.
  auto removed = Execute(connection_,
                         "UPDATE user_sites SET unassigned_at_ms = ?3 WHERE user_id = ?1 "
                         "AND site_id = ?2 AND unassigned_at_ms IS NULL",
                         user_id, site_id, clock_());
  if (!removed) return removed.error();
  if (connection_.Changes() != 1) return Errc::site_not_assigned;
  if (auto bumped = BumpRosterIf(connection_, true); !bumped) return bumped.error();
  return transaction.value().Commit();
}

Result<void> UserRegistry::SetHash(std::string_view user_id, Secret secret,
                                   const std::string& hash) {
  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  auto updated =
      Execute(connection_,
              secret == Secret::kPassword ? "UPDATE users SET password_hash = ?2 WHERE user_id = ?1"
                                          : "UPDATE users SET pin_hash = ?2, "
                                            "pin_compromised_at_ms = NULL WHERE user_id = ?1 "
                                            "AND role IN " +
                                                std::string(internal::kKioskPinRolesSql),
              user_id, hash);
  if (!updated) return updated.error();
  // The user was checked before hashing; another process may have changed it since.
  if (connection_.Changes() != 1) return Errc::unknown_user;
  if (auto bumped = BumpRosterIf(connection_, secret == Secret::kPin); !bumped) {
    return bumped.error();
  }
  if (secret == Secret::kPassword) {
    auto ended =
        SignInRecords(connection_).EndSessions(user_id, SessionEnd::kPasswordChanged, clock_());
    if (!ended) return ended.error();
  }
  return transaction.value().Commit();
}

Result<void> UserRegistry::ChangeOwnPassword(std::string_view user_id,
                                             std::string_view old_password,
                                             std::string_view new_password) {
  if (auto ok = CheckPassword(new_password); !ok) return ok.error();
  if (new_password == old_password) return Errc::password_unchanged;
  auto user = LoadUser(connection_, user_id);
  if (!user) return user.error();
  if (!user.value()) {
    internal::VerifyAgainstDummy(old_password);
    return Errc::unknown_user;
  }
  const StoredUser& stored = *user.value();
  const bool matches = stored.password_hash
                           ? internal::VerifySecret(*stored.password_hash, old_password)
                           : internal::VerifyAgainstDummy(old_password);
  if (stored.info.disabled_at_ms) return Errc::user_disabled;
  if (!matches) return Errc::wrong_password;
  auto hash = internal::HashSecret(new_password);
  if (!hash) return hash.error();

  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  // Only over the hash that was verified: a reset by an administrator, or a change from another
  // session, in the tenth of a second since, wins, and this one is refused.
  auto updated = Execute(connection_,
                         "UPDATE users SET password_hash = ?2, must_change_password = 0 "
                         "WHERE user_id = ?1 AND password_hash = ?3 AND disabled_at_ms IS NULL",
                         user_id, hash.value(), *stored.password_hash);
  if (!updated) return updated.error();
  if (connection_.Changes() != 1) return Errc::wrong_password;
  auto ended =
      SignInRecords(connection_).EndSessions(user_id, SessionEnd::kPasswordChanged, clock_());
  if (!ended) return ended.error();
  return transaction.value().Commit();
}

Result<void> UserRegistry::ForcePasswordReset(std::string_view user_id,
                                              std::string_view temporary_password) {
  if (auto ok = CheckPassword(temporary_password); !ok) return ok.error();
  auto user = FindUser(user_id);
  if (!user) return user.error();
  if (user.value().disabled_at_ms) return Errc::user_disabled;
  auto hash = internal::HashSecret(temporary_password);
  if (!hash) return hash.error();

  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  auto updated = Execute(connection_,
                         "UPDATE users SET password_hash = ?2, must_change_password = 1 "
                         "WHERE user_id = ?1 AND disabled_at_ms IS NULL",
                         user_id, hash.value());
  if (!updated) return updated.error();
  // Checked before hashing; another process may have disabled the user since.
  if (connection_.Changes() != 1) return Errc::user_disabled;
  const std::int64_t now_ms = clock_();
  SignInRecords records(connection_);
  auto ended = records.EndSessions(user_id, SessionEnd::kPasswordChanged, now_ms);
  if (!ended) return ended.error();
  auto revoked = records.RevokeTokens(user_id, TokenRevocation::kPasswordReset, now_ms);
  if (!revoked) return revoked.error();
  return transaction.value().Commit();
}

Result<void> UserRegistry::SetStaffCard(std::string_view user_id,
                                        std::span<const std::uint8_t> uid) {
  if (!uid.empty()) {
    if (auto ok = CheckCardUid(uid); !ok) return ok.error();
  }
  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  auto user = LoadUser(connection_, user_id);
  if (!user) return user.error();
  if (!user.value()) return Errc::unknown_user;
  if (!uid.empty()) {
    if (auto free = CheckCardFree(connection_, user_id, uid); !free) return free.error();
    // A card a revoked kiosk knew may have been cloned onto a UID-changeable tag.
    const UserInfo& info = user.value()->info;
    if (info.card_compromised_at_ms &&
        std::equal(uid.begin(), uid.end(), info.staff_card_uid.begin(),
                   info.staff_card_uid.end())) {
      return Errc::card_compromised;
    }
  }
  auto updated =
      uid.empty() ? Execute(connection_,
                            "UPDATE users SET staff_card_uid = NULL, card_compromised_at_ms = NULL "
                            "WHERE user_id = ?1",
                            user_id)
                  : Execute(connection_,
                            "UPDATE users SET staff_card_uid = ?2, card_compromised_at_ms = NULL "
                            "WHERE user_id = ?1",
                            user_id, uid);
  if (!updated) return updated.error();
  if (auto bumped = BumpRosterIf(connection_, HasKioskPin(user.value()->info.role)); !bumped) {
    return bumped.error();
  }
  return transaction.value().Commit();
}

Result<void> UserRegistry::DisableUser(std::string_view user_id) {
  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  auto user = LoadUser(connection_, user_id);
  if (!user) return user.error();
  if (!user.value()) return Errc::unknown_user;
  const UserInfo& info = user.value()->info;
  if (info.disabled_at_ms) return Errc::user_already_disabled;
  if (info.role == Role::kAdministrator) {
    auto others = Exists(connection_,
                         "SELECT 1 FROM users WHERE role = 'administrator' "
                         "AND disabled_at_ms IS NULL AND user_id <> ?1",
                         user_id);
    if (!others) return others.error();
    if (!others.value()) return Errc::last_administrator;
  }
  const std::int64_t now_ms = clock_();
  auto updated = Execute(connection_, "UPDATE users SET disabled_at_ms = ?2 WHERE user_id = ?1",
                         user_id, now_ms);
  if (!updated) return updated.error();
  if (auto bumped = BumpRosterIf(connection_, HasKioskPin(info.role)); !bumped) {
    return bumped.error();
  }
  // In the same commit: no request is served under the account once it is disabled.
  SignInRecords records(connection_);
  auto ended = records.EndSessions(user_id, SessionEnd::kDisabled, now_ms);
  if (!ended) return ended.error();
  auto revoked = records.RevokeTokens(user_id, TokenRevocation::kDisabled, now_ms);
  if (!revoked) return revoked.error();
  return transaction.value().Commit();
}

Result<UserInfo> UserRegistry::VerifyPassword(std::string_view user_id, std::string_view password) {
  return Verify(user_id, Secret::kPassword, password);
}

Result<UserInfo> UserRegistry::VerifyPin(std::string_view user_id, std::string_view pin) {
  return Verify(user_id, Secret::kPin, pin);
}

Result<UserInfo> UserRegistry::Verify(std::string_view user_id, Secret secret,
                                      std::string_view attempt) {
  auto user = LoadUser(connection_, user_id);
  if (!user) return user.error();
  if (!user.value()) {
    internal::VerifyAgainstDummy(attempt);
    return Errc::unknown_user;
  }
  const StoredUser& stored = *user.value();
  const std::optional<std::string>& hash =
      secret == Secret::kPassword ? stored.password_hash : stored.pin_hash;
  // Verify even for a disabled user, so that the refusal takes the same time either way.
  const bool matches =
      hash ? internal::VerifySecret(*hash, attempt) : internal::VerifyAgainstDummy(attempt);
  if (stored.info.disabled_at_ms) return Errc::user_disabled;
  if (!hash) return secret == Secret::kPassword ? Errc::wrong_password : Errc::no_pin;
  if (!matches) return secret == Secret::kPassword ? Errc::wrong_password : Errc::wrong_pin;
  return stored.info;
}

Result<UserInfo> UserRegistry::FindUser(std::string_view user_id) {
  auto user = LoadUser(connection_, user_id);
  if (!user) return user.error();
  if (!user.value()) return Errc::unknown_user;
  return std::move(user.value()->info);
}

Result<std::vector<UserInfo>> UserRegistry::ListUsers() {
  return db::QueryAll(connection_, std::string(kSelectUser) + " ORDER BY user_id",
                      [](const db::Statement& row) { return ReadUser(row).info; });
}

}  // namespace minegate::server::admin
