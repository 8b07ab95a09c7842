#include "server/api/device_routes.hpp"

#include <algorithm>

#include "server/admin/device_activity.hpp"
#include "server/admin/device_registry.hpp"
#include "server/admin/enrolment_file.hpp"
#include "server/api/json_body.hpp"
#include "server/api/request_reading.hpp"

namespace minegate::server::api {
namespace {

admin::DeviceRegistry Devices(ApiCall& call) {
  return admin::DeviceRegistry(call.connection, [now = call.now_ms] { return now; });
}

std::string StateOf(const admin::DeviceInfo& info) {
  if (info.revoked()) return "revoked";
  return info.enrolled() ? "enrolled" : "awaiting_enrolment";
}

v1::Device DeviceOf(const admin::DeviceInfo& info, const admin::DeviceActivity* activity,
                    bool connected) {
  v1::Device device;
  device.set_device_id(info.device_id);
  device.set_site_id(info.site_id);
  device.set_gate_id(info.gate_id.value_or(0));
  device.set_description(info.description);
  device.set_state(StateOf(info));
  device.set_created_at_ms(info.created_at_ms);
  device.set_enrolled_at_ms(info.enrolled_at_ms.value_or(0));
  device.set_revoked_at_ms(info.revoked_at_ms.value_or(0));
  device.set_enrolment_expires_at_ms(info.enrolment_expires_at_ms.value_or(0));
  device.set_connected(connected);
  if (activity != nullptr) {
    device.set_last_event_at_ms(activity->last_event_at_ms);
    device.set_events_received(activity->events_received);
    device.set_highest_seq(activity->highest_seq);
    device.set_contiguous_seq(activity->contiguous_seq);
    device.set_missing_events(activity->missing_events);
  }
  return device;
}

constexpr std::int32_t kMaxValidHours = 24 * 30;

}  // namespace

ApiHandler ListDevicesHandler(DeviceRouteContext context) {
  return [context](ApiCall& call) {
    PageRequest page;
    if (auto problem = ReadPage(call.request, page)) return ProblemReply(*problem);
    auto devices = Devices(call).ListDevices();  // by device id
    if (!devices) return ProblemReply(ProblemOf(devices.error()));
    auto activity = admin::DeviceActivityReader(call.connection).All();
    if (!activity) return ProblemReply(ProblemOf(activity.error()));
    const std::vector<std::string> connected =
        context.connected_devices ? context.connected_devices() : std::vector<std::string>();
    v1::DeviceList list;
    for (const admin::DeviceInfo& device : devices.value()) {
      if (!page.after.empty() && device.device_id <= page.after) continue;
      if (static_cast<std::size_t>(list.devices_size()) == page.limit) {
        list.set_next_cursor(EncodeCursor(list.devices(list.devices_size() - 1).device_id()));
        break;
      }
      const auto found = activity.value().find(device.device_id);
      const bool online = std::binary_search(connected.begin(), connected.end(), device.device_id);
      *list.add_devices() =
          DeviceOf(device, found != activity.value().end() ? &found->second : nullptr, online);
    }
    call.audit.result_count = list.devices_size();
    return JsonReply(list);
  };
}

ApiHandler CreateDeviceHandler(DeviceRouteContext context) {
  return [context](ApiCall& call) {
    v1::CreateDeviceRequest request;
    if (auto problem = ReadBody(call.request, request)) return ProblemReply(*problem);
    if (request.valid_hours() < 0 || request.valid_hours() > kMaxValidHours) {
      return ProblemReply(ProblemOf(admin::Errc::bad_validity));
    }
    const std::chrono::milliseconds validity = request.valid_hours() == 0
                                                   ? admin::kDefaultEnrolmentValidity
                                                   : std::chrono::hours(request.valid_hours());
    std::optional<std::int64_t> gate_id;
    if (request.gate_id() != 0) gate_id = request.gate_id();
    call.audit.targets.push_back("site:" + std::to_string(request.site_id()));
    if (gate_id) call.audit.targets.push_back("gate:" + std::to_string(*gate_id));
    auto enrolment = Devices(call).CreateDeviceEnrolment(request.site_id(), gate_id,
                                                         request.description(), validity);
    if (!enrolment) {
      ApiProblem problem = ProblemOf(enrolment.error());
      if (problem.field == "deviceId") problem.field.clear();
      return ProblemReply(problem);
    }
    // The device and where it goes are audited; never the code, shown once and stored hashed.
    call.audit.targets.push_back("device:" + enrolment.value().device_id);
    v1::DeviceEnrolmentCode answer;
    answer.set_device_id(enrolment.value().device_id);
    answer.set_code(enrolment.value().code);
    answer.set_expires_at_ms(enrolment.value().expires_at_ms);
    if (context.keys != nullptr) {
      std::optional<std::string> pin;
      if (context.certificate_sha256) pin = context.certificate_sha256();
      if (pin && pin->empty()) pin.reset();
      auto file = admin::EnrolmentFileText(enrolment.value(), request.site_id(), gate_id,
                                           *context.keys, pin);
      if (file) answer.set_enrolment_file(*file);
    }
    return JsonReply(answer, 201);
  };
}

ApiHandler RevokeDeviceHandler() {
  return [](ApiCall& call) {
    const std::string& device_id = call.params.at("id");
    call.audit.targets.push_back("device:" + device_id);
    auto revoked = Devices(call).RevokeDevice(device_id, call.now_ms);
    if (!revoked) return ProblemReply(ProblemOf(revoked.error()));
    const admin::DeviceRevocation& done = revoked.value();
    for (const std::string& agent : done.compromised_agents) {
      call.audit.targets.push_back("user:" + agent);
    }
    v1::DeviceRevocationReport report;
    report.set_device_id(device_id);
    report.set_revoked_at_ms(call.now_ms);
    report.set_bracelets_kept(static_cast<std::int64_t>(done.bracelets_kept));
    report.set_highest_seq_received(done.highest_seq_received);
    for (const std::string& agent : done.compromised_agents) report.add_compromised_agents(agent);
    return JsonReply(report);
  };
}

}  // namespace minegate::server::api
