#include "server/admin/department.hpp"

namespace minegate::server::admin {

std::optional<Department> ParseDepartment(std::string_view text) {
  if (text == "kedougou") return Department::kKedougou;
  if (text == "saraya") return Department::kSaraya;
  if (text == "salemata") return Department::kSalemata;
  return std::nullopt;
}

std::string_view DepartmentName(Department department) {
  switch (department) {
    case Department::kKedougou:
      return "kedougou";
    case Department::kSaraya:
      return "saraya";
    case Department::kSalemata:
      return "salemata";
  }
  return {};
}

std::string_view DevicePrefix(Department department) {
  switch (department) {
    case Department::kKedougou:
      return "kdg";
    case Department::kSaraya:
      return "sry";
    case Department::kSalemata:
      return "slm";
  }
  return {};
}

}  // namespace minegate::server::admin
