#include "tools/minegatectl/alert_commands.hpp"

#include <limits>
#include <string>

#include "server/admin/alert_board.hpp"
#include "tools/minegatectl/audit_change.hpp"
#include "tools/minegatectl/store_access.hpp"
#include "tools/minegatectl/table.hpp"

namespace minegate::ctl {

int RunAlertPublish(const CtlContext& context) {
  const std::optional<std::string> alert_id = RequiredOption(context, "id");
  if (!alert_id) return kExitUsage;
  const std::optional<std::string> text_fr = RequiredOption(context, "fr");
  if (!text_fr) return kExitUsage;
  const std::optional<std::string> text_en = RequiredOption(context, "en");
  if (!text_en) return kExitUsage;
  bool bad = false;
  const std::optional<std::int64_t> expires_at =
      IntegerOption(context, "expires-at", 0, std::numeric_limits<std::int64_t>::max(), bad);
  if (bad) return kExitUsage;
  std::optional<db::Connection> connection = OpenInitialisedStore(context);
  if (!connection) return kExitRefused;
  auto change = AuditedChange::Begin(context, *connection);
  if (!change) return kExitRefused;
  change->AddTarget("alert:" + *alert_id);
  auto version = server::admin::AlertBoard(*connection)
                     .PublishAlert(*alert_id, *text_fr, *text_en, expires_at.value_or(0));
  if (!version) return change->Refuse(version.error());
  if (!change->Commit()) return kExitRefused;
  context.out << "alerte publiée / alert published: " << *alert_id << " (jusqu'au / until "
              << (expires_at.value_or(0) == 0 ? std::string("retrait / withdrawal")
                                              : FormatTime(*expires_at))
              << ", alertes / alerts v" << version.value() << ")\n";
  return kExitOk;
}

int RunAlertWithdraw(const CtlContext& context) {
  const std::optional<std::string> alert_id = RequiredOption(context, "id");
  if (!alert_id) return kExitUsage;
  std::optional<db::Connection> connection = OpenInitialisedStore(context);
  if (!connection) return kExitRefused;
  auto change = AuditedChange::Begin(context, *connection);
  if (!change) return kExitRefused;
  change->AddTarget("alert:" + *alert_id);
  auto version = server::admin::AlertBoard(*connection).WithdrawAlert(*alert_id);
  if (!version) return change->Refuse(version.error());
  if (!change->Commit()) return kExitRefused;
  context.out << "alerte retirée / alert withdrawn: " << *alert_id << " (alertes / alerts v"
              << version.value() << ")\n";
  return kExitOk;
}

}  // namespace minegate::ctl
