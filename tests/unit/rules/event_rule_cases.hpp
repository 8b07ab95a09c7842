// Every rule events.proto states, as pairs of events: one just inside the rule
// (accepted) and one just outside it (refused, naming the field). The rules
// library's unit test runs the library-level cases; the server integration test
// runs all of them through the real server over TLS.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "minegate/v1/events.pb.h"
#include "minegate/v1/sync.pb.h"
#include "proto/credential/credential.hpp"

namespace minegate::test {

/// Who sends the events, and what a case needs to sign credentials.
struct RuleCaseContext {
  std::string device_id = "k-1-1";
  std::uint32_t site_id = 1;
  std::uint32_t gate_id = 1;
  std::string agent_id = "agent.sim";
  /// A real census campaign of the site.
  std::string campaign_id = "bantako-q4";
  /// When the events happen (ms since the epoch).
  std::int64_t now_ms = 0;
  /// Signs a credential for a tag UID with the sending device's key.
  std::function<std::string(const credential::CredentialFields&, const std::string& uid)> issue;
  /// The same with a key that is not on the trust list.
  std::function<std::string(const credential::CredentialFields&, const std::string& uid)>
      issue_foreign;
  // Registry facts the server-level cases use (created by the integration test).
  std::string short_agent_id = "awa";                  ///< a 3-character gate agent
  std::string long_agent_id = std::string(64, 'a');    ///< a 64-character gate agent
  std::string emape_agent_id = "fatou.emape";          ///< an EMAPE official
  std::string police_agent_id = "police.ndiaye";       ///< a border police user
  std::string disabled_agent_id = "ancien.agent";      ///< a gate agent disabled before now_ms
  std::uint32_t other_site_gate_id = 2;                ///< a gate of another site
  std::string other_site_campaign_id = "sabodala-q4";  ///< a campaign of another site
};

enum class RuleLevel {
  kLibrary,  ///< proto/rules decides (field rules)
  kServer,   ///< the server decides (device, sealing, credentials, registry)
};

struct RuleCase {
  std::string rule;  ///< what is tested, for messages
  bool inside = true;
  RuleLevel level = RuleLevel::kLibrary;
  /// The refusal's field path (outside cases).
  std::string field;
  /// ERROR_CODE_INVALID_EVENT unless said otherwise (outside cases). With
  /// ERROR_CODE_SEALED_BODY_INVALID (a string that is not UTF-8: protobuf does not parse it)
  /// the server's message cannot name the field.
  v1::ErrorCode code = v1::ERROR_CODE_INVALID_EVENT;
  /// Personal bodies travel sealed; true sends this one in clear.
  bool send_clear = false;
  /// True seals this one although its kind may travel in clear.
  bool send_sealed = false;
  /// The valid event to start from (BaseEvent), then the change that makes the case.
  v1::Event::BodyCase kind = v1::Event::kGatePassed;
  std::function<void(v1::Event&, const RuleCaseContext&)> change;
};

/// A valid event of `kind` for the context (event_id and device_seq left for the sender).
v1::Event BaseEvent(v1::Event::BodyCase kind, const RuleCaseContext& context);

/// The event of a case: BaseEvent, numbered with `event_id` and `seq`, then changed.
v1::Event CaseEvent(const RuleCase& rule_case, const RuleCaseContext& context,
                    const std::string& event_id, std::uint64_t seq);

/// Every case, inside and outside, in the order of events.proto.
std::vector<RuleCase> EventRuleCases();

/// A UUIDv7-shaped 16-byte id for `n`.
std::string CaseEventId(std::uint64_t n);

}  // namespace minegate::test
