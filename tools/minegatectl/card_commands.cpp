#include "tools/minegatectl/card_commands.hpp"

#include <span>

#include "base/hex.hpp"
#include "server/admin/miner_card_series.hpp"
#include "tools/minegatectl/audit_change.hpp"
#include "tools/minegatectl/store_access.hpp"

namespace minegate::ctl {

int RunCardRevoke(const CtlContext& context) {
  const std::optional<std::string> number = RequiredOption(context, "number");
  if (!number) return kExitUsage;
  const std::optional<std::string> reason = RequiredOption(context, "reason");
  if (!reason) return kExitUsage;
  std::optional<db::Connection> connection = OpenInitialisedStore(context);
  if (!connection) return kExitRefused;
  auto change = AuditedChange::Begin(context, *connection);
  if (!change) return kExitRefused;
  change->AddTarget("card:" + *number);
  auto revoked = server::admin::RevokeMinerCard(*connection, *number, *reason,
                                                "minegatectl:" + OperatingSystemUser());
  if (!revoked) return change->Refuse(revoked.error());
  change->AddPersonToken(base::ToHex(std::span(revoked.value().person_token)));
  if (!change->Commit()) return kExitRefused;
  context.out << "carte révoquée / card revoked: " << *number
              << " (liste des bracelets et cartes révoqués / revoked list v"
              << revoked.value().list_version
              << ") ; les bornes la refusent dès qu'elles reçoivent la liste / kiosks refuse it "
                 "once they receive the list\n";
  return kExitOk;
}

}  // namespace minegate::ctl
