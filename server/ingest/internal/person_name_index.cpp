#include "server/ingest/internal/person_name_index.hpp"

#include "db/bind.hpp"
#include "db/query.hpp"
#include "db/transaction.hpp"
#include "server/registry/name_index.hpp"

namespace minegate::server::internal {

db::Result<std::unique_ptr<PersonNameIndex>> PersonNameIndex::Create(db::Connection& connection) {
  std::unique_ptr<PersonNameIndex> index(new PersonNameIndex(connection));
  auto insert = connection.Prepare("INSERT INTO person_names (rowid, name) VALUES (?, ?)");
  if (!insert) return insert.error();
  index->insert_.emplace(std::move(insert).value());
  if (auto pending = index->IndexPending(); !pending) return pending.error();
  return index;
}

db::Result<void> PersonNameIndex::Add(std::int64_t person_rowid, std::string_view given_name,
                                      std::string_view family_name) {
  auto bound =
      db::BindAll(*insert_, person_rowid, registry::NameIndexText(given_name, family_name));
  if (!bound) return bound.error();
  return insert_->Run();
}

db::Result<void> PersonNameIndex::IndexPending() {
  auto any = db::Exists(connection_, "SELECT 1 FROM person_names_pending");
  if (!any) return any.error();
  if (!any.value()) return db::Success();
  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  auto pending = connection_.Prepare(
      "SELECT p.rowid, p.given_name, p.family_name FROM person_names_pending q "
      "JOIN persons p ON p.rowid = q.person_rowid");
  if (!pending) return pending.error();
  auto indexed = db::ForEachRow(pending.value(), [this](const db::Statement& row) {
    return Add(row.ColumnInt64(0), row.ColumnText(1), row.ColumnText(2));
  });
  if (!indexed) return indexed.error();
  if (auto cleared = connection_.Execute("DELETE FROM person_names_pending"); !cleared) {
    return cleared.error();
  }
  return transaction.value().Commit();
}

}  // namespace minegate::server::internal
