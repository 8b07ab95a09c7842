#include "server/api/census_card_routes.hpp"

#include <span>

#include "base/hex.hpp"
#include "minegate/v1/census.pb.h"
#include "server/admin/error.hpp"
#include "server/admin/miner_card_series.hpp"
#include "server/api/request_reading.hpp"

namespace minegate::server::api {
ApiHandler RevokeMinerCardHandler() {
  return [](ApiCall& call) {
    const std::string& number = call.params.at("number");
    call.audit.targets.push_back("card:" + number);
    v1::RevokeMinerCardRequest request;
    if (auto problem = ReadBody(call.request, request)) return ProblemReply(*problem);
    const std::string revoked_by = call.principal != nullptr ? call.principal->user_id : "";
    auto revoked = admin::RevokeMinerCard(call.connection, number, request.reason(), revoked_by,
                                          [now = call.now_ms] { return now; });
    if (!revoked) return ProblemReply(ProblemOf(revoked.error()));
    const admin::CardRevocation& r = revoked.value();
    call.audit.person_tokens.push_back(base::ToHex(std::span(r.person_token)));
    v1::MinerCardRevocation answer;
    answer.set_card_number(r.card_number);
    answer.set_revoked_at_ms(r.revoked_at_ms);
    answer.set_revoked_by(revoked_by);
    answer.set_reason(request.reason());
    answer.set_revoked_list_version(static_cast<std::uint64_t>(r.list_version));
    answer.set_cards(static_cast<std::uint32_t>(r.card_uids.size()));
    return JsonReply(answer);
  };
}

}  // namespace minegate::server::api
