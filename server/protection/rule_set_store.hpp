#pragma once
/// Versions of the risk rule set: the text as uploaded (protobuf text format, validated by
/// server/risk before anything is stored), its SHA-256, who uploaded it and when, and which one
/// is active. Exactly one version is active once the first is installed: a new database gets
/// the built-in default (EnsureActive). Activating a version schedules the re-evaluation of
/// every person (RiskReevaluator), in the same transaction, so a restart resumes it.
/// Threading: uses its connection, so it belongs to that connection's thread.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.hpp"
#include "db/connection.hpp"
#include "server/protection/protection_error.hpp"
#include "server/risk/rule_set.hpp"

namespace minegate::server::protection {

struct RuleSetVersion {
  std::string version;
  std::string sha256_hex;
  std::int64_t uploaded_at_ms = 0;
  /// nullopt for the built-in default installed by the server, and for an upload by
  /// minegatectl.
  std::optional<std::string> uploaded_by;
  bool active = false;
  std::optional<std::int64_t> activated_at_ms;
  std::string description;
};

struct StoredRuleSet {
  RuleSetVersion summary;
  std::string text;
};

/// What an upload did. `errors` non-empty: the text was refused whole, nothing was stored.
struct UploadOutcome {
  std::vector<risk::RuleSetError> errors;
  std::string version;
  /// The same version with the same text was already stored (an upload repeated).
  bool already_stored = false;
  bool activated = false;
};

class RuleSetStore {
 public:
  explicit RuleSetStore(db::Connection& connection, base::Clock clock = base::NowMs)
      : connection_(connection), clock_(std::move(clock)) {}

  /// The active version's name; nullopt before the first install.
  Result<std::optional<std::string>> ActiveVersion();
  /// The active version, text included.
  Result<std::optional<StoredRuleSet>> Active();
  Result<std::optional<StoredRuleSet>> Get(std::string_view version);
  /// Every version, the newest upload first.
  Result<std::vector<RuleSetVersion>> List();

  /// Installs and activates the built-in default (risk::DefaultRuleSetText) when no version is
  /// active (a new database, or one from before the risk engine). True when it did.
  Result<bool> EnsureActive();

  /// Stores the built-in default (inactive) unless its version is stored already: evaluations
  /// fall back on it when the active text no longer compiles.
  Result<void> StoreBuiltInDefault();

  /// Validates `text` (server/risk: every error at its line and column) and stores it as a new
  /// version, activated at once when `activate`. Errc::rule_set_exists when the version exists
  /// with another text; an exact repeat is accepted (already_stored). `uploaded_by` is the
  /// administrator's user id; nullopt for an upload by minegatectl on the server host, which is
  /// no user of the registry (its audit entry names the operating-system user).
  Result<UploadOutcome> Upload(std::string_view text, std::optional<std::string_view> uploaded_by,
                               bool activate);
  /// Makes a stored version the active one and schedules every person's re-evaluation under it.
  /// Errc::unknown_rule_set. Activating the active version again changes nothing.
  Result<void> Activate(std::string_view version);

 private:
  Result<void> Insert(const risk::CompiledRuleSet& compiled, std::string_view text,
                      std::optional<std::string_view> uploaded_by);

  db::Connection& connection_;
  base::Clock clock_;
};

}  // namespace minegate::server::protection
