#include "server/protection/rule_set_store.hpp"

#include <sodium.h>

#include <array>

#include "base/hex.hpp"
#include "db/bind.hpp"
#include "db/query.hpp"
#include "db/transaction.hpp"

namespace minegate::server::protection {
namespace {

std::string Sha256(std::string_view text) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(text.data()),
                     text.size());
  return std::string(reinterpret_cast<const char*>(digest.data()), digest.size());
}

constexpr char kVersionColumns[] =
    "SELECT version, sha256, uploaded_at_ms, uploaded_by, active, activated_at_ms, text "
    "FROM risk_rule_sets ";

StoredRuleSet ReadStored(const db::Statement& row) {
  StoredRuleSet stored;
  RuleSetVersion& summary = stored.summary;
  summary.version = row.ColumnText(0);
  summary.sha256_hex = base::ToHex(row.ColumnBlob(1));
  summary.uploaded_at_ms = row.ColumnInt64(2);
  if (!row.ColumnIsNull(3)) summary.uploaded_by = row.ColumnText(3);
  summary.active = row.ColumnInt64(4) != 0;
  if (!row.ColumnIsNull(5)) summary.activated_at_ms = row.ColumnInt64(5);
  stored.text = row.ColumnText(6);
  // The description is read from the text: stored versions always parse (validated at upload).
  if (auto parsed = risk::ParseRuleSet(stored.text); parsed) {
    summary.description = parsed.value().message().description();
  }
  return stored;
}

}  // namespace

Result<std::optional<std::string>> RuleSetStore::ActiveVersion() {
  return db::QueryFirst(connection_, "SELECT version FROM risk_rule_sets WHERE active = 1",
                        [](const db::Statement& row) { return row.ColumnText(0); });
}

Result<std::optional<StoredRuleSet>> RuleSetStore::Active() {
  return db::QueryFirst(connection_, std::string(kVersionColumns) + "WHERE active = 1", ReadStored);
}

Result<std::optional<StoredRuleSet>> RuleSetStore::Get(std::string_view version) {
  return db::QueryFirst(connection_, std::string(kVersionColumns) + "WHERE version = ?", ReadStored,
                        version);
}

Result<std::vector<RuleSetVersion>> RuleSetStore::List() {
  auto all = db::QueryAll(connection_,
                          std::string(kVersionColumns) + "ORDER BY uploaded_at_ms DESC, version",
                          ReadStored);
  if (!all) return all.error();
  std::vector<RuleSetVersion> versions;
  versions.reserve(all.value().size());
  for (auto& stored : all.value()) versions.push_back(std::move(stored.summary));
  return versions;
}

Result<void> RuleSetStore::Insert(const risk::CompiledRuleSet& compiled, std::string_view text,
                                  std::optional<std::string_view> uploaded_by) {
  return db::Execute(connection_,
                     "INSERT INTO risk_rule_sets (version, text, sha256, uploaded_at_ms, "
                     "uploaded_by, active, activated_at_ms) VALUES (?, ?, ?, ?, ?, 0, NULL)",
                     compiled.version(), text, db::Blob(Sha256(text)), clock_(), uploaded_by);
}

Result<void> RuleSetStore::StoreBuiltInDefault() {
  const risk::CompiledRuleSet& defaults = risk::DefaultRuleSet();
  auto existing =
      db::Exists(connection_, "SELECT 1 FROM risk_rule_sets WHERE version = ?", defaults.version());
  if (!existing) return existing.error();
  if (existing.value()) return Success();
  return Insert(defaults, risk::DefaultRuleSetText(), std::nullopt);
}

Result<bool> RuleSetStore::EnsureActive() {
  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  auto active = ActiveVersion();
  if (!active) return active.error();
  if (active.value()) return false;
  const risk::CompiledRuleSet& defaults = risk::DefaultRuleSet();
  if (auto stored = StoreBuiltInDefault(); !stored) return stored.error();
  if (auto activated = Activate(defaults.version()); !activated) return activated.error();
  if (auto committed = transaction.value().Commit(); !committed) return committed.error();
  return true;
}

Result<UploadOutcome> RuleSetStore::Upload(std::string_view text,
                                           std::optional<std::string_view> uploaded_by,
                                           bool activate) {
  UploadOutcome outcome;
  auto parsed = risk::ParseRuleSet(text);
  if (!parsed) {
    outcome.errors = std::move(parsed).error();
    return outcome;
  }
  const risk::CompiledRuleSet& compiled = parsed.value();
  outcome.version = compiled.version();
  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  auto existing = Get(compiled.version());
  if (!existing) return existing.error();
  if (existing.value()) {
    if (existing.value()->text != text) return make_error_code(Errc::rule_set_exists);
    outcome.already_stored = true;
  } else if (auto inserted = Insert(compiled, text, uploaded_by); !inserted) {
    return inserted.error();
  }
  if (activate) {
    if (auto activated = Activate(compiled.version()); !activated) return activated.error();
    outcome.activated = true;
  }
  if (auto committed = transaction.value().Commit(); !committed) return committed.error();
  return outcome;
}

Result<void> RuleSetStore::Activate(std::string_view version) {
  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  auto stored = db::QueryFirst(
      connection_, "SELECT active FROM risk_rule_sets WHERE version = ?",
      [](const db::Statement& row) { return row.ColumnInt64(0) != 0; }, version);
  if (!stored) return stored.error();
  if (!stored.value()) return make_error_code(Errc::unknown_rule_set);
  if (*stored.value()) return transaction.value().Commit();
  const std::int64_t now = clock_();
  // Off first: the unique index admits one active row at any moment.
  if (auto off = connection_.Execute("UPDATE risk_rule_sets SET active = 0 WHERE active = 1");
      !off) {
    return off.error();
  }
  if (auto on =
          db::Execute(connection_,
                      "UPDATE risk_rule_sets SET active = 1, activated_at_ms = ? WHERE version = ?",
                      now, version);
      !on) {
    return on.error();
  }
  if (auto scheduled = db::Execute(connection_,
                                   "UPDATE risk_reevaluation SET rule_set_version = ?, "
                                   "after_token = NULL, persons_done = 0, started_at_ms = ? "
                                   "WHERE id = 1",
                                   version, now);
      !scheduled) {
    return scheduled.error();
  }
  return transaction.value().Commit();
}

}  // namespace minegate::server::protection
