#include "kiosk/store/draft_store.hpp"

#include "db/bind.hpp"
#include "db/error.hpp"
#include "db/query.hpp"
#include "db/statement.hpp"
#include "db/wal.hpp"

namespace minegate::kiosk::store {

db::Result<void> DraftStore::Save(const v1::RegistrationDraft& draft,
                                  const std::string& person_token, std::int64_t now_ms) {
  std::string bytes;
  if (!draft.SerializeToString(&bytes)) return db::make_error_code(db::Errc::misuse);
  auto statement = connection_.Prepare(
      "INSERT OR REPLACE INTO registration_draft (id, draft, person_token, updated_at_ms) "
      "VALUES (1, ?, ?, ?)");
  if (!statement) return statement.error();
  auto bound = db::BindAll(statement.value(), db::Blob(bytes), db::Blob(person_token), now_ms);
  if (!bound) return bound.error();
  return statement.value().Run();
}

db::Result<std::optional<StoredDraft>> DraftStore::Load() {
  return db::QueryFirst(
      connection_, "SELECT draft, person_token, updated_at_ms FROM registration_draft WHERE id = 1",
      [](const db::Statement& row) -> db::Result<StoredDraft> {
        StoredDraft stored;
        const auto bytes = row.ColumnBlob(0);
        if (!stored.draft.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
          return db::make_error_code(db::Errc::corrupt);
        }
        const auto token = row.ColumnBlob(1);
        stored.person_token.assign(token.begin(), token.end());
        stored.updated_at_ms = row.ColumnInt64(2);
        return stored;
      });
}

db::Result<void> DraftStore::Delete() {
  if (auto deleted = connection_.Execute("DELETE FROM registration_draft"); !deleted) {
    return deleted.error();
  }
  // Inside a transaction the deletion is not committed yet: the caller empties the log after
  // its commit (a recorded registration does).
  if (connection_.InTransaction()) return db::Success();
  return db::TruncateWal(connection_);
}

}  // namespace minegate::kiosk::store
