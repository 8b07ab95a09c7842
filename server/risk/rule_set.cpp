#include "server/risk/rule_set.hpp"

#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/text_format.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <string>
#include <utility>

#include "server/risk/internal/embedded_rules.hpp"
#include "server/risk/internal/rule_checks.hpp"

namespace minegate::server::risk {

std::string RuleSetError::Text() const {
  return std::to_string(line) + ":" + std::to_string(column) + ": " + fr + " / " + en;
}

v1::Priority CompiledRuleSet::PriorityOf(std::int32_t score) const {
  v1::Priority priority = v1::PRIORITY_LOW;
  for (const auto& [min_score, band] : bands_) {
    if (score >= min_score) priority = band;
  }
  return priority;
}

namespace {

/// Collects protobuf's syntax errors (0-based positions) as RuleSetErrors (1-based).
class SyntaxErrors final : public google::protobuf::io::ErrorCollector {
 public:
  SyntaxErrors(std::string_view text, std::vector<RuleSetError>& errors)
      : text_(text), errors_(errors) {}

  void AddError(int line, google::protobuf::io::ColumnNumber column,
                const std::string& message) override {
    if (errors_.size() >= kMaxRuleSetErrors) return;
    errors_.push_back(internal::SyntaxError(text_, line, column, message));
  }

 private:
  std::string_view text_;
  std::vector<RuleSetError>& errors_;
};

/// Errors sorted by line then column (stable: the same place keeps its order of discovery), an
/// exact repeat dropped, at most kMaxRuleSetErrors.
std::vector<RuleSetError> InLineOrder(std::vector<RuleSetError> errors) {
  const auto place = [](const RuleSetError& e) { return std::pair(e.line, e.column); };
  std::stable_sort(errors.begin(), errors.end(),
                   [&](const auto& a, const auto& b) { return place(a) < place(b); });
  errors.erase(std::unique(errors.begin(), errors.end(),
                           [&](const auto& a, const auto& b) {
                             return place(a) == place(b) && a.fr == b.fr && a.en == b.en;
                           }),
               errors.end());
  if (errors.size() > kMaxRuleSetErrors) errors.resize(kMaxRuleSetErrors);
  return errors;
}

}  // namespace

/// Turns a parsed, validated message into a CompiledRuleSet (the friend of its private parts).
class RuleSetCompiler {
 public:
  static CompiledRuleSet Compile(v1::RiskRuleSet message) {
    CompiledRuleSet compiled;
    compiled.rules_.reserve(static_cast<std::size_t>(message.indicators_size()));
    for (const v1::IndicatorRule& rule : message.indicators()) {
      compiled.rules_.push_back(internal::CompileRule(rule));
    }
    compiled.element_threshold_ = static_cast<std::int32_t>(message.element_threshold());
    compiled.flag_threshold_ = static_cast<std::int32_t>(message.flag_threshold());
    if (message.has_weak_points_cap()) {
      // Validated: at most 10,000 (internal/rule_validation.cpp).
      compiled.weak_points_cap_ = static_cast<std::int32_t>(message.weak_points_cap());
    }
    for (const v1::PriorityBand& band : message.priority_bands()) {
      compiled.bands_.emplace_back(static_cast<std::int32_t>(band.min_score()), band.priority());
    }
    std::sort(compiled.bands_.begin(), compiled.bands_.end());
    compiled.message_ = std::move(message);
    return compiled;
  }
};

RuleSetResult ParseRuleSet(std::string_view text) {
  std::vector<RuleSetError> errors;
  if (text.size() > kMaxRuleSetBytes) {
    errors.push_back({1, 1,
                      "fichier de règles trop grand : " + std::to_string(text.size()) +
                          " octets, au plus " + std::to_string(kMaxRuleSetBytes),
                      "rule-set file too large: " + std::to_string(text.size()) +
                          " bytes, at most " + std::to_string(kMaxRuleSetBytes)});
    return errors;
  }

  v1::RiskRuleSet message;
  google::protobuf::TextFormat::ParseInfoTree tree;
  SyntaxErrors collector(text, errors);
  google::protobuf::TextFormat::Parser parser;
  parser.RecordErrorsTo(&collector);
  parser.WriteLocationsTo(&tree);
  parser.SetRecursionLimit(16);
  // Text the parser reads must be a std::string; the size is bounded above.
  if (!parser.ParseFromString(std::string(text), &message)) {
    if (errors.empty()) errors.push_back(internal::SyntaxError(text, 0, 0, "unreadable"));
    // The parser may report one place twice, and not always in text order (a fuzzed file gave
    // 109:29, 109:29, 109:42, 109:33): in line order, each once, as promised.
    return InLineOrder(std::move(errors));
  }

  internal::ValidateRuleSet(message, tree, errors);
  if (!errors.empty()) return InLineOrder(std::move(errors));
  return RuleSetCompiler::Compile(std::move(message));
}

std::string_view DefaultRuleSetText() {
  // One file embedded (CMakeLists.txt): the build fails without it.
  return internal::EmbeddedRuleFiles().front().bytes;
}

const CompiledRuleSet& DefaultRuleSet() {
  static const CompiledRuleSet rule_set = [] {
    RuleSetResult parsed = ParseRuleSet(DefaultRuleSetText());
    if (!parsed) {
      // A build that embedded a broken default cannot assess anyone: stop at start-up.
      for (const RuleSetError& error : parsed.error()) {
        std::cerr << "default_rules.textproto:" << error.Text() << '\n';
      }
      std::abort();
    }
    return std::move(parsed).value();
  }();
  return rule_set;
}

}  // namespace minegate::server::risk
