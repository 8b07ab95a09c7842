#include "server/api/site_routes.hpp"

#include <map>

#include "server/admin/site_registry.hpp"
#include "server/api/request_reading.hpp"

namespace minegate::server::api {
namespace {

admin::SiteRegistry Sites(ApiCall& call) {
  return admin::SiteRegistry(call.connection, [now = call.now_ms] { return now; });
}

v1::Gate GateOf(const admin::GateInfo& info) {
  v1::Gate gate;
  gate.set_gate_id(info.gate_id);
  gate.set_site_id(info.site_id);
  gate.set_name(info.name);
  gate.set_created_at_ms(info.created_at_ms);
  return gate;
}

v1::Site SiteOf(const admin::SiteInfo& info) {
  v1::Site site;
  site.set_site_id(info.site_id);
  site.set_name(info.name);
  site.set_department(std::string(admin::DepartmentName(info.department)));
  site.set_created_at_ms(info.created_at_ms);
  if (info.latitude && info.longitude) {
    site.set_latitude(*info.latitude);
    site.set_longitude(*info.longitude);
  }
  return site;
}

}  // namespace

ApiHandler ListSitesHandler() {
  return [](ApiCall& call) {
    admin::SiteRegistry registry = Sites(call);
    auto sites = registry.ListSites();
    if (!sites) return ProblemReply(ProblemOf(sites.error()));
    auto gates = registry.ListGates();
    if (!gates) return ProblemReply(ProblemOf(gates.error()));
    v1::SiteList list;
    std::map<std::int64_t, v1::Site*> by_id;
    for (const admin::SiteInfo& site : sites.value()) {
      v1::Site* added = list.add_sites();
      *added = SiteOf(site);
      by_id[site.site_id] = added;
    }
    for (const admin::GateInfo& gate : gates.value()) {
      if (const auto found = by_id.find(gate.site_id); found != by_id.end()) {
        *found->second->add_gates() = GateOf(gate);
      }
    }
    call.audit.result_count = list.sites_size();
    return JsonReply(list);
  };
}

ApiHandler CreateSiteHandler() {
  return [](ApiCall& call) {
    v1::CreateSiteRequest request;
    if (auto problem = ReadBody(call.request, request)) return ProblemReply(*problem);
    const auto department = admin::ParseDepartment(request.department());
    if (!department) return ProblemReply(ProblemOf(admin::Errc::unknown_department));
    admin::SiteRegistry registry = Sites(call);
    auto site_id = registry.AddSite(request.name(), *department);
    if (!site_id) return ProblemReply(ProblemOf(site_id.error()));
    call.audit.targets.push_back("site:" + std::to_string(site_id.value()));
    auto site = registry.FindSite(site_id.value());
    if (!site) return ProblemReply(ProblemOf(site.error()));
    return JsonReply(SiteOf(site.value()), 201);
  };
}

ApiHandler CreateGateHandler() {
  return [](ApiCall& call) {
    const auto site_id = PositiveId(call.params, "id");
    if (!site_id) return ProblemReply(ProblemOf(admin::Errc::unknown_site));
    call.audit.targets.push_back("site:" + std::to_string(*site_id));
    v1::CreateGateRequest request;
    if (auto problem = ReadBody(call.request, request)) return ProblemReply(*problem);
    admin::SiteRegistry registry = Sites(call);
    auto gate_id = registry.AddGate(*site_id, request.name());
    if (!gate_id) return ProblemReply(ProblemOf(gate_id.error()));
    call.audit.targets.push_back("gate:" + std::to_string(gate_id.value()));
    auto gate = registry.FindGate(gate_id.value());
    if (!gate) return ProblemReply(ProblemOf(gate.error()));
    return JsonReply(GateOf(gate.value()), 201);
  };
}

ApiHandler SetSiteLocationHandler() {
  return [](ApiCall& call) {
    const auto site_id = PositiveId(call.params, "id");
    if (!site_id) return ProblemReply(ProblemOf(admin::Errc::unknown_site));
    call.audit.targets.push_back("site:" + std::to_string(*site_id));
    v1::SetSiteLocationRequest request;
    if (auto problem = ReadBody(call.request, request)) return ProblemReply(*problem);
    admin::SiteRegistry registry = Sites(call);
    auto located = registry.SetLocation(*site_id, request.latitude(), request.longitude());
    if (!located) {
      ApiProblem problem = ProblemOf(located.error());
      // The page marks the coordinate that is wrong.
      if (located.error() == admin::Errc::bad_coordinates && request.latitude() >= -90 &&
          request.latitude() <= 90) {
        problem.field = "longitude";
      }
      return ProblemReply(problem);
    }
    auto site = registry.FindSite(*site_id);
    if (!site) return ProblemReply(ProblemOf(site.error()));
    auto gates = registry.ListGates(*site_id);
    if (!gates) return ProblemReply(ProblemOf(gates.error()));
    v1::Site answer = SiteOf(site.value());
    for (const admin::GateInfo& gate : gates.value()) *answer.add_gates() = GateOf(gate);
    return JsonReply(answer);
  };
}

}  // namespace minegate::server::api
