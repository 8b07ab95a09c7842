// Offline sign-in: an agent of the roster the server sent, identified by user
// id or staff card, with a PIN checked against its Argon2id hash. Wrong PINs
// are counted per agent on this kiosk; too many lock the agent here for a
// while (the count is stored, so pulling the plug does not reset it).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "kiosk/store/sign_in_failures.hpp"
#include "minegate/v1/kiosk_ui.pb.h"

namespace minegate::kiosk::gate {

struct SignInPolicy {
  /// Wrong PINs for one agent before that agent is locked on this kiosk.
  std::uint32_t max_failures = 5;
  /// Wrong PINs for all agents together, each within `kiosk_window` of the
  /// previous, before nobody can sign in here for a while: someone trying the
  /// roster's agents one after another is stopped as surely as one agent's guesser.
  std::uint32_t kiosk_max_failures = 20;
  std::chrono::milliseconds kiosk_window = std::chrono::hours(1);
  /// The first lock; each further lock in a row doubles it (at most 64 times).
  std::chrono::milliseconds lock_duration = std::chrono::minutes(15);
};

struct SignInOutcome {
  /// UI_ERROR_CODE_UNSPECIFIED when signed in.
  v1::UiErrorCode error = v1::UI_ERROR_CODE_UNSPECIFIED;
  std::optional<v1::Agent> agent;
  std::uint32_t attempts_left = 0;
  std::int64_t locked_until_ms = 0;
};

class SignInGuard {
 public:
  SignInGuard(store::SignInFailures& failures, SignInPolicy policy)
      : failures_(failures), policy_(policy) {}

  /// Checks `pin` for the agent; storage failures are errors, refusals are outcomes.
  db::Result<SignInOutcome> Attempt(const v1::Agent& agent, const std::string& pin,
                                    std::int64_t now_ms);

 private:
  /// Counts one wrong PIN in `record`; true when it now locks.
  bool CountFailure(store::FailureRecord& record, std::uint32_t max_failures,
                    std::int64_t now_ms) const;

  store::SignInFailures& failures_;
  SignInPolicy policy_;
};

/// True when `pin` is 4 to 8 digits and matches the crypto_pwhash_str `hash`.
bool PinMatches(const std::string& hash, const std::string& pin);

}  // namespace minegate::kiosk::gate
