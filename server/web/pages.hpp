#pragma once
/// The page paths of the web application: each is answered with the same HTML shell, and the
/// page's own JavaScript (assets/router.js, which lists the same paths) draws the page. A path
/// not listed here is not a page: the server answers 404 for it, so a mistyped address never
/// loads the application.

#include <span>
#include <string_view>

namespace minegate::server::web {

/// The workspace a page belongs to; the route table gives each its roles.
enum class Workspace {
  kCommon,         ///< sign-in, home, change password: any signed-in official (sign-in: anyone)
  kAdministrator,  ///< /admin/...: administrator
  kAuditor,        ///< /audit/...: auditor
  kProtection,     ///< /protection/...: protection officer
  kPolice,         ///< /police/...: border police
  kCensus,         ///< /census/...: EMAPE official
};

struct Page {
  std::string_view path;  ///< exact, no parameter: the page reads its own query string
  Workspace workspace;
};

/// Every page, in a fixed order.
std::span<const Page> Pages();

/// True when `path` (before '?', as sent) is a page of Pages(): the shell is its answer.
bool ServesShell(std::string_view path);

}  // namespace minegate::server::web
