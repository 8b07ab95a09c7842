#pragma once
/// The validation of a parsed RiskRuleSet (every rule of risk.proto's comments, each error at
/// the line and column of the field that breaks it) and the compilation of one valid rule.

#include <google/protobuf/text_format.h>

#include <string>
#include <string_view>
#include <vector>

#include "minegate/v1/risk.pb.h"
#include "server/risk/compiled_rule.hpp"
#include "server/risk/rule_set.hpp"

namespace minegate::server::risk::internal {

/// A syntax error from protobuf's text parser (English, 0-based position in `text`), given both
/// languages and 1-based.
RuleSetError SyntaxError(std::string_view text, int line, int column, const std::string& message);

/// Appends an error for each broken rule; nothing when `rule_set` is valid.
void ValidateRuleSet(const v1::RiskRuleSet& rule_set,
                     const google::protobuf::TextFormat::ParseInfoTree& tree,
                     std::vector<RuleSetError>& errors);

/// `rule` (valid) in Evaluate's form: bit sets, milliseconds, labels with their parameters.
CompiledRule CompileRule(const v1::IndicatorRule& rule);

/// Labels split around "{value}" with the rule's parameters written in.
LabelTemplate CompileLabel(const std::string& label, const v1::IndicatorRule& rule);

}  // namespace minegate::server::risk::internal
