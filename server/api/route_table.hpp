#pragma once
/// Who may call what: every route of minegate-server, in one table, with the callers it
/// admits. The gateway checks it before any handler runs; the server refuses to start with a
/// route that is not in it, or an entry of it that no route serves (ServerApp::Start), and
/// docs/api.md is tested against it. Adding a route therefore means adding a line here, where
/// a reviewer sees every compartment at once.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "server/admin/role.hpp"

namespace minegate::server::api {

/// Who the route is for.
enum class Caller {
  kPublic,    ///< anyone (health, sign-in, the enrolment code exchange, the page shell)
  kDevice,    ///< an enrolled kiosk, by its device signature (checked by the handler)
  kOfficial,  ///< a signed-in official (session cookie or API token) with one of `roles`
};

/// A set of roles, one bit per admin::Role.
class RoleSet {
 public:
  constexpr RoleSet() = default;
  constexpr RoleSet(std::initializer_list<admin::Role> roles) {
    for (const admin::Role role : roles) bits_ |= Bit(role);
  }
  constexpr bool Contains(admin::Role role) const { return (bits_ & Bit(role)) != 0; }
  constexpr bool empty() const { return bits_ == 0; }

 private:
  static constexpr std::uint32_t Bit(admin::Role role) {
    return std::uint32_t{1} << static_cast<unsigned>(role);
  }
  std::uint32_t bits_ = 0;
};

/// What the route does with data, for the audit log.
enum class Audit {
  kNone,    ///< touches no registry data (health, static files, the caller's own session)
  kRead,    ///< reads registry data: audited before the answer leaves
  kChange,  ///< changes data: audited in the change's own transaction
  /// Changes the caller's own password through server/auth, which keeps its own transactions
  /// (a failed attempt's throttle count must stick, and Argon2id must not run while the write
  /// lock is held): audited right after, through the audit writer, before the answer leaves.
  kOwnPassword,
};

/// What the caller must state before the route runs (a person-level read): sent in the headers
/// `Minegate-Reason` and `Minegate-Case-Reference` (percent-encoded UTF-8), written to the audit
/// entry with the rest. The gateway refuses the call without them.
enum class Justification {
  kNone,
  kReason,                  ///< a reason (protection officers opening a case)
  kReasonAndCaseReference,  ///< a reason and a case reference (police reads)
};

struct RouteRule {
  std::string_view method;
  std::string_view pattern;
  Caller caller = Caller::kPublic;
  RoleSet roles;  ///< for kOfficial only
  Audit audit = Audit::kNone;
  /// A web page (the application shell): refused callers get a page, not a problem body.
  bool page = false;
  /// Reachable while the user must change their password (sign-out, the change itself).
  bool before_password_change = false;
  Justification justification = Justification::kNone;
};

/// Every route, in the order of docs/api.md.
std::span<const RouteRule> RouteTable();

/// The rule of (method, pattern), or nullptr.
const RouteRule* FindRoute(std::string_view method, std::string_view pattern);

/// Every role that signs in on the web (all but gate agents, who work at kiosks).
RoleSet WebRoles();

/// The workspaces `role` may open, by path ("/admin"), for the home page.
std::vector<std::string> WorkspacesOf(admin::Role role);

/// True for a method that changes state (anything but GET and HEAD): it needs the CSRF token
/// when the caller uses a session cookie.
bool ChangesState(std::string_view method);

}  // namespace minegate::server::api
