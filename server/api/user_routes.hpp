#pragma once
/// Administrators manage accounts: list, create, disable, force a password reset, set a kiosk
/// PIN, a staff card, the sites whose kiosks know an agent. The same server/admin code as
/// `minegatectl user ...`; handlers for the gateway, on plain structs.

#include "server/api/api_call.hpp"

namespace minegate::server::api {

ApiHandler ListUsersHandler();      ///< GET /v1/users → UserList (paged by user id)
ApiHandler CreateUserHandler();     ///< POST /v1/users → 201 User
ApiHandler DisableUserHandler();    ///< POST /v1/users/{id}/disable → User
ApiHandler ResetPasswordHandler();  ///< POST /v1/users/{id}/password-reset → User
ApiHandler SetPinHandler();         ///< PUT /v1/users/{id}/pin → User
ApiHandler SetStaffCardHandler();   ///< PUT /v1/users/{id}/staff-card → User
ApiHandler SetUserSitesHandler();   ///< PUT /v1/users/{id}/sites → User

}  // namespace minegate::server::api
