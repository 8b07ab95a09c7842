#pragma once
/// The EMAPE series of gold miners' card numbers and the revocation of a lost card
/// (docs/protocol.md §7.3, schema 0013). One series per site; a number is the department's three
/// letters, the site id and a counter padded to 6 digits: "KDG12-000123". The counter only
/// grows, so a number is never reused; it is reserved for a holder, at a device, by an official,
/// in the transaction that audits the request (server/sync/miner_card_holder). A revoked card's
/// UID joins the 'revoked_bracelets' list every kiosk holds, so every gate and miner's-card
/// screen refuses it once the list arrives.
///
/// The one piece of server/admin that reads a projection: a revocation finds the card linked
/// under the number (miner_cards) for its UID and holder. Threading: uses its connection, so it
/// belongs to that connection's thread.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.hpp"
#include "db/connection.hpp"
#include "server/admin/department.hpp"
#include "server/admin/error.hpp"

namespace minegate::server::admin {

/// Digits the counter is padded to, as long as the site id leaves room for them.
inline constexpr std::size_t kCardCounterDigits = 6;
inline constexpr std::size_t kMaxCardRevocationReasonChars = 200;

/// "KDG12": the department's letters (as device ids start: kdg, sry, slm) and the site id.
std::string CardSeriesPrefix(Department department, std::int64_t site_id);

/// The number `counter` of the series `prefix`: the counter padded to 6 digits, or to what the
/// 16 characters of a credential (credential::kMaxCardNumberLength) leave after a long site id;
/// nullopt when it does not fit (the series is full).
std::optional<std::string> CardNumberOf(std::string_view prefix, std::int64_t counter);

/// Reserves the next number of the site's series and gives it (creating the series at its first
/// number) for the holder whose 16-byte token is given, at `device_id`, for `official_id`. Opens
/// its own transaction, nested in the caller's when there is one (the audit entry of the request).
/// Errc::unknown_site, card_series_full.
Result<std::string> ReserveCardNumber(db::Connection& connection, std::int64_t site_id,
                                      std::string_view device_id, std::string_view official_id,
                                      std::span<const std::uint8_t> person_token,
                                      std::int64_t now_ms);

struct CardRevocation {
  std::string card_number;
  /// The holder the card is linked to (16 bytes).
  std::vector<std::uint8_t> person_token;
  /// Every UID linked under the number (normally one card).
  std::vector<std::vector<std::uint8_t>> card_uids;
  std::int64_t revoked_at_ms = 0;
  /// The 'revoked_bracelets' version that carries the card to kiosks.
  std::int64_t list_version = 0;
};

/// Revokes the card linked under `card_number` from now: kept with who and why, its UID put on
/// the revoked list kiosks receive. `revoked_by`: the user id, or "minegatectl:<os user>".
/// Errc::bad_card_number, bad_card_revocation_reason (1..200 printable characters, required),
/// unknown_card (no such number), card_not_linked (reserved, but its MinerCardLinked has not
/// reached the server: nothing to refuse yet), card_already_revoked.
Result<CardRevocation> RevokeMinerCard(db::Connection& connection, std::string_view card_number,
                                       std::string_view reason, std::string_view revoked_by,
                                       const base::Clock& clock = base::NowMs);

}  // namespace minegate::server::admin
