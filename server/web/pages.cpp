#include "server/web/pages.hpp"

#include <algorithm>

namespace minegate::server::web {

std::span<const Page> Pages() {
  static constexpr Page kPages[] = {
      {"/", Workspace::kCommon},
      {"/signin", Workspace::kCommon},
      {"/password", Workspace::kCommon},
      {"/admin", Workspace::kAdministrator},
      {"/admin/users", Workspace::kAdministrator},
      {"/admin/sites", Workspace::kAdministrator},
      {"/admin/devices", Workspace::kAdministrator},
      {"/admin/security", Workspace::kAdministrator},
      {"/admin/rules", Workspace::kAdministrator},
      {"/admin/audit-head", Workspace::kAdministrator},
      {"/audit", Workspace::kAuditor},
      {"/audit/person", Workspace::kAuditor},
      {"/audit/verify", Workspace::kAuditor},
      {"/protection", Workspace::kProtection},
      {"/protection/case", Workspace::kProtection},
      {"/protection/referral", Workspace::kProtection},
      {"/protection/services", Workspace::kProtection},
      {"/protection/notices", Workspace::kProtection},
      {"/police", Workspace::kPolice},
      {"/police/person", Workspace::kPolice},
      {"/census", Workspace::kCensus},
      {"/census/campaign", Workspace::kCensus},
      {"/census/populations", Workspace::kCensus},
  };
  return kPages;
}

bool ServesShell(std::string_view path) {
  const auto pages = Pages();
  return std::any_of(pages.begin(), pages.end(),
                     [path](const Page& page) { return page.path == path; });
}

}  // namespace minegate::server::web
