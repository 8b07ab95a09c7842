#include <chrono>
#include <string>
#include <system_error>
#include <utility>

#include "db/backup.hpp"
#include "db/connection.hpp"
#include "server/audit/audit_entry.hpp"
#include "tools/minegatectl/audit_change.hpp"
#include "tools/minegatectl/backup_commands.hpp"
#include "tools/minegatectl/backup_summary.hpp"
#include "tools/minegatectl/store_access.hpp"

namespace minegate::ctl {
namespace {

/// A read-only connection: the backup reads the server's database and must not migrate or lock
/// it. The snapshot db::Backup takes on it is what is copied.
std::optional<db::Connection> OpenForBackup(const CtlContext& context) {
  const std::filesystem::path path = DatabasePath(context.data_dir);
  std::error_code ignored;
  if (!std::filesystem::is_regular_file(path, ignored)) {
    Refused(context, "pas de base de données dans / no database in " + context.data_dir.string() +
                         " (--data-dir ?)");
    return std::nullopt;
  }
  db::OpenOptions options;
  options.access = db::OpenOptions::Access::kReadOnly;
  auto connection = db::Connection::Open(path, options);
  if (!connection) {
    Refused(context, path.string() + ": " + connection.error().message());
    return std::nullopt;
  }
  return std::move(connection).value();
}

/// The copy's own summary, read back from the file just written: what a restore will find.
db::Result<DatabaseSummary> SummariseFile(const std::filesystem::path& file) {
  db::OpenOptions options;
  options.access = db::OpenOptions::Access::kReadOnly;
  auto connection = db::Connection::Open(file, options);
  if (!connection) return connection.error();
  return Summarise(connection.value());
}

}  // namespace

int RunBackup(const CtlContext& context) {
  const std::optional<std::string> out = RequiredOption(context, "out");
  if (!out) return kExitUsage;
  const std::filesystem::path target = *out;
  std::error_code ignored;
  if (std::filesystem::exists(target, ignored)) {
    return Refused(context,
                   "le fichier existe déjà, rien n'a été écrit / the file already "
                   "exists, nothing was written: " +
                       target.string());
  }
  std::optional<db::Connection> source = OpenForBackup(context);
  if (!source) return kExitRefused;

  db::BackupOptions options;
  if (context.args.Has("quick-check")) options.check = db::IntegrityCheck::kQuick;
  options.progress = [&](std::int64_t copied, std::int64_t total) {
    context.out << "\r" << copied << " / " << total << " pages" << std::flush;
  };
  const auto started = std::chrono::steady_clock::now();
  auto copied = db::Backup::Copy(*source, target, options);
  context.out << '\n';
  source.reset();

  // A backup carries every person's record off the server: the log says who took one, where
  // and how it ended. The entry follows the copy (it is not in it), as rebuild-projections'.
  if (auto store = OpenInitialisedStore(context)) {
    server::audit::AuditEntry entry = CommandEntry(context);
    entry.targets = {"backup:" + target.string()};
    if (!copied) entry.outcome = server::audit::OutcomeOf("error", copied.error());
    RecordEntry(context, *store, std::move(entry));
  }
  if (!copied) {
    return Refused(context,
                   "sauvegarde échouée, aucun fichier écrit / backup failed, no file "
                   "written: " +
                       copied.error().message());
  }
  auto summary = SummariseFile(target);
  if (!summary) return Refused(context, target.string() + ": " + summary.error().message());
  context.out << "sauvegarde écrite et vérifiée / backup written and checked: " << target.string()
              << '\n';
  PrintCopy(context.out, copied.value(), summary.value(),
            std::chrono::steady_clock::now() - started);
  PrintKeysNotInBackup(context.out, context.data_dir);
  return kExitOk;
}

}  // namespace minegate::ctl
