#include "tools/minegatectl/site_commands.hpp"

#include <charconv>
#include <cmath>
#include <iomanip>
#include <limits>
#include <optional>
#include <sstream>
#include <string>

#include "server/admin/department.hpp"
#include "server/admin/error.hpp"
#include "server/admin/site_registry.hpp"
#include "tools/minegatectl/audit_change.hpp"
#include "tools/minegatectl/store_access.hpp"
#include "tools/minegatectl/table.hpp"

namespace minegate::ctl {
namespace {

namespace admin = server::admin;

/// A coordinate as people copy it from a map: decimal degrees, a point, a leading minus.
std::optional<double> Degrees(const std::string& text) {
  double value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::string DegreesText(const std::optional<double>& degrees) {
  if (!degrees) return "";
  std::ostringstream text;
  text << std::fixed << std::setprecision(6) << *degrees;
  return text.str();
}

}  // namespace

int RunSiteAdd(const CtlContext& context) {
  const std::optional<std::string> name = RequiredOption(context, "name");
  if (!name) return kExitUsage;
  const std::optional<std::string> department_name = RequiredOption(context, "department");
  if (!department_name) return kExitUsage;
  const std::optional<admin::Department> department = admin::ParseDepartment(*department_name);
  if (!department) {
    return UsageError(context, make_error_code(admin::Errc::unknown_department).message() + ": " +
                                   *department_name);
  }
  std::optional<db::Connection> connection = OpenInitialisedStore(context);
  if (!connection) return kExitRefused;
  auto change = AuditedChange::Begin(context, *connection);
  if (!change) return kExitRefused;
  auto site_id = admin::SiteRegistry(*connection).AddSite(*name, *department);
  if (!site_id) return change->Refuse(site_id.error());
  change->AddTarget("site:" + std::to_string(site_id.value()));
  if (!change->Commit()) return kExitRefused;
  context.out << "site créé / site created: " << site_id.value() << " (" << *name << ", "
              << admin::DepartmentName(*department) << ")\n";
  return kExitOk;
}

int RunSiteList(const CtlContext& context) {
  std::optional<db::Connection> connection = OpenInitialisedStore(context);
  if (!connection) return kExitRefused;
  auto sites = admin::SiteRegistry(*connection).ListSites();
  if (!sites) return Refused(context, sites.error());
  Table table(
      {"ID", "NOM / NAME", "DÉPARTEMENT / DEPARTMENT", "LATITUDE", "LONGITUDE", "CRÉÉ / CREATED"});
  for (const admin::SiteInfo& site : sites.value()) {
    table.AddRow({std::to_string(site.site_id), site.name,
                  std::string(admin::DepartmentName(site.department)), DegreesText(site.latitude),
                  DegreesText(site.longitude), FormatTime(site.created_at_ms)});
  }
  table.Print(context.out);
  return kExitOk;
}

int RunSiteLocate(const CtlContext& context) {
  bool bad = false;
  const std::optional<std::int64_t> site_id = IntegerOption(context, "site", 1, kMaxId, bad);
  if (bad) return kExitUsage;
  if (!site_id) return UsageError(context, "option obligatoire / required option: --site");
  std::optional<double> coordinates[2];
  const char* names[2] = {"lat", "lon"};
  for (int i = 0; i < 2; ++i) {
    const std::optional<std::string> text = RequiredOption(context, names[i]);
    if (!text) return kExitUsage;
    coordinates[i] = Degrees(*text);
    if (!coordinates[i]) {
      return UsageError(context, std::string("--") + names[i] +
                                     " : degrés décimaux attendus (12.5556) / decimal degrees "
                                     "expected (12.5556): " +
                                     *text);
    }
  }
  std::optional<db::Connection> connection = OpenInitialisedStore(context);
  if (!connection) return kExitRefused;
  auto change = AuditedChange::Begin(context, *connection);
  if (!change) return kExitRefused;
  change->AddTarget("site:" + std::to_string(*site_id));
  admin::SiteRegistry sites(*connection);
  auto located = sites.SetLocation(*site_id, *coordinates[0], *coordinates[1]);
  if (!located) return change->Refuse(located.error());
  if (!change->Commit()) return kExitRefused;
  context.out << "site situé / site located: " << *site_id << " (" << DegreesText(coordinates[0])
              << ", " << DegreesText(coordinates[1]) << ")\n";
  return kExitOk;
}

int RunGateAdd(const CtlContext& context) {
  bool bad = false;
  const std::optional<std::int64_t> site_id = IntegerOption(context, "site", 1, kMaxId, bad);
  if (bad) return kExitUsage;
  if (!site_id) return UsageError(context, "option obligatoire / required option: --site");
  const std::optional<std::string> name = RequiredOption(context, "name");
  if (!name) return kExitUsage;
  std::optional<db::Connection> connection = OpenInitialisedStore(context);
  if (!connection) return kExitRefused;
  auto change = AuditedChange::Begin(context, *connection);
  if (!change) return kExitRefused;
  change->AddTarget("site:" + std::to_string(*site_id));
  auto gate_id = admin::SiteRegistry(*connection).AddGate(*site_id, *name);
  if (!gate_id) return change->Refuse(gate_id.error());
  change->AddTarget("gate:" + std::to_string(gate_id.value()));
  if (!change->Commit()) return kExitRefused;
  context.out << "porte créée / gate created: " << gate_id.value() << " (site " << *site_id << ", "
              << *name << ")\n";
  return kExitOk;
}

int RunGateList(const CtlContext& context) {
  bool bad = false;
  const std::optional<std::int64_t> site_id = IntegerOption(context, "site", 1, kMaxId, bad);
  if (bad) return kExitUsage;
  std::optional<db::Connection> connection = OpenInitialisedStore(context);
  if (!connection) return kExitRefused;
  auto gates = admin::SiteRegistry(*connection).ListGates(site_id);
  if (!gates) return Refused(context, gates.error());
  Table table({"ID", "SITE", "NOM / NAME", "CRÉÉE / CREATED"});
  for (const admin::GateInfo& gate : gates.value()) {
    table.AddRow({std::to_string(gate.gate_id), std::to_string(gate.site_id), gate.name,
                  FormatTime(gate.created_at_ms)});
  }
  table.Print(context.out);
  return kExitOk;
}

}  // namespace minegate::ctl
