#include "tools/minegatectl/audit_commands.hpp"

#include <string>

#include "base/clock.hpp"
#include "base/hex.hpp"
#include "server/audit/audit_log.hpp"
#include "server/audit/chain_hash.hpp"
#include "tools/minegatectl/store_access.hpp"
#include "tools/minegatectl/table.hpp"

namespace minegate::ctl {
namespace {

namespace audit = server::audit;

/// Names the append-only triggers that are gone: the chain may still be whole, but someone
/// changed the database's schema by hand.
void WarnMissingGuards(const CtlContext& context, const audit::VerifyReport& report) {
  if (report.missing_guards.empty()) return;
  context.err << "attention / warning: déclencheurs d'ajout seul absents, la base a été modifiée "
                 "à la main / append-only triggers missing, the database was edited by hand:";
  for (const std::string& name : report.missing_guards) context.err << ' ' << name;
  context.err << '\n';
}

}  // namespace

int RunAuditVerify(const CtlContext& context) {
  std::optional<audit::ChainHead> expected;
  if (const auto text = context.args.Get("expect")) {
    auto parsed = audit::ParseChainHead(*text);
    if (!parsed) return UsageError(context, parsed.error().message() + ": " + *text);
    expected = parsed.value();
  }
  std::optional<db::Connection> connection = OpenInitialisedStore(context);
  if (!connection) return kExitRefused;
  auto report = audit::AuditLog().Verify(*connection, expected);
  if (!report) return Refused(context, report.error());
  WarnMissingGuards(context, report.value());
  if (const auto& broken = report.value().broken) {
    context.err << "minegatectl " << context.command
                << ": chaîne rompue / chain broken — entrée / entry " << broken->seq << ": "
                << audit::ChainBreakText(broken->what) << " (" << broken->detail << ")\n"
                << "  entrées intactes avant elle / intact entries before it: "
                << report.value().entries_checked << '\n';
    return kExitRefused;
  }
  const audit::ChainHead& head = report.value().head;
  context.out << "chaîne intacte / chain intact: " << head.count
              << " entrées / entries, tête / head " << base::ToHex(head.hash) << '\n';
  if (expected) {
    context.out << "conforme à la tête notée / matches the head written down: "
                << audit::FormatChainHead(*expected) << '\n';
  }
  return kExitOk;
}

int RunAuditHead(const CtlContext& context) {
  std::optional<db::Connection> connection = OpenInitialisedStore(context);
  if (!connection) return kExitRefused;
  auto head = audit::AuditLog().Head(*connection);
  if (!head) return Refused(context, head.error());
  const std::string text = audit::FormatChainHead(head.value());
  context.out << text << '\n'
              << "  entrées / entries: " << head.value().count << '\n'
              << "  empreinte de tête / head hash: " << base::ToHex(head.value().hash) << '\n'
              << "  lue le / read at: " << FormatTime(base::NowMs()) << '\n'
              << "  À noter ou signer, puis vérifier plus tard avec / write down or sign, then "
                 "check later with:\n"
              << "    minegatectl audit verify --expect " << text << '\n'
              << "  (tête lue, non vérifiée : « audit verify » recalcule la chaîne / head as "
                 "read, not verified: `audit verify` recomputes the chain)\n";
  return kExitOk;
}

}  // namespace minegate::ctl
