#include "kiosk/gate/sign_in_guard.hpp"

#include <sodium.h>

#include <algorithm>

namespace minegate::kiosk::gate {

bool PinMatches(const std::string& hash, const std::string& pin) {
  // The format is checked before hashing: a malformed PIN cannot be right and
  // must not cost an Argon2 computation.
  if (pin.size() < 4 || pin.size() > 8 ||
      !std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), pin.data(), pin.size()) == 0;
}

namespace {

/// The sign_in_failures row for every agent together; '*' is never in a user id.
constexpr char kWholeKiosk[] = "*kiosk*";

}  // namespace

bool SignInGuard::CountFailure(store::FailureRecord& record, std::uint32_t max_failures,
                               std::int64_t now_ms) const {
  // A lock that has run out starts a fresh count, but is remembered: each lock
  // in a row lasts twice as long (15 min, 30 min, 1 h, ... up to 64 times),
  // so guessing through the roster's PINs at an unattended kiosk is slow.
  if (record.locked_until_ms != 0 && record.locked_until_ms <= now_ms) {
    record.failures = 0;
    record.locked_until_ms = 0;
  }
  ++record.failures;
  record.last_failure_ms = now_ms;
  if (record.failures < max_failures) return false;
  const std::int64_t factor = std::int64_t{1} << std::min<std::uint32_t>(record.locks, 6);
  record.locked_until_ms = now_ms + policy_.lock_duration.count() * factor;
  ++record.locks;
  return true;
}

db::Result<SignInOutcome> SignInGuard::Attempt(const v1::Agent& agent, const std::string& pin,
                                               std::int64_t now_ms) {
  SignInOutcome outcome;
  auto kiosk = failures_.Get(kWholeKiosk);
  if (!kiosk) return kiosk.error();
  auto record = failures_.Get(agent.user_id());
  if (!record) return record.error();
  const std::int64_t locked_until =
      std::max(kiosk.value().locked_until_ms, record.value().locked_until_ms);
  if (locked_until > now_ms) {
    outcome.error = v1::UI_ERROR_CODE_AGENT_LOCKED;
    outcome.locked_until_ms = locked_until;
    return outcome;
  }
  if (PinMatches(agent.pin_hash(), pin)) {
    if (record.value().failures > 0 || record.value().locks > 0) {
      if (auto cleared = failures_.Clear(agent.user_id()); !cleared) return cleared.error();
    }
    outcome.agent = agent;
    return outcome;
  }
  store::FailureRecord whole = kiosk.value();
  // Wrong PINs spread out over a working day are not an attack: the kiosk-wide
  // count only grows while failures follow each other within the window.
  if (whole.locked_until_ms == 0 && now_ms - whole.last_failure_ms > policy_.kiosk_window.count()) {
    whole.failures = 0;
  }
  const bool kiosk_locked = CountFailure(whole, policy_.kiosk_max_failures, now_ms);
  store::FailureRecord updated = record.value();
  const bool agent_locked = CountFailure(updated, policy_.max_failures, now_ms);
  if (agent_locked || kiosk_locked) {
    outcome.error = v1::UI_ERROR_CODE_AGENT_LOCKED;
    outcome.locked_until_ms = std::max(agent_locked ? updated.locked_until_ms : 0,
                                       kiosk_locked ? whole.locked_until_ms : 0);
  } else {
    outcome.error = v1::UI_ERROR_CODE_WRONG_PIN;
    outcome.attempts_left = policy_.max_failures - updated.failures;
  }
  if (auto saved = failures_.Set(kWholeKiosk, whole); !saved) return saved.error();
  if (auto saved = failures_.Set(agent.user_id(), updated); !saved) return saved.error();
  return outcome;
}

}  // namespace minegate::kiosk::gate
