#include "tools/minegatectl/rules_commands.hpp"

#include <iostream>
#include <iterator>

#include "base/file.hpp"
#include "server/protection/protection_error.hpp"
#include "server/protection/risk_reevaluator.hpp"
#include "server/protection/rule_set_store.hpp"
#include "server/risk/rule_set.hpp"
#include "tools/minegatectl/audit_change.hpp"
#include "tools/minegatectl/store_access.hpp"
#include "tools/minegatectl/table.hpp"

namespace minegate::ctl {
namespace {

namespace protection = server::protection;
namespace risk = server::risk;

/// Re-evaluation progress is printed every this many chunks (and at the end).
constexpr int kProgressEveryChunks = 10;

/// The text of --file (or standard input for "-"); a file larger than a rule set may weigh is
/// refused unread (standard input is read one byte past it, for the parser to refuse).
std::optional<std::string> ReadRuleFile(const CtlContext& context, const std::string& file) {
  if (file == "-") {
    std::string text;
    char c = 0;
    while (text.size() <= risk::kMaxRuleSetBytes && std::cin.get(c)) text.push_back(c);
    return text;
  }
  auto text = base::ReadFileBounded(file, risk::kMaxRuleSetBytes);
  if (!text) {
    Refused(context, "--file " + file + ": " + text.error().message());
    return std::nullopt;
  }
  return std::move(text).value();
}

/// "FILE:LINE:COLUMN: français / English", one per error, as compilers print them.
void PrintErrors(const CtlContext& context, const std::vector<risk::RuleSetError>& errors) {
  const std::string file = context.args.Get("file").value_or("-");
  for (const risk::RuleSetError& error : errors) {
    context.err << file << ':' << error.Text() << '\n';
  }
  context.err << errors.size() << " erreur(s), rien n'a changé / error(s), nothing changed\n";
}

}  // namespace

int RunRulesCheck(const CtlContext& context) {
  const std::optional<std::string> file = RequiredOption(context, "file");
  if (!file) return kExitUsage;
  const std::optional<std::string> text = ReadRuleFile(context, *file);
  if (!text) return kExitRefused;
  auto parsed = risk::ParseRuleSet(*text);
  if (!parsed) {
    PrintErrors(context, parsed.error());
    return kExitRefused;
  }
  context.out << "valide / valid: " << parsed.value().version() << ", "
              << parsed.value().rules().size() << " indicateur(s) / indicator(s)\n";
  return kExitOk;
}

int RunRulesUpload(const CtlContext& context) {
  const std::optional<std::string> file = RequiredOption(context, "file");
  if (!file) return kExitUsage;
  const std::optional<std::string> text = ReadRuleFile(context, *file);
  if (!text) return kExitRefused;
  std::optional<db::Connection> connection = OpenInitialisedStore(context);
  if (!connection) return kExitRefused;
  auto change = AuditedChange::Begin(context, *connection);
  if (!change) return kExitRefused;
  // minegatectl is no user of the registry: the entry names the operating-system user.
  auto uploaded = protection::RuleSetStore(*connection).Upload(*text, std::nullopt, true);
  if (!uploaded) return change->Refuse(uploaded.error());
  if (!uploaded.value().errors.empty()) {
    PrintErrors(context, uploaded.value().errors);
    return change->Refuse(make_error_code(protection::Errc::rule_set_invalid));
  }
  change->AddTarget("rule_set:" + uploaded.value().version);
  if (!change->Commit()) return kExitRefused;
  context.out << "règles actives / active rules: " << uploaded.value().version
              << (uploaded.value().already_stored ? " (déjà enregistrées / already stored)" : "")
              << "\n";

  // The server's monitor uses the new version from its next batch; the persons already
  // registered are re-evaluated here (a stop part way is resumed by the server at its start).
  auto reevaluator = protection::RiskReevaluator::Create(*connection);
  if (!reevaluator) return Refused(context, reevaluator.error());
  int chunks = 0;
  auto done = reevaluator.value()->Run([&](const protection::ReevaluationProgress& progress) {
    if (++chunks % kProgressEveryChunks != 0 && !progress.finished) return;
    context.out << "réévaluation / re-evaluation: " << progress.persons_done << " / "
                << progress.persons_total << "\n";
  });
  if (!done) return Refused(context, done.error());
  return kExitOk;
}

int RunRulesShow(const CtlContext& context) {
  std::optional<db::Connection> connection = OpenInitialisedStore(context);
  if (!connection) return kExitRefused;
  protection::RuleSetStore store(*connection);
  if (const auto version = context.args.Get("rule-set")) {
    auto stored = store.Get(*version);
    if (!stored) return Refused(context, stored.error());
    if (!stored.value()) {
      return Refused(context, make_error_code(protection::Errc::unknown_rule_set));
    }
    // Exactly as stored: `rules show --rule-set V > rules.textproto` gives a file to edit.
    context.out << stored.value()->text;
    return kExitOk;
  }
  auto versions = store.List();
  if (!versions) return Refused(context, versions.error());
  Table table({"VERSION", "ACTIVE", "DÉPOSÉE / UPLOADED", "PAR / BY", "SHA-256"});
  for (const protection::RuleSetVersion& version : versions.value()) {
    std::string by = version.uploaded_by.value_or("");
    if (by.empty()) {
      by = version.version == risk::DefaultRuleSet().version() ? "intégrées / built-in"
                                                               : "minegatectl";
    }
    table.AddRow({version.version, version.active ? "oui / yes" : "",
                  FormatTime(version.uploaded_at_ms), by, version.sha256_hex.substr(0, 16)});
  }
  table.Print(context.out);
  auto reevaluator = protection::RiskReevaluator::Create(*connection);
  if (!reevaluator) return Refused(context, reevaluator.error());
  auto pending = reevaluator.value()->Pending();
  if (!pending) return Refused(context, pending.error());
  if (pending.value().finished) {
    context.out << "réévaluation : aucune en cours / re-evaluation: none pending\n";
  } else {
    context.out << "réévaluation en cours / re-evaluation pending: "
                << pending.value().rule_set_version << ", " << pending.value().persons_done << " / "
                << pending.value().persons_total << "\n";
  }
  return kExitOk;
}

}  // namespace minegate::ctl
