#include <unistd.h>

#include <chrono>
#include <string>
#include <system_error>
#include <utility>

#include "base/file.hpp"
#include "base/hex.hpp"
#include "db/backup.hpp"
#include "db/connection.hpp"
#include "db/migrations.hpp"
#include "db/query.hpp"
#include "server/admin/server_keys.hpp"
#include "server/audit/audit_log.hpp"
#include "server/store/migrations.hpp"
#include "server/store/open_store.hpp"
#include "server/tls/identity.hpp"
#include "tools/minegatectl/audit_change.hpp"
#include "tools/minegatectl/backup_commands.hpp"
#include "tools/minegatectl/backup_summary.hpp"
#include "tools/minegatectl/store_access.hpp"

namespace minegate::ctl {
namespace {

using namespace std::chrono_literals;

/// A database's name and the files SQLite keeps beside it.
void RemoveDatabaseFiles(const std::filesystem::path& database) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    ::unlink((database.string() + suffix).c_str());
  }
}

bool Exists(const std::filesystem::path& path) {
  std::error_code ignored;
  return std::filesystem::exists(path, ignored);
}

/// The backup file, opened read-only and checked to be a minegate database this binary can
/// read; nullopt after reporting why not.
std::optional<db::Connection> OpenBackup(const CtlContext& context,
                                         const std::filesystem::path& from, int& version) {
  std::error_code ignored;
  if (!std::filesystem::is_regular_file(from, ignored)) {
    Refused(context, "fichier de sauvegarde introuvable / backup file not found: " + from.string());
    return std::nullopt;
  }
  db::OpenOptions options;
  options.access = db::OpenOptions::Access::kReadOnly;
  auto connection = db::Connection::Open(from, options);
  if (!connection) {
    Refused(context, from.string() + ": " + connection.error().message());
    return std::nullopt;
  }
  auto minegate = IsMinegateDatabase(connection.value());
  auto schema = db::SchemaVersion(connection.value());
  if (!minegate || !schema) {
    const auto error = !minegate ? minegate.error() : schema.error();
    Refused(context, from.string() + ": " + error.message());
    return std::nullopt;
  }
  if (!minegate.value() || schema.value() < 1) {
    Refused(context, from.string() +
                         " : pas une sauvegarde de base minegate / not a backup of a "
                         "minegate database");
    return std::nullopt;
  }
  const auto newest = static_cast<int>(server::ServerMigrations().size());
  if (schema.value() > newest) {
    Refused(context, from.string() + ": " +
                         make_error_code(db::Errc::migration_version_ahead).message() +
                         " (schéma / schema v" + std::to_string(schema.value()) +
                         ", ce minegatectl connaît / this minegatectl knows v" +
                         std::to_string(newest) + ")");
    return std::nullopt;
  }
  version = schema.value();
  return std::move(connection).value();
}

/// The database being replaced, held so that no server can use it until the restored one has
/// its name: a connection in exclusive locking mode that has left WAL mode (which also folds
/// its -wal into it and removes it, so no stale log can be applied to the restored file).
/// Leaving WAL needs every other connection gone: a running server makes this fail.
std::optional<db::Connection> TakeOver(const CtlContext& context,
                                       const std::filesystem::path& database) {
  const auto refuse = [&](const std::string& why) -> std::optional<db::Connection> {
    Refused(context, "la base " + database.string() +
                         " est en service (serveur lancé ?) ou illisible, rien n'a été modifié / "
                         "the database is in use (server running?) or unreadable, nothing was "
                         "changed: " +
                         why);
    return std::nullopt;
  };
  db::OpenOptions options;
  options.busy_timeout = 200ms;
  auto connection = db::Connection::Open(database, options);
  if (!connection) return refuse(connection.error().message());
  if (auto locked = connection.value().Execute("PRAGMA locking_mode = EXCLUSIVE"); !locked) {
    return refuse(locked.error().message());
  }
  auto mode = db::QueryOne(connection.value(), "PRAGMA journal_mode = DELETE",
                           [](const db::Statement& row) { return row.ColumnText(0); });
  if (!mode) return refuse(mode.error().message());
  if (mode.value() != "delete") return refuse("journal_mode " + mode.value());
  // The exclusive lock, taken now and kept until the connection closes.
  if (auto held = connection.value().Execute("BEGIN EXCLUSIVE; COMMIT"); !held) {
    return refuse(held.error().message());
  }
  return std::move(connection).value();
}

/// Migrations, the audit chain and the restore's own entry, on the staged copy before it gets
/// the database's name. False after reporting.
bool PrepareStaged(const CtlContext& context, const std::filesystem::path& staged,
                   const std::filesystem::path& from, int from_version, DatabaseSummary& summary) {
  auto connection = server::OpenStore(staged);
  if (!connection) {
    Refused(context, "migration: " + connection.error().message());
    return false;
  }
  auto version = db::SchemaVersion(connection.value());
  if (version && version.value() != from_version) {
    context.out << "schéma mis à jour / schema upgraded: v" << from_version << " → v"
                << version.value() << '\n';
  }
  auto verified = server::audit::AuditLog().Verify(connection.value());
  if (!verified) {
    Refused(context, "audit: " + verified.error().message());
    return false;
  }
  if (const auto& broken = verified.value().broken) {
    Refused(context,
            "chaîne d'audit de la sauvegarde rompue, rien n'a été restauré / the "
            "backup's audit chain is broken, nothing was restored — entrée / entry " +
                std::to_string(broken->seq) + ": " +
                std::string(server::audit::ChainBreakText(broken->what)));
    return false;
  }
  // The restored log says it was restored, by whom, from which file.
  server::audit::AuditEntry entry = CommandEntry(context);
  entry.targets = {"backup:" + from.string()};
  if (!RecordEntry(context, connection.value(), std::move(entry))) return false;
  auto read = Summarise(connection.value());
  if (!read) {
    Refused(context, read.error());
    return false;
  }
  summary = read.value();
  context.out << "chaîne d'audit intacte / audit chain intact: " << verified.value().head.count
              << " entrées / entries avant la restauration / before the restore\n";
  return true;
}

void PrintKeysStatus(const CtlContext& context) {
  const auto sealing = server::admin::ServerKeys::SecretKeyPath(context.data_dir);
  const auto certificate = context.data_dir / server::tls::kGeneratedCertificateFile;
  if (!Exists(sealing)) {
    context.out << "À FAIRE avant de démarrer le serveur / TO DO before starting the server: "
                   "remettre la clé de scellement de votre sauvegarde des clés / put back the "
                   "sealing key from your key backup: "
                << sealing.string() << " (et / and " << sealing.parent_path().string()
                << "/sealing.pub)\n";
  }
  if (!Exists(certificate)) {
    context.out << "Sans " << certificate.string() << " et sa clé, le serveur en créera un "
                << "nouveau et les bornes, qui épinglent l'ancien, devront être réinscrites /\n"
                << "Without " << certificate.string() << " and its key, the server makes a new "
                << "one and the kiosks, which pin the old one, must be enrolled again.\n";
  }
}

}  // namespace

int RunRestore(const CtlContext& context) {
  const std::optional<std::string> from_text = RequiredOption(context, "from");
  if (!from_text) return kExitUsage;
  const std::filesystem::path from = *from_text;
  const bool replace = context.args.Has("replace");
  const std::filesystem::path database = DatabasePath(context.data_dir);

  int from_version = 0;
  std::optional<db::Connection> backup = OpenBackup(context, from, from_version);
  if (!backup) return kExitRefused;

  std::optional<db::Connection> replaced;
  if (Exists(database)) {
    if (!replace) {
      return Refused(context, "une base existe déjà dans / a database already exists in " +
                                  context.data_dir.string() +
                                  " : rien n'a été modifié ; --replace la remplace, serveur "
                                  "arrêté / nothing was changed; --replace replaces it, with the "
                                  "server stopped");
    }
    replaced = TakeOver(context, database);
    if (!replaced) return kExitRefused;
  } else {
    if (!PrepareDataDir(context)) return kExitRefused;
    // A log or index left by a database that is gone would be applied to the restored file.
    for (const char* suffix : {"-wal", "-shm", "-journal"}) {
      const std::filesystem::path stale = database.string() + suffix;
      if (Exists(stale) && ::unlink(stale.c_str()) == 0) {
        context.out << "fichier orphelin supprimé / orphan file removed: " << stale.string()
                    << '\n';
      }
    }
  }

  // The copy is staged under a name of its own until it is checked, migrated and audited: only
  // then does it become the database.
  const std::filesystem::path staged = database.string() + ".restoring";
  RemoveDatabaseFiles(staged);
  db::BackupOptions options;
  if (context.args.Has("quick-check")) options.check = db::IntegrityCheck::kQuick;
  const auto started = std::chrono::steady_clock::now();
  auto copied = db::Backup::Copy(*backup, staged, options);
  backup.reset();
  if (!copied) {
    return Refused(context, from.string() +
                                " : sauvegarde illisible ou endommagée, rien n'a été "
                                "restauré / backup unreadable or damaged, nothing was "
                                "restored: " +
                                copied.error().message());
  }
  DatabaseSummary summary;
  if (!PrepareStaged(context, staged, from, from_version, summary)) {
    RemoveDatabaseFiles(staged);
    return kExitRefused;
  }
  if (Exists(staged.string() + "-wal")) {
    RemoveDatabaseFiles(staged);
    return Refused(context,
                   "copie restaurée encore ouverte ailleurs / restored copy still open "
                   "elsewhere: " +
                       staged.string());
  }
  auto placed = base::MoveFileDurably(
      staged, database, replace ? base::WriteMode::replace : base::WriteMode::create_new);
  replaced.reset();  // The old database's lock, held until the new one had its name.
  if (!placed) {
    RemoveDatabaseFiles(staged);
    return Refused(context, database.string() + ": " + placed.error().message());
  }
  context.out << "base restaurée / database restored: " << database.string() << " ← "
              << from.string() << '\n';
  PrintCopy(context.out, copied.value(), summary, std::chrono::steady_clock::now() - started);
  PrintKeysStatus(context);
  return kExitOk;
}

}  // namespace minegate::ctl
