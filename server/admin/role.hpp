#pragma once
/// The roles of SYSTEM.md. A user has exactly one, so what they may see is decided by one value
/// (least privilege: an administrator manages accounts and devices but reads no person record).

#include <optional>
#include <span>
#include <string_view>

namespace minegate::server::admin {

enum class Role {
  kGateAgent,
  kBorderPolice,
  kEmapeOfficial,
  kProtectionOfficer,
  kAdministrator,
  kAuditor,
};

/// The stored name ("gate_agent", "border_police", ...); nullopt for an unknown one.
std::optional<Role> ParseRole(std::string_view text);
std::string_view RoleName(Role role);
/// Every role, in the order above, for usage texts and listings.
std::span<const Role> AllRoles();

}  // namespace minegate::server::admin
