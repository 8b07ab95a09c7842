#pragma once
/// Operational notices for gate agents (maintenance, a site closed, a batch of bracelets
/// recalled), delivered to kiosks as a versioned list like the trust list. Alerts never carry
/// anything about a person: risk flags are never shown at a gate.
/// Threading: uses its connection, so it belongs to that connection's thread.

#include <cstdint>
#include <string_view>
#include <utility>

#include "base/clock.hpp"
#include "db/connection.hpp"
#include "minegate/v1/sync.pb.h"
#include "server/admin/error.hpp"

namespace minegate::server::admin {

inline constexpr std::size_t kMaxAlertTextChars = 500;

class AlertBoard {
 public:
  explicit AlertBoard(db::Connection& connection, base::Clock clock = base::NowMs)
      : connection_(connection), clock_(std::move(clock)) {}

  /// Publishes an alert in French and English (both required: the gate UI shows both) until
  /// `expires_at_ms` (0 = until withdrawn). Ids are never reused, even after withdrawal, so a
  /// kiosk can never confuse an old alert with a new one. Returns the new 'alerts' version.
  /// Errors: Errc::bad_alert_id, bad_alert_text, bad_time (expiry negative or past),
  /// alert_exists.
  Result<std::int64_t> PublishAlert(std::string_view alert_id, std::string_view text_fr,
                                    std::string_view text_en, std::int64_t expires_at_ms = 0);
  /// Withdraws an alert; kiosks drop it at their next sync. Returns the new 'alerts' version.
  /// Errc::unknown_alert, alert_already_withdrawn.
  Result<std::int64_t> WithdrawAlert(std::string_view alert_id);

  /// The alerts update for a kiosk that holds `version`. Version 0 (or one this server never
  /// issued) gives a full list of the alerts in force; otherwise every alert changed since,
  /// withdrawals included so the kiosk can remove them.
  Result<v1::Alerts> AlertsSince(std::uint64_t version);

 private:
  db::Connection& connection_;
  base::Clock clock_;
};

}  // namespace minegate::server::admin
