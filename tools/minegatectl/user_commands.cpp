#include "tools/minegatectl/user_commands.hpp"

#include <algorithm>
#include <charconv>
#include <functional>
#include <limits>
#include <string>

#include "proto/credential/hex.hpp"
#include "server/admin/error.hpp"
#include "server/admin/role.hpp"
#include "server/admin/user_registry.hpp"
#include "tools/minegatectl/audit_change.hpp"
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

/// `--sites 1,4`: the sites a kiosk agent works at. nullopt (after a usage message) when the
/// list is not comma-separated site ids.
std::optional<std::vector<std::int64_t>> SitesOption(const CtlContext& context) {
  std::vector<std::int64_t> sites;
  const std::optional<std::string> text = context.args.Get("sites");
  if (!text) return sites;
  std::size_t start = 0;
  while (start <= text->size()) {
    const std::size_t comma = std::min(text->find(',', start), text->size());
    std::int64_t site = 0;
    const auto [end, error] = std::from_chars(text->data() + start, text->data() + comma, site);
    if (error != std::errc() || end != text->data() + comma || site <= 0) {
      UsageError(context,
                 "--sites : identifiants de site séparés par des virgules (1,4) / "
                 "comma-separated site ids (1,4): " +
                     *text);
      return std::nullopt;
    }
    sites.push_back(site);
    start = comma + 1;
  }
  return sites;
}

std::string SiteList(const std::vector<std::int64_t>& sites) {
  std::string text;
  for (const std::int64_t site : sites) text += (text.empty() ? "" : ",") + std::to_string(site);
  return text.empty() ? "-" : text;
}

/// The shape of `user set-password`, `reset-password` and `set-pin`: --id and a secret read
/// from the file `secret_option` names, given to `replace` inside one audited change.
int ReplaceSecret(const CtlContext& context, const char* secret_option,
                  const std::function<admin::Result<void>(admin::UserRegistry&, const std::string&,
                                                          const std::string&)>& replace,
                  std::string_view done) {
  const std::optional<std::string> user_id = RequiredOption(context, "id");
  if (!user_id) return kExitUsage;
  const std::optional<std::string> secret_file = RequiredOption(context, secret_option);
  if (!secret_file) return kExitUsage;
  const std::optional<std::string> secret = ReadSecret(context, secret_option, *secret_file);
  if (!secret) return kExitRefused;
  std::optional<db::Connection> connection = OpenInitialisedStore(context);
  if (!connection) return kExitRefused;
  auto change = AuditedChange::Begin(context, *connection);
  if (!change) return kExitRefused;
  change->AddTarget("user:" + *user_id);
  admin::UserRegistry users(*connection);
  if (auto replaced = replace(users, *user_id, *secret); !replaced) {
    return change->Refuse(replaced.error());
  }
  if (!change->Commit()) return kExitRefused;
  context.out << done << *user_id << '\n';
  return kExitOk;
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
  const std::optional<std::vector<std::int64_t>> sites = SitesOption(context);
  if (!sites) return kExitUsage;
  const std::optional<std::string> password = ReadSecret(context, "password-file", *password_file);
  if (!password) return kExitRefused;
  std::optional<std::string> pin;
  if (pin_file) {
    pin = ReadSecret(context, "pin-file", *pin_file);
    if (!pin) return kExitRefused;
  }
  std::optional<db::Connection> connection = OpenInitialisedStore(context);
  if (!connection) return kExitRefused;
  auto change = AuditedChange::Begin(context, *connection);
  if (!change) return kExitRefused;
  change->AddTarget("user:" + *user_id);
  for (const std::int64_t site : *sites) change->AddTarget("site:" + std::to_string(site));
  auto added =
      admin::UserRegistry(*connection)
          .AddUser(*user_id, *name, *role, *password,
                   pin ? std::optional<std::string_view>(*pin) : std::nullopt, *card_uid, *sites);
  if (!added) return change->Refuse(added.error());
  if (!change->Commit()) return kExitRefused;
  context.out << "utilisateur créé / user created: " << *user_id << " (" << *role_name
              << (pin ? ", PIN" : "")
              << (card_uid->empty() ? "" : ", carte / card " + credential::ToHex(*card_uid))
              << (sites->empty() ? "" : ", sites " + SiteList(*sites)) << ")\n";
  return kExitOk;
}

int RunUserSetPassword(const CtlContext& context) {
  return ReplaceSecret(
      context, "password-file",
      [](admin::UserRegistry& users, const std::string& user_id, const std::string& password) {
        return users.SetPassword(user_id, password);
      },
      "mot de passe changé / password changed: ");
}

int RunUserResetPassword(const CtlContext& context) {
  // The same call as the administrators' page: sessions end, API tokens are revoked, and the
  // user must choose a new password at the next sign-in.
  return ReplaceSecret(
      context, "password-file",
      [](admin::UserRegistry& users, const std::string& user_id, const std::string& password) {
        return users.ForcePasswordReset(user_id, password);
      },
      "mot de passe provisoire posé, à changer à la prochaine connexion / temporary password "
      "set, to be changed at the next sign-in: ");
}

int RunUserSetPin(const CtlContext& context) {
  return ReplaceSecret(
      context, "pin-file",
      [](admin::UserRegistry& users, const std::string& user_id, const std::string& pin) {
        return users.SetPin(user_id, pin);
      },
      "code PIN changé / PIN changed: ");
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
  auto change = AuditedChange::Begin(context, *connection);
  if (!change) return kExitRefused;
  change->AddTarget("user:" + *user_id);
  auto set = admin::UserRegistry(*connection).SetStaffCard(*user_id, *uid);
  if (!set) return change->Refuse(set.error());
  if (!change->Commit()) return kExitRefused;
  if (clear) {
    context.out << "carte d'agent retirée / staff card cleared: " << *user_id << '\n';
  } else {
    context.out << "carte d'agent enregistrée / staff card set: " << *user_id << " ("
                << credential::ToHex(*uid) << ")\n";
  }
  return kExitOk;
}

int RunUserSite(const CtlContext& context, bool assign) {
  const std::optional<std::string> user_id = RequiredOption(context, "id");
  if (!user_id) return kExitUsage;
  bool bad = false;
  const std::optional<std::int64_t> site =
      IntegerOption(context, "site", 1, std::numeric_limits<std::uint32_t>::max(), bad);
  if (bad) return kExitUsage;
  if (!site) {
    RequiredOption(context, "site");  // says which option is missing
    return kExitUsage;
  }
  std::optional<db::Connection> connection = OpenInitialisedStore(context);
  if (!connection) return kExitRefused;
  auto change = AuditedChange::Begin(context, *connection);
  if (!change) return kExitRefused;
  change->AddTarget("user:" + *user_id);
  change->AddTarget("site:" + std::to_string(*site));
  admin::UserRegistry users(*connection);
  auto done = assign ? users.AssignSite(*user_id, *site) : users.UnassignSite(*user_id, *site);
  if (!done) return change->Refuse(done.error());
  if (!change->Commit()) return kExitRefused;
  context.out << (assign ? "affecté au site / assigned to site: "
                         : "retiré du site / removed from site: ")
              << *user_id << " → " << *site << '\n';
  return kExitOk;
}

int RunUserAssignSite(const CtlContext& context) { return RunUserSite(context, true); }
int RunUserUnassignSite(const CtlContext& context) { return RunUserSite(context, false); }

int RunUserDisable(const CtlContext& context) {
  const std::optional<std::string> user_id = RequiredOption(context, "id");
  if (!user_id) return kExitUsage;
  std::optional<db::Connection> connection = OpenInitialisedStore(context);
  if (!connection) return kExitRefused;
  auto change = AuditedChange::Begin(context, *connection);
  if (!change) return kExitRefused;
  change->AddTarget("user:" + *user_id);
  auto disabled = admin::UserRegistry(*connection).DisableUser(*user_id);
  if (!disabled) return change->Refuse(disabled.error());
  if (!change->Commit()) return kExitRefused;
  context.out << "utilisateur désactivé / user disabled: " << *user_id << '\n';
  return kExitOk;
}

int RunUserList(const CtlContext& context) {
  std::optional<db::Connection> connection = OpenInitialisedStore(context);
  if (!connection) return kExitRefused;
  auto users = admin::UserRegistry(*connection).ListUsers();
  if (!users) return Refused(context, users.error());
  Table table({"ID", "NOM / NAME", "RÔLE / ROLE", "MOT DE PASSE / PASSWORD", "PIN", "CARTE / CARD",
               "SITES", "COMPROMIS / COMPROMISED", "DÉSACTIVÉ / DISABLED"});
  bool any_compromised = false;
  for (const admin::UserInfo& user : users.value()) {
    std::string compromised = "non/no";
    if (user.pin_compromised_at_ms || user.card_compromised_at_ms) {
      any_compromised = true;
      compromised = std::string(user.pin_compromised_at_ms ? "PIN" : "") +
                    (user.pin_compromised_at_ms && user.card_compromised_at_ms ? "+" : "") +
                    (user.card_compromised_at_ms ? "carte/card" : "") + " (" +
                    user.compromised_by_device + ")";
    }
    table.AddRow({user.user_id, user.display_name, std::string(admin::RoleName(user.role)),
                  YesNo(user.has_password), YesNo(user.has_pin),
                  user.staff_card_uid.empty() ? "non/no" : credential::ToHex(user.staff_card_uid),
                  SiteList(user.site_ids), compromised,
                  user.disabled_at_ms ? FormatTime(*user.disabled_at_ms) : "non/no"});
  }
  table.Print(context.out);
  if (any_compromised) {
    context.out << "Un PIN ou une carte compromis n'est plus envoyé aux bornes : fixez-en un "
                   "nouveau (user set-pin, user set-card).\n"
                   "A compromised PIN or card is no longer sent to kiosks: set a new one "
                   "(user set-pin, user set-card).\n";
  }
  return kExitOk;
}

}  // namespace minegate::ctl
