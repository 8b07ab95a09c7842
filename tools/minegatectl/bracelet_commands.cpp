#include "tools/minegatectl/bracelet_commands.hpp"

#include "proto/credential/hex.hpp"
#include "server/admin/bracelet_revocations.hpp"
#include "tools/minegatectl/audit_change.hpp"
#include "tools/minegatectl/store_access.hpp"

namespace minegate::ctl {
namespace {

namespace admin = server::admin;

}  // namespace

int RunBraceletRevoke(const CtlContext& context) {
  const std::optional<std::string> uid_text = RequiredOption(context, "uid");
  if (!uid_text) return kExitUsage;
  const std::optional<std::string> reason_name = RequiredOption(context, "reason");
  if (!reason_name) return kExitUsage;
  std::string hex;
  for (const char c : *uid_text) {
    if (c != ':' && c != ' ') hex.push_back(c);
  }
  const auto uid = credential::FromHex(hex);
  if (!uid) {
    return UsageError(context,
                      "--uid : octets hexadécimaux attendus / hex bytes expected: " + *uid_text);
  }
  const std::optional<v1::RevocationReason> reason = admin::ParseRevocationReason(*reason_name);
  if (!reason) {
    return UsageError(context, make_error_code(admin::Errc::bad_revocation_reason).message());
  }
  const std::string note = context.args.Get("note").value_or("");
  std::optional<db::Connection> connection = OpenInitialisedStore(context);
  if (!connection) return kExitRefused;
  auto change = AuditedChange::Begin(context, *connection);
  if (!change) return kExitRefused;
  change->AddTarget("bracelet:" + credential::ToHex(*uid));
  auto revoked = admin::RevokeBracelet(*connection, *uid, *reason, note);
  if (!revoked) return change->Refuse(revoked.error());
  if (!change->Commit()) return kExitRefused;
  context.out << "bracelet révoqué / bracelet revoked: " << credential::ToHex(*uid)
              << " (liste des bracelets révoqués / revoked-bracelet list v" << revoked.value()
              << ") ; les bornes le refusent dès qu'elles reçoivent la liste / kiosks refuse it "
                 "once they receive the list\n";
  return kExitOk;
}

}  // namespace minegate::ctl
