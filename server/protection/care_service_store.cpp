#include "server/protection/care_service_store.hpp"

#include <sstream>

#include "base/text.hpp"
#include "db/query.hpp"

namespace minegate::server::protection {
namespace {

bool IsLanguageCode(std::string_view code) {
  if (code.size() != 3) return false;
  for (const char c : code) {
    if (c < 'a' || c > 'z') return false;
  }
  return true;
}

bool ValidService(const CareServiceInput& input) {
  if (!base::TextWithin(input.name, 1, kMaxServiceNameChars) ||
      !base::TextWithin(input.place, 0, kMaxServicePlaceChars) ||
      !base::TextWithin(input.contact, 0, kMaxServiceContactChars) ||
      input.languages.size() > kMaxServiceLanguages) {
    return false;
  }
  for (const auto& code : input.languages) {
    if (!IsLanguageCode(code)) return false;
  }
  return true;
}

std::string JoinLanguages(const std::vector<std::string>& languages) {
  std::string joined;
  for (const auto& code : languages) {
    if (!joined.empty()) joined += ' ';
    joined += code;
  }
  return joined;
}

Result<CareService> ReadService(const db::Statement& row) {
  CareService service;
  service.service_id = row.ColumnInt64(0);
  service.details.name = row.ColumnText(1);
  const auto kind = ParseServiceKind(row.ColumnText(2));
  if (!kind) return make_error_code(Errc::corrupt_record);
  service.details.kind = *kind;
  service.details.place = row.ColumnText(3);
  service.details.contact = row.ColumnText(4);
  std::istringstream languages(row.ColumnText(5));
  for (std::string code; languages >> code;) service.details.languages.push_back(code);
  service.details.accepts_minors = row.ColumnInt64(6) != 0;
  service.active = row.ColumnInt64(7) != 0;
  service.updated_at_ms = row.ColumnInt64(8);
  return service;
}

constexpr char kServiceColumns[] =
    "SELECT service_id, name, kind, place, contact, languages, accepts_minors, active, "
    "updated_at_ms FROM care_services ";

}  // namespace

Result<std::int64_t> CareServiceStore::Add(const CareServiceInput& input) {
  if (!ValidService(input)) return make_error_code(Errc::bad_service);
  auto inserted = db::Execute(
      connection_,
      "INSERT INTO care_services (name, kind, place, contact, languages, accepts_minors, active, "
      "updated_at_ms) VALUES (?, ?, ?, ?, ?, ?, 1, ?)",
      input.name, Name(input.kind), input.place, input.contact, JoinLanguages(input.languages),
      input.accepts_minors, clock_());
  if (!inserted) return inserted.error();
  return connection_.LastInsertRowId();
}

Result<void> CareServiceStore::Update(std::int64_t service_id, const CareServiceInput& input) {
  if (!ValidService(input)) return make_error_code(Errc::bad_service);
  auto updated = db::Execute(
      connection_,
      "UPDATE care_services SET name = ?, kind = ?, place = ?, contact = ?, languages = ?, "
      "accepts_minors = ?, updated_at_ms = ? WHERE service_id = ?",
      input.name, Name(input.kind), input.place, input.contact, JoinLanguages(input.languages),
      input.accepts_minors, clock_(), service_id);
  if (!updated) return updated.error();
  if (connection_.Changes() == 0) return make_error_code(Errc::unknown_service);
  return Success();
}

Result<void> CareServiceStore::SetActive(std::int64_t service_id, bool active) {
  auto updated = db::Execute(
      connection_, "UPDATE care_services SET active = ?, updated_at_ms = ? WHERE service_id = ?",
      active, clock_(), service_id);
  if (!updated) return updated.error();
  if (connection_.Changes() == 0) return make_error_code(Errc::unknown_service);
  return Success();
}

Result<std::optional<CareService>> CareServiceStore::Get(std::int64_t service_id) {
  return db::QueryFirst(connection_, std::string(kServiceColumns) + "WHERE service_id = ?",
                        ReadService, service_id);
}

Result<std::vector<CareService>> CareServiceStore::List(bool include_inactive) {
  return db::QueryAll(
      connection_,
      std::string(kServiceColumns) + "WHERE active = 1 OR ?1 ORDER BY kind, name, service_id",
      ReadService, include_inactive);
}

}  // namespace minegate::server::protection
