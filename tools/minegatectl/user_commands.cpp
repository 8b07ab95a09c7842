#include "tools/minegatectl/user_commands.hpp"

#include <string>

#include "proto/credential/hex.hpp"
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

/// A staff card UID option as bytes; nullopt after a usage error for text that is not hex. The
/// length (4, 7 or 10 bytes) is the registry's to check, so the refusal names it.
std::optional<std::vector<std::uint8_t>> CardUidOption(const CtlContext& context,
                                                       std::string_view name) {
  const std::optional<std::string> text = context.args.Get(name);
  if (!text) return std::vector<std::uint8_t>();
  std::optional<std::vector<std::uint8_t>> uid = credential::FromHex(*text);
  if (!uid || uid->empty()) {
    UsageError(context, "--" + std::string(name) +
                            " attend l'UID de la carte en hexadécimal (ex. 04A1B2C3) / "
                            "expects the card UID in hex (e.g. 04A1B2C3): " +
                            *text);
    return std::nullopt;
  }
  return uid;
}

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
  const std::optional<std::vector<std::uint8_t>> card_uid = CardUidOption(context, "card-uid");
  if (!card_uid) return kExitUsage;
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
                            pin ? std::optional<std::string_view>(*pin) : std::nullopt, *card_uid);
  if (!added) return Refused(context, added.error());
  context.out << "utilisateur créé / user created: " << *user_id << " (" << *role_name
              << (pin ? ", PIN" : "")
              << (card_uid->empty() ? "" : ", carte / card " + credential::ToHex(*card_uid))
              << ")\n";
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

int RunUserSetCard(const CtlContext& context) {
  const std::optional<std::string> user_id = RequiredOption(context, "id");
  if (!user_id) return kExitUsage;
  const bool clear = context.args.Has("clear");
  if (clear == context.args.Has("uid")) {
    return UsageError(context,
                      "donnez --uid HEX ou --clear, pas les deux / give --uid HEX or --clear, "
                      "not both");
  }
  const std::optional<std::vector<std::uint8_t>> uid = CardUidOption(context, "uid");
  if (!uid) return kExitUsage;
  std::optional<db::Connection> connection = OpenInitialisedStore(context);
  if (!connection) return kExitRefused;
  auto set = admin::UserRegistry(*connection).SetStaffCard(*user_id, *uid);
  if (!set) return Refused(context, set.error());
  if (clear) {
    context.out << "carte d'agent retirée / staff card cleared: " << *user_id << '\n';
  } else {
    context.out << "carte d'agent enregistrée / staff card set: " << *user_id << " ("
                << credential::ToHex(*uid) << ")\n";
  }
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
  Table table({"ID", "NOM / NAME", "RÔLE / ROLE", "MOT DE PASSE / PASSWORD", "PIN", "CARTE / CARD",
               "DÉSACTIVÉ / DISABLED"});
  for (const admin::UserInfo& user : users.value()) {
    table.AddRow({user.user_id, user.display_name, std::string(admin::RoleName(user.role)),
                  YesNo(user.has_password), YesNo(user.has_pin),
                  user.staff_card_uid.empty() ? "non/no" : credential::ToHex(user.staff_card_uid),
                  user.disabled_at_ms ? FormatTime(*user.disabled_at_ms) : "non/no"});
  }
  table.Print(context.out);
  return kExitOk;
}

}  // namespace minegate::ctl
