#pragma once
/// Administrators: the risk rule sets (issue 12). They list the versions and the re-evaluation
/// in progress, read a version's text, and upload a new one: validated (every error at its line
/// and column, nothing stored on error), stored, activated at once, and every person
/// re-evaluated on the writer thread once the upload is committed. Administrators upload rules
/// but never read a flag, a case or a person: nothing here carries an assessment.
/// Handlers for the gateway, on plain structs.

#include <functional>

#include "server/api/api_call.hpp"

namespace minegate::server::api {

struct RuleSetRouteContext {
  /// Starts the pending re-evaluation (protection::ReevaluateOnWriter on the server's event
  /// writer); called after an upload is committed. Must not block.
  std::function<void()> reevaluate;
};

ApiHandler ListRuleSetsHandler();  ///< GET /v1/risk/rule-sets → RuleSetList
ApiHandler RuleSetTextHandler();   ///< GET /v1/risk/rule-sets/{version} → RuleSetText
/// POST /v1/risk/rule-sets → UploadedRuleSet, or 400 RuleSetProblem (invalid_rule_set).
ApiHandler UploadRuleSetHandler(RuleSetRouteContext context);

}  // namespace minegate::server::api
