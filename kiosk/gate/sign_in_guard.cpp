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

db::Result<SignInOutcome> SignInGuard::Attempt(const v1::Agent& agent, const std::string& pin,
                                               std::int64_t now_ms) {
  SignInOutcome outcome;
  auto record = failures_.Get(agent.user_id());
  if (!record) return record.error();
  if (record.value().locked_until_ms > now_ms) {
    outcome.error = v1::UI_ERROR_CODE_AGENT_LOCKED;
    outcome.locked_until_ms = record.value().locked_until_ms;
    return outcome;
  }
  if (PinMatches(agent.pin_hash(), pin)) {
    if (record.value().failures > 0 || record.value().locks > 0) {
      if (auto cleared = failures_.Clear(agent.user_id()); !cleared) return cleared.error();
    }
    outcome.agent = agent;
    return outcome;
  }
  store::FailureRecord updated = record.value();
  // A lock that has run out starts a fresh count, but is remembered: each lock
  // in a row lasts twice as long (15 min, 30 min, 1 h, ... up to 64 times),
  // so guessing through the roster's PINs at an unattended kiosk is slow.
  if (updated.locked_until_ms != 0 && updated.locked_until_ms <= now_ms) {
    updated.failures = 0;
    updated.locked_until_ms = 0;
  }
  ++updated.failures;
  if (updated.failures >= policy_.max_failures) {
    const std::int64_t factor = std::int64_t{1} << std::min<std::uint32_t>(updated.locks, 6);
    updated.locked_until_ms = now_ms + policy_.lock_duration.count() * factor;
    ++updated.locks;
    outcome.error = v1::UI_ERROR_CODE_AGENT_LOCKED;
    outcome.locked_until_ms = updated.locked_until_ms;
  } else {
    outcome.error = v1::UI_ERROR_CODE_WRONG_PIN;
    outcome.attempts_left = policy_.max_failures - updated.failures;
  }
  if (auto saved = failures_.Set(agent.user_id(), updated); !saved) return saved.error();
  return outcome;
}

}  // namespace minegate::kiosk::gate
