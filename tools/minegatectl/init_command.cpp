#include "tools/minegatectl/init_command.hpp"

#include <string>
#include <system_error>
#include <utility>

#include "db/migrations.hpp"
#include "proto/credential/hex.hpp"
#include "server/admin/role.hpp"
#include "server/admin/server_keys.hpp"
#include "server/admin/user_registry.hpp"
#include "server/store/open_store.hpp"
#include "tools/minegatectl/audit_change.hpp"
#include "tools/minegatectl/secret_input.hpp"
#include "tools/minegatectl/store_access.hpp"

namespace minegate::ctl {
namespace {

namespace admin = server::admin;

/// True when the database exists and already has an account: the server is initialised.
/// `error` is set when that cannot be determined.
bool AlreadyInitialised(const std::filesystem::path& database, std::string& error) {
  std::error_code ignored;
  if (!std::filesystem::exists(database, ignored)) return false;
  auto connection = server::OpenStore(database);
  if (!connection) {
    error = database.string() + ": " + connection.error().message();
    return false;
  }
  auto users = admin::UserRegistry(connection.value()).ListUsers();
  if (!users) {
    error = database.string() + ": " + users.error().message();
    return false;
  }
  return !users.value().empty();
}

}  // namespace

int RunInit(const CtlContext& context) {
  const std::optional<std::string> admin_id = RequiredOption(context, "admin");
  if (!admin_id) return kExitUsage;
  const std::optional<std::string> password_file = RequiredOption(context, "password-file");
  if (!password_file) return kExitUsage;
  const std::string display_name = context.args.Get("name").value_or(*admin_id);

  // Everything that can be checked is checked before anything is created.
  if (auto ok = admin::CheckUserId(*admin_id); !ok) return Refused(context, ok.error());
  const std::optional<std::string> password = ReadSecret(context, "password-file", *password_file);
  if (!password) return kExitRefused;
  if (auto ok = admin::CheckPassword(*password); !ok) return Refused(context, ok.error());
  const std::filesystem::path database = DatabasePath(context.data_dir);
  std::string problem;
  if (AlreadyInitialised(database, problem)) {
    // Someone tried to initialise a running server again: worth an entry of its own.
    if (auto connection = server::OpenStore(database)) {
      server::audit::AuditEntry refusal = CommandEntry(context);
      refusal.targets = {"user:" + *admin_id};
      refusal.outcome = "refused:minegatectl.already_initialised";
      RecordEntry(context, connection.value(), std::move(refusal));
    }
    return Refused(context,
                   "déjà initialisé, rien n'a été modifié / already initialised, "
                   "nothing was changed: " +
                       context.data_dir.string());
  }
  if (!problem.empty()) return Refused(context, problem);

  if (!PrepareDataDir(context)) return kExitRefused;

  std::error_code ignored;
  const bool had_key =
      std::filesystem::exists(admin::ServerKeys::SecretKeyPath(context.data_dir), ignored);
  auto keys = admin::ServerKeys::LoadOrCreate(context.data_dir);
  if (!keys) return Refused(context, keys.error());
  context.out << (had_key ? "clé de scellement existante conservée / existing sealing key kept: "
                          : "clé de scellement créée / sealing key created: ")
              << admin::ServerKeys::SecretKeyPath(context.data_dir).string() << " (id "
              << credential::ToHex(keys.value().key_id()) << ")\n";

  const bool had_database = std::filesystem::exists(database, ignored);
  auto connection = server::OpenStore(database);
  if (!connection) return Refused(context, connection.error());
  auto version = db::SchemaVersion(connection.value());
  context.out << (had_database ? "base de données existante / existing database: "
                               : "base de données créée / database created: ")
              << database.string() << " (schéma / schema v" << (version ? version.value() : 0)
              << ")\n";

  // The first entry of the audit log: who initialised the server, as whom.
  auto change = AuditedChange::Begin(context, connection.value());
  if (!change) return kExitRefused;
  change->AddTarget("user:" + *admin_id);
  admin::UserRegistry users(connection.value());
  auto added = users.AddUser(*admin_id, display_name, admin::Role::kAdministrator, *password);
  if (!added) return change->Refuse(added.error());
  if (!change->Commit()) return kExitRefused;
  context.out << "administrateur créé / administrator created: " << *admin_id << '\n'
              << "minegate initialisé / minegate initialised: " << context.data_dir.string()
              << '\n';
  return kExitOk;
}

}  // namespace minegate::ctl
