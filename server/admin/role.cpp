#include "server/admin/role.hpp"

#include <array>

namespace minegate::server::admin {
namespace {

constexpr std::array kRoles = {Role::kGateAgent,         Role::kBorderPolice,  Role::kEmapeOfficial,
                               Role::kProtectionOfficer, Role::kAdministrator, Role::kAuditor};

}  // namespace

std::optional<Role> ParseRole(std::string_view text) {
  for (Role role : kRoles) {
    if (RoleName(role) == text) return role;
  }
  return std::nullopt;
}

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kGateAgent:
      return "gate_agent";
    case Role::kBorderPolice:
      return "border_police";
    case Role::kEmapeOfficial:
      return "emape_official";
    case Role::kProtectionOfficer:
      return "protection_officer";
    case Role::kAdministrator:
      return "administrator";
    case Role::kAuditor:
      return "auditor";
  }
  return {};
}

std::span<const Role> AllRoles() { return kRoles; }

}  // namespace minegate::server::admin
