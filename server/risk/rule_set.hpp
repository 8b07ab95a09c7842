#pragma once
/// Risk rule sets: the text an administrator uploads (protobuf text format of
/// v1::RiskRuleSet), parsed and validated into the form Evaluate reads. Every mistake is
/// reported at its line and column, in French and English, so the upload page can point at it;
/// a rule set with any error is refused whole.

#include <boost/outcome/result.hpp>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "minegate/v1/risk.pb.h"
#include "server/risk/compiled_rule.hpp"

namespace minegate::server::risk {

/// A rule-set text longer than this is refused before it is parsed.
inline constexpr std::size_t kMaxRuleSetBytes = 256 * 1024;
/// At most this many errors are reported (the first ones, in line order).
inline constexpr std::size_t kMaxRuleSetErrors = 50;

/// One mistake in a rule-set text.
struct RuleSetError {
  /// 1-based, as an editor shows them.
  int line = 0;
  int column = 0;
  std::string fr;
  std::string en;

  /// "line:column: français / English".
  std::string Text() const;
};

/// A validated rule set: the message as uploaded and its rules compiled for Evaluate.
/// Immutable once built; share it by const reference across threads.
class CompiledRuleSet {
 public:
  const v1::RiskRuleSet& message() const { return message_; }
  const std::string& version() const { return message_.version(); }
  /// In the file's order (the order of the raised indicators).
  const std::vector<CompiledRule>& rules() const { return rules_; }
  std::int32_t element_threshold() const { return element_threshold_; }
  std::int32_t flag_threshold() const { return flag_threshold_; }
  /// Points the raised WEAK indicators count for at most, together (weak_points_cap; the
  /// largest int32 when the rule set sets none).
  std::int32_t weak_points_cap() const { return weak_points_cap_; }
  /// The priority of a flagged, non-decisive person with this score (at least LOW).
  v1::Priority PriorityOf(std::int32_t score) const;

 private:
  friend class RuleSetCompiler;
  v1::RiskRuleSet message_;
  std::vector<CompiledRule> rules_;
  std::int32_t element_threshold_ = 0;
  std::int32_t flag_threshold_ = 0;
  std::int32_t weak_points_cap_ = std::numeric_limits<std::int32_t>::max();
  /// (min_score, priority), min_score ascending.
  std::vector<std::pair<std::int32_t, v1::Priority>> bands_;
};

using RuleSetResult = boost::outcome_v2::result<CompiledRuleSet, std::vector<RuleSetError>,
                                                boost::outcome_v2::policy::terminate>;

/// Parses and validates `text`: the compiled rule set, or every error found (at most
/// kMaxRuleSetErrors, sorted by line and column). Syntax errors stop at the first; validation
/// then reports each field that breaks a rule of risk.proto's comments: unknown or repeated
/// ids, negative or out-of-range points, empty labels or unknown placeholders, thresholds,
/// windows, parameters a kind does not read, and a rule set without a DECISIVE female-minor
/// rule covering every age under 18.
RuleSetResult ParseRuleSet(std::string_view text);

/// The rule set built into the binary (server/risk/default_rules.textproto).
std::string_view DefaultRuleSetText();

/// DefaultRuleSetText() compiled, once. Its validity is a unit test; should it ever fail, the
/// process stops at the first call (start-up), naming the error.
const CompiledRuleSet& DefaultRuleSet();

}  // namespace minegate::server::risk
