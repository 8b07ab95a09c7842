#include "tools/minegatectl/backup_summary.hpp"

#include <string>

#include "base/hex.hpp"
#include "db/migrations.hpp"
#include "db/query.hpp"
#include "db/transaction.hpp"
#include "server/admin/server_keys.hpp"
#include "server/audit/audit_log.hpp"
#include "server/tls/identity.hpp"

namespace minegate::ctl {

db::Result<DatabaseSummary> Summarise(db::Connection& connection) {
  auto snapshot = db::Transaction::Begin(connection, db::Transaction::Mode::kDeferred);
  if (!snapshot) return snapshot.error();
  DatabaseSummary summary;
  auto version = db::SchemaVersion(connection);
  if (!version) return version.error();
  summary.schema_version = version.value();
  auto events = db::QueryOne(connection, "SELECT count(*) FROM events",
                             [](const db::Statement& row) { return row.ColumnInt64(0); });
  if (!events) return events.error();
  summary.events = events.value();
  auto head = server::audit::AuditLog().Head(connection);
  if (!head) return head.error();
  summary.audit_head = head.value();
  return summary;
}

db::Result<bool> IsMinegateDatabase(db::Connection& connection) {
  auto tables = db::QueryOne(connection,
                             "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN "
                             "('events', 'audit_log', 'users', 'sites')",
                             [](const db::Statement& row) { return row.ColumnInt64(0); });
  if (!tables) return tables.error();
  return tables.value() == 4;
}

void PrintCopy(std::ostream& out, const db::BackupReport& copy, const DatabaseSummary& summary,
               std::chrono::steady_clock::duration taken) {
  const double seconds = std::chrono::duration<double>(taken).count();
  out << "  pages : " << copy.pages << " × " << copy.page_size << " octets = " << copy.bytes
      << " octets / pages: " << copy.pages << " × " << copy.page_size << " bytes = " << copy.bytes
      << " bytes\n"
      << "  schéma / schema: v" << summary.schema_version << '\n'
      << "  événements / events: " << summary.events << '\n'
      << "  journal d'audit / audit log: " << summary.audit_head.count
      << " entrées / entries, tête / head " << base::ToHex(summary.audit_head.hash) << '\n'
      << "  durée / time taken: " << seconds << " s\n";
}

void PrintKeysNotInBackup(std::ostream& out, const std::filesystem::path& data_dir) {
  const std::string sealing = server::admin::ServerKeys::SecretKeyPath(data_dir).string();
  const std::string certificate = (data_dir / server::tls::kGeneratedCertificateFile).string();
  const std::string key = (data_dir / server::tls::kGeneratedKeyFile).string();
  out << "La sauvegarde contient les données personnelles en clair (noms, documents, signaux de\n"
         "protection) : gardez-la chiffrée et sous clé. Les clés n'y sont pas (la clé de "
         "scellement\n"
         "ouvrirait les événements en attente d'une borne volée) ; sauvegardez-les à part, hors "
         "ligne :\n"
         "The backup holds personal data in clear (names, documents, protection signs): keep it\n"
         "encrypted and locked away. The keys are not in it (the sealing key would open a stolen\n"
         "kiosk's queued events); back them up separately, offline:\n"
      << "  " << sealing << "  (clé de scellement / sealing key)\n"
      << "  " << certificate << ", " << key
      << "  (certificat TLS épinglé par les bornes / TLS certificate the kiosks pin)\n";
}

}  // namespace minegate::ctl
