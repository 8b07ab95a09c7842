#include "server/api/security_routes.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "base/hex.hpp"
#include "server/api/json_body.hpp"
#include "server/api/request_reading.hpp"
#include "server/security/security_events.hpp"
#include "server/security/security_settings.hpp"
#include "server/security/travel_rule.hpp"

namespace minegate::server::api {
namespace {

using security::EventStatus;
using security::SecurityEvents;

SecurityEvents Events(ApiCall& call) {
  return SecurityEvents(call.connection, [now = call.now_ms] { return now; });
}

/// Upper-case hex, as readers print UIDs and administrators type them.
std::string UidText(const std::vector<std::uint8_t>& uid) {
  std::string text = base::ToHex(uid);
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

v1::SecurityEventTap TapOf(const security::EventTap& tap) {
  v1::SecurityEventTap out;
  out.set_site_id(tap.site_id);
  out.set_site_name(tap.site_name);
  out.set_gate_id(tap.gate_id);
  out.set_gate_name(tap.gate_name);
  out.set_at_ms(tap.at_ms);
  out.set_log_position(tap.log_position);
  return out;
}

v1::SecurityEvent EventOf(const security::SecurityEvent& event) {
  v1::SecurityEvent out;
  out.set_event_id(event.event_id);
  out.set_kind(event.kind);
  out.set_tag_uid(UidText(event.tag_uid));
  *out.mutable_first() = TapOf(event.first);
  *out.mutable_second() = TapOf(event.second);
  out.set_distance_km(event.distance_km);
  out.set_elapsed_ms(event.elapsed_ms);
  out.set_required_speed_kmh(security::RequiredSpeedKmh(event.distance_km, event.elapsed_ms));
  out.set_max_speed_kmh(event.max_speed_kmh);
  out.set_detected_at_ms(event.detected_at_ms);
  out.set_status(std::string(security::EventStatusName(event.status)));
  out.set_resolved_by(event.resolved_by);
  out.set_resolved_at_ms(event.resolved_at_ms);
  return out;
}

/// The `{id}` of the path, named in the audit entry; nullopt when it is not one.
std::optional<std::int64_t> TargetEvent(ApiCall& call) {
  const auto id = PositiveId(call.params, "id");
  call.audit.targets.push_back("security_event:" + call.params.at("id"));
  return id;
}

/// Also names the bracelet the event is about, once it is known.
void TargetBracelet(ApiCall& call, const security::SecurityEvent& event) {
  call.audit.targets.push_back("bracelet:" + base::ToHex(event.tag_uid));
}

/// The actor who decides: the signed-in administrator (the gateway admits no one else here).
std::string Actor(const ApiCall& call) {
  return call.principal != nullptr ? call.principal->user_id : std::string();
}

v1::SecuritySettings SettingsOf(const security::SecuritySettings& settings) {
  v1::SecuritySettings out;
  out.set_max_speed_kmh(settings.max_speed_kmh);
  out.set_updated_at_ms(settings.updated_at_ms);
  return out;
}

}  // namespace

ApiHandler ListSecurityEventsHandler() {
  return [](ApiCall& call) {
    PageRequest page;
    if (auto problem = ReadPage(call.request, page)) return ProblemReply(*problem);
    std::int64_t before = 0;
    if (!page.after.empty()) {
      const char* end = page.after.data() + page.after.size();
      if (std::from_chars(page.after.data(), end, before).ptr != end || before <= 0) {
        return ProblemReply(
            Problem(400, "bad_cursor", "curseur invalide", "invalid cursor", "cursor"));
      }
    }
    std::optional<EventStatus> status;
    if (const auto wanted = call.request.QueryParam("status"); wanted && !wanted->empty()) {
      status = security::ParseEventStatus(*wanted);
      if (!status) {
        return ProblemReply(Problem(400, "bad_status", "état inconnu (open, revoked, dismissed)",
                                    "unknown status (open, revoked, dismissed)", "status"));
      }
    }
    SecurityEvents events = Events(call);
    // One more than the page: whether another page follows.
    auto listed = events.List(status, before, page.limit + 1);
    if (!listed) return ProblemReply(ProblemOf(listed.error()));
    auto open = events.CountOpen();
    if (!open) return ProblemReply(ProblemOf(open.error()));
    auto settings = security::ReadSecuritySettings(call.connection);
    if (!settings) return ProblemReply(ProblemOf(settings.error()));
    v1::SecurityEventList list;
    for (const security::SecurityEvent& event : listed.value()) {
      if (static_cast<std::size_t>(list.events_size()) == page.limit) {
        list.set_next_cursor(
            EncodeCursor(std::to_string(list.events(list.events_size() - 1).event_id())));
        break;
      }
      *list.add_events() = EventOf(event);
    }
    list.set_open_count(open.value());
    list.set_max_speed_kmh(settings.value().max_speed_kmh);
    call.audit.result_count = list.events_size();
    return JsonReply(list);
  };
}

ApiHandler RevokeSecurityEventHandler() {
  return [](ApiCall& call) {
    const auto id = TargetEvent(call);
    if (!id) return ProblemReply(ProblemOf(security::Errc::unknown_event));
    SecurityEvents events = Events(call);
    auto event = events.Find(*id);
    if (!event) return ProblemReply(ProblemOf(event.error()));
    TargetBracelet(call, event.value());
    auto revoked = events.Revoke(*id, Actor(call));
    if (!revoked) return ProblemReply(ProblemOf(revoked.error()));
    v1::SecurityEventRevocation answer;
    *answer.mutable_event() = EventOf(revoked.value().event);
    answer.set_revoked_bracelets_version(revoked.value().revoked_bracelets_version.value_or(0));
    return JsonReply(answer);
  };
}

ApiHandler DismissSecurityEventHandler() {
  return [](ApiCall& call) {
    const auto id = TargetEvent(call);
    if (!id) return ProblemReply(ProblemOf(security::Errc::unknown_event));
    SecurityEvents events = Events(call);
    auto event = events.Find(*id);
    if (!event) return ProblemReply(ProblemOf(event.error()));
    TargetBracelet(call, event.value());
    auto dismissed = events.Dismiss(*id, Actor(call));
    if (!dismissed) return ProblemReply(ProblemOf(dismissed.error()));
    return JsonReply(EventOf(dismissed.value()));
  };
}

ApiHandler SecuritySettingsHandler() {
  return [](ApiCall& call) {
    auto settings = security::ReadSecuritySettings(call.connection);
    if (!settings) return ProblemReply(ProblemOf(settings.error()));
    call.audit.result_count = 1;
    return JsonReply(SettingsOf(settings.value()));
  };
}

ApiHandler SetSecuritySettingsHandler() {
  return [](ApiCall& call) {
    v1::SecuritySettings request;
    if (auto problem = ReadBody(call.request, request)) return ProblemReply(*problem);
    call.audit.targets.push_back("security_settings");
    auto set = security::SetMaxSpeed(call.connection, request.max_speed_kmh(), call.now_ms);
    if (!set) return ProblemReply(ProblemOf(set.error()));
    return JsonReply(SettingsOf(set.value()));
  };
}

}  // namespace minegate::server::api
