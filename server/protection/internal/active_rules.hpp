#pragma once
/// The active rule set as the monitor, the notice store and the re-evaluator use it: compiled
/// once per version, re-read when the active version changes (one indexed read per call), so
/// an upload applies to the next batch without a restart. Also what the gathering of facts
/// needs from the rules: how far back and ahead the recruiter pattern looks, the name
/// similarity a notice match needs, and whom passages can matter for.
/// Threading: uses its connection, so it belongs to that connection's thread.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "base/clock.hpp"
#include "db/connection.hpp"
#include "db/statement.hpp"
#include "minegate/v1/events.pb.h"
#include "server/protection/protection_error.hpp"
#include "server/risk/rule_set.hpp"

namespace minegate::server::protection::internal {

/// One compiled version and what is derived from it.
class RulesInUse {
 public:
  explicit RulesInUse(risk::CompiledRuleSet rules);

  const risk::CompiledRuleSet& rules() const { return rules_; }
  /// The widest window of the recruiter-pattern rules: the persons a companion brought count
  /// for her only when recorded within it of her own record. 0: no such rule, none is read.
  std::int64_t recruiter_window_ms() const { return recruiter_window_ms_; }
  /// Whether a recruiter-pattern rule reads the persons a companion of this relation brought,
  /// for a person of this sex (the rule skips other relations, and other sexes when it applies
  /// to females only): when not, they are not read.
  bool NeedsOthers(v1::Sex sex, v1::CompanionRelation relation) const;
  /// The lowest similarity a search-notice rule accepts (name_match's threshold when none).
  double notice_threshold() const { return notice_threshold_; }
  /// True when a moved-between-sites rule looks at a person of this sex and purpose: only
  /// then can a passage change her assessment.
  bool PassagesMatter(v1::Sex sex, v1::Purpose purpose) const;
  /// True when some moved-between-sites rule looks at persons of this sex (whatever their
  /// purpose): the monitor's first, cheap test, on the sex column alone.
  bool PassagesMatterForSex(v1::Sex sex) const {
    return moved_any_sex_ || (moved_females_ && sex == v1::SEX_FEMALE);
  }

 private:
  risk::CompiledRuleSet rules_;
  std::int64_t recruiter_window_ms_ = 0;
  double notice_threshold_ = 0.0;
  std::uint32_t recruiter_relation_bits_ = 0;           ///< relations some rule reads (all: ~0)
  std::uint32_t recruiter_everyone_relation_bits_ = 0;  ///< the same, rules for every sex
  bool moved_any_sex_ = false;
  bool moved_females_ = false;
};

class ActiveRules {
 public:
  static Result<std::unique_ptr<ActiveRules>> Create(db::Connection& connection);

  /// The active rule set. Installs the built-in default when none is active yet. A stored text
  /// that no longer compiles (an engine upgrade made it invalid) is logged and replaced by the
  /// built-in default for evaluation: ingest never stops on the rules.
  Result<std::shared_ptr<const RulesInUse>> Current();

 private:
  explicit ActiveRules(db::Connection& connection) : connection_(connection) {}

  db::Connection& connection_;
  std::optional<db::Statement> active_version_;
  std::optional<db::Statement> text_of_;
  std::string version_;
  std::shared_ptr<const RulesInUse> current_;
};

}  // namespace minegate::server::protection::internal
