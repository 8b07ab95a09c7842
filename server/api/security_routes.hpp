#pragma once
/// Administrators review security events — today suspected clones (server/security) — and
/// decide on each: revoke the bracelet (it reaches every kiosk in the revoked-bracelet list) or
/// dismiss the event; and set the plausible travel speed they are judged with. An event carries
/// a tag UID, sites, gates and times, never person data: administrators read no person record.
/// Handlers for the gateway, on plain structs.

#include "server/api/api_call.hpp"

namespace minegate::server::api {

ApiHandler ListSecurityEventsHandler();    ///< GET /v1/security/events → SecurityEventList
ApiHandler RevokeSecurityEventHandler();   ///< POST /v1/security/events/{id}/revoke
ApiHandler DismissSecurityEventHandler();  ///< POST /v1/security/events/{id}/dismiss
ApiHandler SecuritySettingsHandler();      ///< GET /v1/security/settings → SecuritySettings
ApiHandler SetSecuritySettingsHandler();   ///< PUT /v1/security/settings → SecuritySettings

}  // namespace minegate::server::api
