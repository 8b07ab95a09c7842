#pragma once
/// The three departments of the Kédougou region, where every site lies. The schema's CHECK holds
/// the same list; this is the typed side of it.

#include <optional>
#include <string_view>

namespace minegate::server::admin {

enum class Department { kKedougou, kSaraya, kSalemata };

/// "kedougou", "saraya" or "salemata" (as stored and typed); nullopt for anything else.
std::optional<Department> ParseDepartment(std::string_view text);
/// The stored name, e.g. "kedougou".
std::string_view DepartmentName(Department department);
/// Three letters that start the ids of the department's devices ("kdg-0001"), so that a device id
/// in a log already says roughly where the kiosk stands.
std::string_view DevicePrefix(Department department);

}  // namespace minegate::server::admin
