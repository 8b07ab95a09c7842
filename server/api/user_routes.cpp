#include "server/api/user_routes.hpp"

#include <algorithm>
#include <set>

#include "base/hex.hpp"
#include "server/admin/user_registry.hpp"
#include "server/api/json_body.hpp"
#include "server/api/request_reading.hpp"
#include "server/api/route_table.hpp"
#include "server/api/session_routes.hpp"

namespace minegate::server::api {
namespace {

admin::UserRegistry Users(ApiCall& call) {
  return admin::UserRegistry(call.connection, [now = call.now_ms] { return now; });
}

v1::User UserOf(const admin::UserInfo& info) {
  v1::User user;
  user.set_user_id(info.user_id);
  user.set_display_name(info.display_name);
  user.set_role(ApiRoleOf(info.role));
  user.set_has_password(info.has_password);
  user.set_has_pin(info.has_pin);
  user.set_has_staff_card(!info.staff_card_uid.empty());
  std::string uid = base::ToHex(info.staff_card_uid);
  std::transform(uid.begin(), uid.end(), uid.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  user.set_staff_card_uid(uid);
  user.set_disabled_at_ms(info.disabled_at_ms.value_or(0));
  user.set_created_at_ms(info.created_at_ms);
  for (const std::int64_t site : info.site_ids) user.add_site_ids(site);
  user.set_must_change_password(info.must_change_password);
  user.set_pin_compromised(info.pin_compromised_at_ms.has_value());
  user.set_card_compromised(info.card_compromised_at_ms.has_value());
  return user;
}

/// The user `{id}` names, as it is now (after the handler's change).
ApiReply UserReply(ApiCall& call, const std::string& user_id, int status = 200) {
  auto user = Users(call).FindUser(user_id);
  if (!user) return ProblemReply(ProblemOf(user.error()));
  return JsonReply(UserOf(user.value()), status);
}

/// A staff card UID typed in hex (separators as people copy them are the hex reader's).
std::optional<std::vector<std::uint8_t>> CardUid(const std::string& text) {
  if (text.empty()) return std::vector<std::uint8_t>{};
  return base::FromHex(text);
}

ApiProblem BadCard() {
  return Problem(400, "bad_card_uid", "UID de carte : 4, 7 ou 10 octets en hexadécimal",
                 "card UID: 4, 7 or 10 bytes in hex", "staffCardUid");
}

/// The `{id}` of the path, named in the audit entry.
const std::string& TargetUser(ApiCall& call) {
  const std::string& user_id = call.params.at("id");
  call.audit.targets.push_back("user:" + user_id);
  return user_id;
}

}  // namespace

ApiHandler ListUsersHandler() {
  return [](ApiCall& call) {
    PageRequest page;
    if (auto problem = ReadPage(call.request, page)) return ProblemReply(*problem);
    auto users = Users(call).ListUsers();  // by user id
    if (!users) return ProblemReply(ProblemOf(users.error()));
    v1::UserList list;
    for (const admin::UserInfo& user : users.value()) {
      if (!page.after.empty() && user.user_id <= page.after) continue;
      if (static_cast<std::size_t>(list.users_size()) == page.limit) {
        list.set_next_cursor(EncodeCursor(list.users(list.users_size() - 1).user_id()));
        break;
      }
      *list.add_users() = UserOf(user);
    }
    call.audit.result_count = list.users_size();
    return JsonReply(list);
  };
}

ApiHandler CreateUserHandler() {
  return [](ApiCall& call) {
    v1::CreateUserRequest request;
    if (auto problem = ReadBody(call.request, request)) return ProblemReply(*problem);
    call.audit.targets.push_back("user:" + request.user_id());
    const auto role = RoleOfApi(request.role());
    if (!role) {
      return ProblemReply(Problem(400, "unknown_role", "rôle inconnu", "unknown role", "role"));
    }
    const auto card = CardUid(request.staff_card_uid());
    if (!card) return ProblemReply(BadCard());
    const std::vector<std::int64_t> sites(request.site_ids().begin(), request.site_ids().end());
    std::optional<std::string_view> pin;
    if (!request.pin().empty()) pin = request.pin();
    admin::UserRegistry users = Users(call);
    auto added = users.AddUser(request.user_id(), request.display_name(), *role, request.password(),
                               pin, *card, sites);
    if (!added) {
      ApiProblem problem = ProblemOf(added.error());
      if (problem.field == "name") problem.field = "displayName";
      return ProblemReply(problem);
    }
    // The administrator typed the first password and knows it: for an official who signs in on
    // the web it is a temporary one, replaced at the first sign-in (one more Argon2id hash, in
    // this transaction). A gate agent's password opens nothing on the web: nothing to replace.
    if (WebRoles().Contains(*role)) {
      if (auto temporary = users.ForcePasswordReset(request.user_id(), request.password());
          !temporary) {
        return ProblemReply(ProblemOf(temporary.error()));
      }
    }
    return UserReply(call, request.user_id(), 201);
  };
}

ApiHandler DisableUserHandler() {
  return [](ApiCall& call) {
    const std::string& user_id = TargetUser(call);
    if (call.principal != nullptr && call.principal->user_id == user_id) {
      return ProblemReply(Problem(409, "cannot_disable_self",
                                  "un administrateur ne désactive pas son propre compte",
                                  "an administrator does not disable their own account"));
    }
    auto disabled = Users(call).DisableUser(user_id);
    if (!disabled) return ProblemReply(ProblemOf(disabled.error()));
    return UserReply(call, user_id);
  };
}

ApiHandler ResetPasswordHandler() {
  return [](ApiCall& call) {
    const std::string& user_id = TargetUser(call);
    v1::PasswordResetRequest request;
    if (auto problem = ReadBody(call.request, request)) return ProblemReply(*problem);
    auto reset = Users(call).ForcePasswordReset(user_id, request.temporary_password());
    if (!reset) {
      ApiProblem problem = ProblemOf(reset.error());
      if (problem.field == "password") problem.field = "temporaryPassword";
      return ProblemReply(problem);
    }
    return UserReply(call, user_id);
  };
}

ApiHandler SetPinHandler() {
  return [](ApiCall& call) {
    const std::string& user_id = TargetUser(call);
    v1::SetPinRequest request;
    if (auto problem = ReadBody(call.request, request)) return ProblemReply(*problem);
    auto set = Users(call).SetPin(user_id, request.pin());
    if (!set) return ProblemReply(ProblemOf(set.error()));
    return UserReply(call, user_id);
  };
}

ApiHandler SetStaffCardHandler() {
  return [](ApiCall& call) {
    const std::string& user_id = TargetUser(call);
    v1::SetStaffCardRequest request;
    if (auto problem = ReadBody(call.request, request)) return ProblemReply(*problem);
    const auto card = CardUid(request.staff_card_uid());
    if (!card) return ProblemReply(BadCard());
    auto set = Users(call).SetStaffCard(user_id, *card);
    if (!set) return ProblemReply(ProblemOf(set.error()));
    return UserReply(call, user_id);
  };
}

ApiHandler SetUserSitesHandler() {
  return [](ApiCall& call) {
    const std::string& user_id = TargetUser(call);
    v1::SetUserSitesRequest request;
    if (auto problem = ReadBody(call.request, request)) return ProblemReply(*problem);
    admin::UserRegistry users = Users(call);
    auto user = users.FindUser(user_id);
    if (!user) return ProblemReply(ProblemOf(user.error()));
    const std::set<std::int64_t> wanted(request.site_ids().begin(), request.site_ids().end());
    const std::set<std::int64_t> held(user.value().site_ids.begin(), user.value().site_ids.end());
    // The whole list in the gateway's one transaction: all of it, or none.
    for (const std::int64_t site : held) {
      if (wanted.contains(site)) continue;
      if (auto removed = users.UnassignSite(user_id, site); !removed) {
        return ProblemReply(ProblemOf(removed.error()));
      }
    }
    for (const std::int64_t site : wanted) {
      if (held.contains(site)) continue;
      call.audit.targets.push_back("site:" + std::to_string(site));
      if (auto added = users.AssignSite(user_id, site); !added) {
        return ProblemReply(ProblemOf(added.error()));
      }
    }
    return UserReply(call, user_id);
  };
}

}  // namespace minegate::server::api
