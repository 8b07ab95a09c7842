#include "tools/minegatectl/user_commands.hpp"

#include <string>

#include "server/admin/error.hpp"
#include "server/admin/role.hpp"
#include "server/admin/user_registry.hpp"
#include "tools/minegatectl/secret_input.hpp"
#include "tools/minegatectl/store_access.hpp"
#include "tools/minegatectl/table.hpp"

namespace minegate::ctl {
namespace {

namespace admin = server::admin;

std::string RoleList() {
  std::string list;
  for (admin::Role role : admin::AllRoles()) {
    if (!list.empty()) list += ", ";
    list += admin::RoleName(role);
  }
  return list;
}

std::string YesNo(bool value) { return value ? "oui/yes" : "non/no"; }

}  // namespace

int RunUserAdd(const CtlContext& context) {
  const std::optional<std::string> user_id = RequiredOption(context, "id");
  if (!user_id) return kExitUsage;
  const std::optional<std::string> name = RequiredOption(context, "name");
  if (!name) return kExitUsage;
  const std::optional<std::string> role_name = RequiredOption(context, "role");
  if (!role_name) return kExitUsage;
  const std::optional<admin::Role> role = admin::ParseRole(*role_name);
  if (!role) {
    return UsageError(context, make_error_code(admin::Errc::unknown_role).message() + ": " +
                                   *role_name + " (" + RoleList() + ")");
  }
  const std::optional<std::string> password_file = RequiredOption(context, "password-file");
  if (!password_file) return kExitUsage;
  const std::optional<std::string> pin_file = context.args.Get("pin-file");
  if (*password_file == "-" && pin_file == "-") {
    return UsageError(context,
                      "un seul secret peut venir de l'entrée standard / "
                      "only one secret can come from standard input");
  }
  const std::optional<std::string> password = ReadSecret(context, "password-file", *password_file);
  if (!password) return kExitRefused;
  std::optional<std::string> pin;
  if (pin_file) {
    pin = ReadSecret(context, "pin-file", *pin_file);
    if (!pin) return kExitRefused;
  }
  std::optional<db::Connection> connection = OpenInitialisedStore(context);
  if (!connection) return kExitRefused;
  auto added = admin::UserRegistry(*connection)
                   .AddUser(*user_id, *name, *role, *password,
                            pin ? std::optional<std::string_view>(*pin) : std::nullopt);
  if (!added) return Refused(context, added.error());
  context.out << "utilisateur créé / user created: " << *user_id << " (" << *role_name
              << (pin ? ", PIN" : "") << ")\n";
  return kExitOk;
}

int RunUserSetPassword(const CtlContext& context) {
  const std::optional<std::string> user_id = RequiredOption(context, "id");
  if (!user_id) return kExitUsage;
  const std::optional<std::string> password_file = RequiredOption(context, "password-file");
  if (!password_file) return kExitUsage;
  const std::optional<std::string> password = ReadSecret(context, "password-file", *password_file);
  if (!password) return kExitRefused;
  std::optional<db::Connection> connection = OpenInitialisedStore(context);
  if (!connection) return kExitRefused;
  auto set = admin::UserRegistry(*connection).SetPassword(*user_id, *password);
  if (!set) return Refused(context, set.error());
  context.out << "mot de passe changé / password changed: " << *user_id << '\n';
  return kExitOk;
}

int RunUserSetPin(const CtlContext& context) {
  const std::optional<std::string> user_id = RequiredOption(context, "id");
  if (!user_id) return kExitUsage;
  const std::optional<std::string> pin_file = RequiredOption(context, "pin-file");
  if (!pin_file) return kExitUsage;
  const std::optional<std::string> pin = ReadSecret(context, "pin-file", *pin_file);
  if (!pin) return kExitRefused;
  std::optional<db::Connection> connection = OpenInitialisedStore(context);
  if (!connection) return kExitRefused;
  auto set = admin::UserRegistry(*connection).SetPin(*user_id, *pin);
  if (!set) return Refused(context, set.error());
  context.out << "code PIN changé / PIN changed: " << *user_id << '\n';
  return kExitOk;
}

int RunUserDisable(const CtlContext& context) {
  const std::optional<std::string> user_id = RequiredOption(context, "id");
  if (!user_id) return kExitUsage;
  std::optional<db::Connection> connection = OpenInitialisedStore(context);
  if (!connection) return kExitRefused;
  auto disabled = admin::UserRegistry(*connection).DisableUser(*user_id);
  if (!disabled) return Refused(context, disabled.error());
  context.out << "utilisateur désactivé / user disabled: " << *user_id << '\n';
  return kExitOk;
}

int RunUserList(const CtlContext& context) {
  std::optional<db::Connection> connection = OpenInitialisedStore(context);
  if (!connection) return kExitRefused;
  auto users = admin::UserRegistry(*connection).ListUsers();
  if (!users) return Refused(context, users.error());
  Table table({"ID", "NOM / NAME", "RÔLE / ROLE", "MOT DE PASSE / PASSWORD", "PIN",
               "DÉSACTIVÉ / DISABLED"});
  for (const admin::UserInfo& user : users.value()) {
    table.AddRow({user.user_id, user.display_name, std::string(admin::RoleName(user.role)),
                  YesNo(user.has_password), YesNo(user.has_pin),
                  user.disabled_at_ms ? FormatTime(*user.disabled_at_ms) : "non/no"});
  }
  table.Print(context.out);
  return kExitOk;
}

}  // namespace minegate::ctl
