#include "kiosk/store/list_store.hpp"

#include <algorithm>

#include "db/bind.hpp"
#include "db/query.hpp"
#include "db/statement.hpp"
#include "db/transaction.hpp"

namespace minegate::kiosk::store {
namespace {

std::string BlobText(const db::Statement& s, int column) {
  const auto bytes = s.ColumnBlob(column);
  return std::string(bytes.begin(), bytes.end());
}

db::Result<void> Run(db::Connection& connection, const char* sql) {
  return connection.Execute(sql);
}

v1::Agent AgentFromRow(const db::Statement& s) {
  v1::Agent agent;
  agent.set_user_id(s.ColumnText(0));
  agent.set_display_name(s.ColumnText(1));
  agent.set_role(static_cast<v1::AgentRole>(s.ColumnInt64(2)));
  agent.set_pin_hash(s.ColumnText(3));
  if (!s.ColumnIsNull(4)) agent.set_staff_card_uid(BlobText(s, 4));
  return agent;
}

constexpr char kAgentColumns[] =
    "SELECT user_id, display_name, role, pin_hash, staff_card_uid FROM agents ";

}  // namespace

db::Result<sync::ListVersions> ListStore::Versions() {
  auto statement = db::Query(connection_, "SELECT list, version FROM list_versions");
  if (!statement) return statement.error();
  sync::ListVersions versions;
  auto read = db::ForEachRow(statement.value(), [&versions](const db::Statement& row) {
    const std::string list = row.ColumnText(0);
    const auto version = static_cast<std::uint64_t>(row.ColumnInt64(1));
    if (list == "trust_list") versions.trust_list = version;
    if (list == "revoked_bracelets") versions.revoked_bracelets = version;
    if (list == "alerts") versions.alerts = version;
    if (list == "census_campaigns") versions.census_campaigns = version;
    if (list == "agent_roster") versions.agent_roster = version;
  });
  if (!read) return read.error();
  return versions;
}

db::Result<void> ListStore::SetVersion(const char* list, std::uint64_t version) {
  auto statement = connection_.Prepare("UPDATE list_versions SET version = ? WHERE list = ?");
  if (!statement) return statement.error();
  if (auto bound = db::BindAll(statement.value(), version, list); !bound) return bound.error();
  return statement.value().Run();
}

db::Result<void> ListStore::ApplyTrustList(const v1::TrustListUpdate& update) {
  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  if (update.full()) {
    if (auto ran = Run(connection_, "DELETE FROM trusted_keys"); !ran) return ran.error();
  }
  auto upsert = connection_.Prepare(
      "INSERT OR REPLACE INTO trusted_keys (key_id, public_key, device_id, revoked_at_ms) "
      "VALUES (?, ?, ?, ?)");
  if (!upsert) return upsert.error();
  if (update.full()) {
    if (auto ran = Run(connection_, "DELETE FROM revoked_key_bracelets"); !ran) {
      return ran.error();
    }
  }
  auto forget = connection_.Prepare("DELETE FROM revoked_key_bracelets WHERE key_id = ?");
  auto keep = connection_.Prepare(
      "INSERT OR IGNORE INTO revoked_key_bracelets (digest, key_id) VALUES (?, ?)");
  if (!forget) return forget.error();
  if (!keep) return keep.error();
  for (const v1::DeviceKey& key : update.keys()) {
    // A malformed entry is skipped rather than poisoning the whole list.
    if (key.key_id().size() != 8 || key.public_key().size() != 32) continue;
    const std::optional<std::int64_t> revoked =
        key.revoked_at_ms() > 0 ? std::optional<std::int64_t>(key.revoked_at_ms()) : std::nullopt;
    auto bound = db::BindAll(upsert.value(), db::Blob(key.key_id()), db::Blob(key.public_key()),
                             key.device_id(), revoked);
    if (!bound) return bound.error();
    if (auto ran = upsert.value().Run(); !ran) return ran.error();
    // The entry replaces the key's frozen bracelets as a whole.
    if (auto bound_key = db::BindAll(forget.value(), db::Blob(key.key_id())); !bound_key) {
      return bound_key.error();
    }
    if (auto ran = forget.value().Run(); !ran) return ran.error();
    if (!revoked) continue;
    for (const std::string& digest : key.bracelets_before_revocation()) {
      if (digest.size() != credential::kIssuedDigestSize) continue;
      auto bound_digest = db::BindAll(keep.value(), db::Blob(digest), db::Blob(key.key_id()));
      if (!bound_digest) return bound_digest.error();
      if (auto ran = keep.value().Run(); !ran) return ran.error();
    }
  }
  if (auto set = SetVersion("trust_list", update.version()); !set) return set.error();
  return transaction.value().Commit();
}

db::Result<void> ListStore::ApplyRevokedBracelets(const v1::RevokedBracelets& update) {
  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  if (update.full()) {
    if (auto ran = Run(connection_, "DELETE FROM revoked_bracelets"); !ran) return ran.error();
  }
  auto upsert = connection_.Prepare(
      "INSERT OR REPLACE INTO revoked_bracelets (tag_uid, revoked_at_ms) VALUES (?, ?)");
  if (!upsert) return upsert.error();
  for (const v1::RevokedBracelet& bracelet : update.bracelets()) {
    if (bracelet.tag_uid().empty()) continue;
    auto bound =
        db::BindAll(upsert.value(), db::Blob(bracelet.tag_uid()), bracelet.revoked_at_ms());
    if (!bound) return bound.error();
    if (auto ran = upsert.value().Run(); !ran) return ran.error();
  }
  if (auto set = SetVersion("revoked_bracelets", update.version()); !set) return set.error();
  return transaction.value().Commit();
}

db::Result<void> ListStore::ApplyAlerts(const v1::Alerts& update) {
  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  if (update.full()) {
    if (auto ran = Run(connection_, "DELETE FROM alerts"); !ran) return ran.error();
  }
  auto upsert = connection_.Prepare(
      "INSERT OR REPLACE INTO alerts (alert_id, text_fr, text_en, issued_at_ms, expires_at_ms) "
      "VALUES (?, ?, ?, ?, ?)");
  auto remove = connection_.Prepare("DELETE FROM alerts WHERE alert_id = ?");
  if (!upsert) return upsert.error();
  if (!remove) return remove.error();
  for (const v1::Alert& alert : update.alerts()) {
    if (alert.withdrawn()) {
      if (auto bound = db::BindAll(remove.value(), alert.alert_id()); !bound) {
        return bound.error();
      }
      if (auto ran = remove.value().Run(); !ran) return ran.error();
      continue;
    }
    auto bound = db::BindAll(upsert.value(), alert.alert_id(), alert.text().fr(), alert.text().en(),
                             alert.issued_at_ms(), alert.expires_at_ms());
    if (!bound) return bound.error();
    if (auto ran = upsert.value().Run(); !ran) return ran.error();
  }
  if (auto set = SetVersion("alerts", update.version()); !set) return set.error();
  return transaction.value().Commit();
}

db::Result<void> ListStore::ApplyCensusCampaigns(const v1::CensusCampaigns& update) {
  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  // Campaign lists are always whole.
  if (auto ran = Run(connection_, "DELETE FROM census_campaigns"); !ran) return ran.error();
  auto insert = connection_.Prepare(
      "INSERT OR REPLACE INTO census_campaigns (campaign_id, name_fr, name_en, opens_at_ms, "
      "closes_at_ms) VALUES (?, ?, ?, ?, ?)");
  if (!insert) return insert.error();
  for (const v1::CensusCampaign& campaign : update.campaigns()) {
    auto bound = db::BindAll(insert.value(), campaign.campaign_id(), campaign.name().fr(),
                             campaign.name().en(), campaign.opens_at_ms(), campaign.closes_at_ms());
    if (!bound) return bound.error();
    if (auto ran = insert.value().Run(); !ran) return ran.error();
  }
  if (auto set = SetVersion("census_campaigns", update.version()); !set) return set.error();
  return transaction.value().Commit();
}

db::Result<void> ListStore::ApplyAgentRoster(const v1::AgentRoster& update) {
  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  // The roster is always whole: an agent absent from it can no longer sign in.
  if (auto ran = Run(connection_, "DELETE FROM agents"); !ran) return ran.error();
  auto insert = connection_.Prepare(
      "INSERT OR REPLACE INTO agents (user_id, display_name, role, pin_hash, staff_card_uid) "
      "VALUES (?, ?, ?, ?, ?)");
  if (!insert) return insert.error();
  for (const v1::Agent& agent : update.agents()) {
    if (agent.user_id().empty() || agent.pin_hash().empty()) continue;
    const std::optional<db::Blob> card =
        agent.staff_card_uid().empty() ? std::nullopt
                                       : std::optional<db::Blob>(db::Blob(agent.staff_card_uid()));
    auto bound = db::BindAll(insert.value(), agent.user_id(), agent.display_name(),
                             static_cast<std::int64_t>(agent.role()), agent.pin_hash(), card);
    if (!bound) return bound.error();
    if (auto ran = insert.value().Run(); !ran) return ran.error();
  }
  if (auto set = SetVersion("agent_roster", update.version()); !set) return set.error();
  return transaction.value().Commit();
}

db::Result<credential::KeySet> ListStore::TrustedKeys(
    const std::optional<credential::IssuedDigest>& tapped) {
  const std::string digest = tapped ? std::string(tapped->begin(), tapped->end()) : std::string();
  auto statement = db::Query(
      connection_,
      "SELECT public_key, revoked_at_ms, "
      "EXISTS (SELECT 1 FROM revoked_key_bracelets r WHERE r.key_id = trusted_keys.key_id "
      "AND r.digest = ?) FROM trusted_keys",
      db::Blob(digest));
  if (!statement) return statement.error();
  credential::KeySet keys;
  auto read = db::ForEachRow(statement.value(), [&](const db::Statement& row) {
    credential::TrustedKey key;
    const auto bytes = row.ColumnBlob(0);
    if (bytes.size() != key.public_key.size()) return;
    std::copy(bytes.begin(), bytes.end(), key.public_key.begin());
    if (!row.ColumnIsNull(1)) key.revoked_at_ms = row.ColumnInt64(1);
    if (tapped && row.ColumnInt64(2) != 0) key.issued_before_revocation.insert(*tapped);
    keys.Upsert(key);
  });
  if (!read) return read.error();
  return keys;
}

db::Result<void> ListStore::RevokeLocally(const std::string& tag_uid, std::int64_t at_ms) {
  auto statement = connection_.Prepare(
      "INSERT INTO revoked_bracelets (tag_uid, revoked_at_ms) VALUES (?, ?) "
      "ON CONFLICT (tag_uid) DO UPDATE SET revoked_at_ms = max(revoked_at_ms, "
      "excluded.revoked_at_ms)");
  if (!statement) return statement.error();
  if (auto bound = db::BindAll(statement.value(), db::Blob(tag_uid), at_ms); !bound) {
    return bound.error();
  }
  return statement.value().Run();
}

db::Result<std::optional<std::int64_t>> ListStore::BraceletRevokedAt(const std::string& tag_uid) {
  return db::QueryFirst(
      connection_, "SELECT revoked_at_ms FROM revoked_bracelets WHERE tag_uid = ?",
      [](const db::Statement& row) { return row.ColumnInt64(0); }, db::Blob(tag_uid));
}

db::Result<std::vector<v1::Alert>> ListStore::ActiveAlerts(std::int64_t now_ms) {
  return db::QueryAll(
      connection_,
      "SELECT alert_id, text_fr, text_en, issued_at_ms, expires_at_ms FROM alerts "
      "WHERE expires_at_ms = 0 OR expires_at_ms > ? ORDER BY issued_at_ms DESC",
      [](const db::Statement& s) {
        v1::Alert alert;
        alert.set_alert_id(s.ColumnText(0));
        alert.mutable_text()->set_fr(s.ColumnText(1));
        alert.mutable_text()->set_en(s.ColumnText(2));
        alert.set_issued_at_ms(s.ColumnInt64(3));
        alert.set_expires_at_ms(s.ColumnInt64(4));
        return alert;
      },
      now_ms);
}

db::Result<std::vector<v1::CensusCampaign>> ListStore::Campaigns() {
  return db::QueryAll(
      connection_,
      "SELECT campaign_id, name_fr, name_en, opens_at_ms, closes_at_ms FROM census_campaigns "
      "ORDER BY opens_at_ms DESC, campaign_id",
      [](const db::Statement& s) {
        v1::CensusCampaign campaign;
        campaign.set_campaign_id(s.ColumnText(0));
        campaign.mutable_name()->set_fr(s.ColumnText(1));
        campaign.mutable_name()->set_en(s.ColumnText(2));
        campaign.set_opens_at_ms(s.ColumnInt64(3));
        campaign.set_closes_at_ms(s.ColumnInt64(4));
        return campaign;
      });
}

db::Result<std::vector<v1::Agent>> ListStore::Agents() {
  return db::QueryAll(connection_, std::string(kAgentColumns) + "ORDER BY display_name",
                      AgentFromRow);
}

db::Result<std::optional<v1::Agent>> ListStore::AgentById(const std::string& user_id) {
  return db::QueryFirst(connection_, std::string(kAgentColumns) + "WHERE user_id = ?", AgentFromRow,
                        user_id);
}

db::Result<std::optional<v1::Agent>> ListStore::AgentByStaffCard(const std::string& card_uid) {
  return db::QueryFirst(connection_, std::string(kAgentColumns) + "WHERE staff_card_uid = ?",
                        AgentFromRow, db::Blob(card_uid));
}

}  // namespace minegate::kiosk::store
