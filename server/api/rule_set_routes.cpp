#include "server/api/rule_set_routes.hpp"

#include <google/protobuf/util/json_util.h>

#include "server/api/protection_messages.hpp"
#include "server/api/request_reading.hpp"
#include "server/protection/risk_reevaluator.hpp"
#include "server/protection/rule_set_store.hpp"
#include "server/risk/rule_set.hpp"

namespace minegate::server::api {
namespace {

using protection::RuleSetStore;

v1::RuleSetVersion RuleSetVersionOf(const protection::RuleSetVersion& version) {
  v1::RuleSetVersion out;
  out.set_version(version.version);
  out.set_description(version.description);
  out.set_sha256(version.sha256_hex);
  out.set_uploaded_at_ms(version.uploaded_at_ms);
  out.set_uploaded_by(version.uploaded_by.value_or(""));
  // A version name is stored with one text only: the built-in version is the built-in text.
  out.set_built_in(version.version == risk::DefaultRuleSet().version());
  out.set_active(version.active);
  out.set_activated_at_ms(version.activated_at_ms.value_or(0));
  return out;
}

/// Where the re-evaluation of every person stands (counts only: no assessment).
protection::Result<v1::RiskReevaluationProgress> ProgressOf(ApiCall& call) {
  auto reevaluator = protection::RiskReevaluator::Create(call.connection, CallClock(call));
  if (!reevaluator) return reevaluator.error();
  auto pending = reevaluator.value()->Pending();
  if (!pending) return pending.error();
  v1::RiskReevaluationProgress out;
  out.set_rule_set_version(pending.value().rule_set_version);
  out.set_persons_done(pending.value().persons_done);
  out.set_persons_total(pending.value().persons_total);
  out.set_finished(pending.value().finished);
  return out;
}

/// 400 invalid_rule_set with every error at its line and column (RuleSetProblem: Problem's
/// members and the errors, an RFC 9457 extension member).
ApiReply InvalidRuleSetReply(const std::vector<risk::RuleSetError>& errors) {
  ApiProblem problem = ProblemOf(protection::Errc::rule_set_invalid);
  const risk::RuleSetError& first = errors.front();
  problem.detail = std::to_string(errors.size()) + " erreur(s), la première ligne " +
                   std::to_string(first.line) + " colonne " + std::to_string(first.column) + " / " +
                   std::to_string(errors.size()) + " error(s), the first at line " +
                   std::to_string(first.line) + " column " + std::to_string(first.column);
  v1::RuleSetProblem body;
  body.set_type(std::string(kProblemTypePrefix) + problem.type);
  body.set_title(problem.title);
  body.set_status(problem.status);
  body.set_detail(problem.detail);
  body.set_field(problem.field);
  for (const risk::RuleSetError& error : errors) {
    v1::RuleSetTextError* out = body.add_errors();
    out->set_line(error.line);
    out->set_column(error.column);
    out->set_fr(error.fr);
    out->set_en(error.en);
  }
  ApiReply reply;
  reply.status = problem.status;
  reply.content_type = std::string(kProblemContentType);
  // Like every problem body: empty members left out (ProblemBody).
  (void)google::protobuf::util::MessageToJsonString(body, &reply.body);
  reply.problem = std::move(problem);
  return reply;
}

}  // namespace

ApiHandler ListRuleSetsHandler() {
  return [](ApiCall& call) {
    RuleSetStore store(call.connection, CallClock(call));
    auto versions = store.List();
    if (!versions) return ProblemReply(ProblemOf(versions.error()));
    v1::RuleSetList list;
    for (const protection::RuleSetVersion& version : versions.value()) {
      if (version.active) list.set_active_version(version.version);
      *list.add_versions() = RuleSetVersionOf(version);
    }
    auto progress = ProgressOf(call);
    if (!progress) return ProblemReply(ProblemOf(progress.error()));
    *list.mutable_reevaluation() = std::move(progress).value();
    call.audit.result_count = list.versions_size();
    return JsonReply(list);
  };
}

ApiHandler RuleSetTextHandler() {
  return [](ApiCall& call) {
    const std::string& version = call.params.at("version");
    call.audit.targets.push_back("rule_set:" + version);
    auto stored = RuleSetStore(call.connection, CallClock(call)).Get(version);
    if (!stored) return ProblemReply(ProblemOf(stored.error()));
    if (!stored.value()) return ProblemReply(ProblemOf(protection::Errc::unknown_rule_set));
    v1::RuleSetText answer;
    *answer.mutable_version() = RuleSetVersionOf(stored.value()->summary);
    answer.set_text(stored.value()->text);
    call.audit.result_count = 1;
    return JsonReply(answer);
  };
}

ApiHandler UploadRuleSetHandler(RuleSetRouteContext context) {
  return [context = std::move(context)](ApiCall& call) {
    v1::UploadRuleSetRequest request;
    if (auto problem = ReadBody(call.request, request)) return ProblemReply(*problem);
    RuleSetStore store(call.connection, CallClock(call));
    auto uploaded = store.Upload(request.text(), OfficerId(call), /*activate=*/true);
    if (!uploaded) return ProblemReply(ProblemOf(uploaded.error()));
    if (!uploaded.value().errors.empty()) return InvalidRuleSetReply(uploaded.value().errors);
    call.audit.targets.push_back("rule_set:" + uploaded.value().version);
    auto stored = store.Get(uploaded.value().version);
    if (!stored) return ProblemReply(ProblemOf(stored.error()));
    if (!stored.value()) return ProblemReply(ProblemOf(protection::Errc::unknown_rule_set));
    v1::UploadedRuleSet answer;
    *answer.mutable_version() = RuleSetVersionOf(stored.value()->summary);
    answer.set_already_stored(uploaded.value().already_stored);
    auto progress = ProgressOf(call);
    if (!progress) return ProblemReply(ProblemOf(progress.error()));
    *answer.mutable_reevaluation() = std::move(progress).value();
    ApiReply reply = JsonReply(answer, uploaded.value().already_stored ? 200 : 201);
    // The writer's connection must see the activation: only once it is committed.
    reply.after_commit = context.reevaluate;
    return reply;
  };
}

}  // namespace minegate::server::api
