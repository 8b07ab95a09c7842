#include "server/admin/site_registry.hpp"

#include "db/query.hpp"
#include "db/statement.hpp"
#include "db/transaction.hpp"
#include "server/admin/internal/text_checks.hpp"

namespace minegate::server::admin {
namespace {

using db::Execute;
using db::Exists;
using db::Query;
using db::QueryAll;
using db::QueryFirst;

constexpr const char* kSelectSite =
    "SELECT site_id, name, department, created_at_ms, latitude, longitude FROM sites ";

std::optional<double> OptionalDouble(const db::Statement& row, int column) {
  if (row.ColumnIsNull(column)) return std::nullopt;
  return row.ColumnDouble(column);
}

SiteInfo ReadSite(const db::Statement& row) {
  SiteInfo site;
  site.site_id = row.ColumnInt64(0);
  site.name = row.ColumnText(1);
  site.department = ParseDepartment(row.ColumnText(2)).value_or(Department::kKedougou);
  site.created_at_ms = row.ColumnInt64(3);
  site.latitude = OptionalDouble(row, 4);
  site.longitude = OptionalDouble(row, 5);
  return site;
}

GateInfo ReadGate(const db::Statement& row) {
  return {row.ColumnInt64(0), row.ColumnInt64(1), row.ColumnText(2), row.ColumnInt64(3)};
}

}  // namespace

Result<std::int64_t> SiteRegistry::AddSite(std::string_view name, Department department) {
  if (!internal::IsPrintableText(name, kMaxSiteNameChars)) return Errc::bad_name;
  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  auto taken = Exists(connection_, "SELECT 1 FROM sites WHERE name = ?1", name);
  if (!taken) return taken.error();
  if (taken.value()) return Errc::site_exists;
  auto inserted = Execute(connection_,
                          "INSERT INTO sites (name, department, created_at_ms) VALUES (?1, ?2, ?3)",
                          name, DepartmentName(department), clock_());
  if (!inserted) return inserted.error();
  const std::int64_t site_id = connection_.LastInsertRowId();
  auto committed = transaction.value().Commit();
  if (!committed) return committed.error();
  return site_id;
}

Result<std::int64_t> SiteRegistry::AddGate(std::int64_t site_id, std::string_view name) {
  if (!internal::IsPrintableText(name, kMaxGateNameChars)) return Errc::bad_name;
  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  auto site = Exists(connection_, "SELECT 1 FROM sites WHERE site_id = ?1", site_id);
  if (!site) return site.error();
  if (!site.value()) return Errc::unknown_site;
  auto taken =
      Exists(connection_, "SELECT 1 FROM gates WHERE site_id = ?1 AND name = ?2", site_id, name);
  if (!taken) return taken.error();
  if (taken.value()) return Errc::gate_exists;
  auto inserted =
      Execute(connection_, "INSERT INTO gates (site_id, name, created_at_ms) VALUES (?1, ?2, ?3)",
              site_id, name, clock_());
  if (!inserted) return inserted.error();
  const std::int64_t gate_id = connection_.LastInsertRowId();
  auto committed = transaction.value().Commit();
  if (!committed) return committed.error();
  return gate_id;
}

Result<void> SiteRegistry::SetLocation(std::int64_t site_id, double latitude, double longitude) {
  // The comparisons are false for NaN, so NaN is refused too; the schema checks the ranges again.
  if (!(latitude >= -90 && latitude <= 90) || !(longitude >= -180 && longitude <= 180)) {
    return Errc::bad_coordinates;
  }
  auto updated =
      Execute(connection_, "UPDATE sites SET latitude = ?2, longitude = ?3 WHERE site_id = ?1",
              site_id, latitude, longitude);
  if (!updated) return updated.error();
  if (connection_.Changes() == 0) return Errc::unknown_site;
  return Success();
}

Result<SiteInfo> SiteRegistry::FindSite(std::int64_t site_id) {
  auto site =
      QueryFirst(connection_, std::string(kSelectSite) + "WHERE site_id = ?1", ReadSite, site_id);
  if (!site) return site.error();
  if (!site.value()) return Errc::unknown_site;
  return *std::move(site).value();
}

Result<GateInfo> SiteRegistry::FindGate(std::int64_t gate_id) {
  auto gate = QueryFirst(
      connection_, "SELECT gate_id, site_id, name, created_at_ms FROM gates WHERE gate_id = ?1",
      ReadGate, gate_id);
  if (!gate) return gate.error();
  if (!gate.value()) return Errc::unknown_gate;
  return *std::move(gate).value();
}

Result<std::vector<SiteInfo>> SiteRegistry::ListSites() {
  return QueryAll(connection_, std::string(kSelectSite) + "ORDER BY site_id", ReadSite);
}

Result<std::vector<GateInfo>> SiteRegistry::ListGates(std::optional<std::int64_t> site_id) {
  if (site_id) {
    auto site = FindSite(*site_id);
    if (!site) return site.error();
  }
  return QueryAll(connection_,
                  "SELECT gate_id, site_id, name, created_at_ms FROM gates "
                  "WHERE ?1 IS NULL OR site_id = ?1 ORDER BY gate_id",
                  ReadGate, site_id);
}

}  // namespace minegate::server::admin
