// minegatectl backup and restore with the real minegate-server: a backup taken while a kiosk
// streams events holds every event acknowledged before it began; restored into a new data
// directory, its audit chain verifies, its projections equal a rebuild of them, and the server
// starts on it and takes the kiosk's resent events. Then the refusals: missing, not SQLite,
// truncated, another application's database, a newer schema, an existing database (in use or
// not), an existing backup file.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "base/hex.hpp"
#include "db/bind.hpp"
#include "db/connection.hpp"
#include "db/migrations.hpp"
#include "db/query.hpp"
#include "server/audit/audit_log.hpp"
#include "server/store/migrations.hpp"
#include "server/store/open_store.hpp"
#include "tests/support/process.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/sim_kiosk.hpp"
#include "tests/support/temp_dir.hpp"

namespace minegate::test {
namespace {

using namespace std::chrono_literals;

RunResult CtlOn(const std::string& data_dir, std::vector<std::string> args) {
  args.insert(args.begin(), {MINEGATECTL_BIN, "--data-dir", data_dir});
  return RunToCompletion(args, {}, 60s);
}

db::Connection MustOpen(const std::string& path) {
  db::OpenOptions options;
  options.access = db::OpenOptions::Access::kReadOnly;
  auto connection = db::Connection::Open(path, options);
  if (!connection) throw std::runtime_error(path + ": " + connection.error().message());
  return std::move(connection).value();
}

std::int64_t CountOf(db::Connection& connection, const std::string& sql) {
  auto count =
      db::QueryOne(connection, sql, [](const db::Statement& row) { return row.ColumnInt64(0); });
  return count ? count.value() : -1;
}

/// Every row of the query tables the projector writes, as text, sorted per table.
std::vector<std::string> Projections(const std::string& database) {
  db::Connection connection = MustOpen(database);
  std::vector<std::string> dump;
  for (const char* table :
       {"persons", "bracelets", "bracelet_revocations", "passages", "presence", "companions",
        "miner_cards", "census_observations", "projection_state"}) {
    auto rows = db::QueryAll(connection, std::string("SELECT * FROM ") + table,
                             [&](const db::Statement& row) {
                               std::string line = table;
                               for (int c = 0; c < row.ColumnCount(); ++c) {
                                 const auto bytes = row.ColumnBlob(c);
                                 line += "|" + (row.ColumnIsNull(c) ? "NULL" : base::ToHex(bytes));
                               }
                               return line;
                             });
    EXPECT_TRUE(rows) << table;
    if (!rows) continue;
    std::sort(rows.value().begin(), rows.value().end());
    dump.insert(dump.end(), rows.value().begin(), rows.value().end());
  }
  return dump;
}

/// A sealed registration of the person with token `fill` × 16, at `seq`.
v1::Event Registration(const SimulatedKiosk& kiosk, std::uint64_t seq, std::uint8_t fill) {
  v1::Event event = kiosk.GatePassed(seq);
  event.clear_gate_passed();
  auto* person = event.mutable_person_registered();
  person->set_person_token(std::string(16, static_cast<char>(fill)));
  person->set_given_name("Awa " + std::to_string(fill));
  person->set_family_name("Traoré");
  person->set_sex(v1::SEX_FEMALE);
  person->mutable_birth()->set_year(1990);
  person->set_nationality("MLI");
  person->mutable_identity_document()->set_type(v1::DOCUMENT_TYPE_NATIONAL_ID);
  person->mutable_identity_document()->set_number("ML" + std::to_string(100000 + fill));
  person->set_occupation(v1::OCCUPATION_MINER);
  person->set_purpose(v1::PURPOSE_MINING);
  person->mutable_consent()->set_information_given(true);
  person->mutable_consent()->set_information_language("fra");
  person->mutable_consent()->set_method(v1::CONSENT_METHOD_ORAL);
  return kiosk.Seal(event);
}

/// Her verified passage at `seq`.
v1::Event Passage(const SimulatedKiosk& kiosk, std::uint64_t seq, std::uint8_t fill) {
  v1::Event event = kiosk.GatePassed(seq);
  event.mutable_gate_passed()->set_person_token(std::string(16, static_cast<char>(fill)));
  event.mutable_gate_passed()->set_tag_uid(std::string("\x04\x77\x66\x55\x44\x33", 6) +
                                           std::string(1, static_cast<char>(fill)));
  return event;
}

void CopyKeys(const std::filesystem::path& from, const std::filesystem::path& to) {
  // What an operator puts back from the separate key backup.
  std::filesystem::copy(from / "keys", to / "keys", std::filesystem::copy_options::recursive);
  for (const char* file : {"server-cert.pem", "server-key.pem"}) {
    std::filesystem::copy_file(from / file, to / file);
  }
}

TEST(BackupRestoreTest, ABackupTakenWhileEventsArriveRestoresIntoANewDataDirectory) {
  std::string error;
  auto server = ServerProcess::Create(error);
  ASSERT_NE(server, nullptr) << error;
  const std::filesystem::path data_dir = std::filesystem::path(server->database()).parent_path();
  // More audited changes, for the chain.
  ASSERT_TRUE(server->Ctl({"site", "add", "--name", "Sabodala", "--department", "saraya"})
                  .status.Succeeded());
  ASSERT_TRUE(
      server->Ctl({"gate", "add", "--site", "2", "--name", "Porte sud"}).status.Succeeded());
  SimulatedKiosk kiosk(server->client());
  ASSERT_TRUE(kiosk.Enrol(server->NewEnrolmentCode())) << server->Log();
  ASSERT_TRUE(kiosk.Connect()) << server->Log();

  // Twenty registered persons, each with a passage.
  std::vector<v1::Event> outbox;
  for (std::uint8_t person = 1; person <= 20; ++person) {
    outbox.push_back(Registration(kiosk, outbox.size() + 1, person));
    outbox.push_back(Passage(kiosk, outbox.size() + 1, person));
  }
  ASSERT_TRUE(kiosk.SendAndWaitAck(outbox)) << server->Log();

  // Then taps keep arriving, from a thread, while the backup runs.
  std::atomic<std::uint64_t> acked{outbox.size()};
  std::atomic<bool> stop{false};
  std::atomic<bool> sender_failed{false};
  std::mutex outbox_mutex;
  std::thread sender([&] {
    for (int round = 0; round < 2000 && !stop.load(); ++round) {
      std::vector<v1::Event> batch;
      {
        std::lock_guard lock(outbox_mutex);
        for (int i = 0; i < 10; ++i) {
          outbox.push_back(Passage(kiosk, outbox.size() + 1, static_cast<std::uint8_t>(1 + i)));
          batch.push_back(outbox.back());
        }
      }
      auto ack = kiosk.SendAndWaitAck(batch, 10s);
      if (!ack) {
        sender_failed = true;
        return;
      }
      acked = ack.value().acked_seq();
    }
  });
  const auto wait_for_acks_after = [&](std::uint64_t seen) {
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (acked.load() <= seen && !sender_failed.load() &&
           std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(5ms);
    }
    return acked.load() > seen;
  };
  ASSERT_TRUE(wait_for_acks_after(40));
  const std::uint64_t acked_before = acked.load();
  TempDir work("backup");
  const std::string backup = work.File("minegate-backup.db");
  const RunResult taken = server->Ctl({"backup", "--out", backup});
  const std::uint64_t acked_when_done = acked.load();
  // The server kept receiving during and after the backup.
  const bool more_acked = wait_for_acks_after(acked_when_done);
  stop = true;
  sender.join();
  ASSERT_TRUE(taken.status.Succeeded()) << taken.out << taken.err;
  ASSERT_TRUE(more_acked) << "the server stopped acknowledging: " << server->Log();
  EXPECT_FALSE(sender_failed.load());
  std::printf("backup: %llu events acknowledged before, %llu by the end of the backup\n",
              static_cast<unsigned long long>(acked_before),
              static_cast<unsigned long long>(acked_when_done));
  EXPECT_NE(taken.out.find("sauvegarde écrite et vérifiée / backup written and checked"),
            std::string::npos)
      << taken.out;
  EXPECT_NE(taken.out.find("keys/sealing.key"), std::string::npos) << taken.out;
  EXPECT_NE(taken.out.find("schéma / schema: v"), std::string::npos) << taken.out;

  // The backup's entry is in the live log (after the copy, so not in the copy).
  {
    db::Connection live = MustOpen(server->database());
    EXPECT_EQ(CountOf(live, "SELECT count(*) FROM audit_log WHERE action = 'minegatectl backup'"),
              1);
  }

  // Restored into a new data directory while the server still runs on the old one.
  const std::string restored_dir = work.File("restored");
  const RunResult restored = CtlOn(restored_dir, {"restore", "--from", backup});
  ASSERT_TRUE(restored.status.Succeeded()) << restored.out << restored.err;
  EXPECT_NE(restored.out.find("base restaurée / database restored"), std::string::npos);
  EXPECT_NE(restored.out.find("keys/sealing.key"), std::string::npos)
      << "the missing key is named: " << restored.out;
  const std::string restored_db = restored_dir + "/minegate.db";
  {
    db::Connection copy = MustOpen(restored_db);
    // Every event acknowledged before the backup began, and none that was not stored.
    std::int64_t found = 0;
    for (std::uint64_t seq = 1; seq <= acked_before; ++seq) {
      auto present =
          db::Exists(copy, "SELECT 1 FROM events WHERE event_id = ?1 AND device_seq = ?2",
                     db::Blob{outbox[seq - 1].event_id()}, static_cast<std::int64_t>(seq));
      ASSERT_TRUE(present);
      found += present.value() ? 1 : 0;
    }
    EXPECT_EQ(found, static_cast<std::int64_t>(acked_before));
    const std::int64_t events = CountOf(copy, "SELECT count(*) FROM events");
    EXPECT_GE(events, static_cast<std::int64_t>(acked_before));
    EXPECT_EQ(CountOf(copy, "SELECT max(device_seq) FROM events"), events)
        << "the copy holds a gap: not a snapshot";
    EXPECT_EQ(CountOf(copy, "SELECT count(*) FROM persons"), 20);

    auto chain = server::audit::AuditLog().Verify(copy);
    ASSERT_TRUE(chain) << chain.error().message();
    EXPECT_TRUE(chain.value().ok()) << chain.value().broken->detail;
    EXPECT_TRUE(chain.value().missing_guards.empty());
    // init, site, gate, user, enrolment, site, gate, enrolment... and the restore, last.
    EXPECT_GE(chain.value().head.count, 8);
    EXPECT_EQ(CountOf(copy,
                      "SELECT count(*) FROM audit_log WHERE action = 'minegatectl restore' "
                      "AND seq = (SELECT max(seq) FROM audit_log)"),
              1);
  }
  const RunResult verified = CtlOn(restored_dir, {"audit", "verify"});
  EXPECT_TRUE(verified.status.Succeeded()) << verified.out << verified.err;

  // The projections restored are what a rebuild from the restored log gives.
  const std::vector<std::string> projections = Projections(restored_db);
  const RunResult rebuilt = CtlOn(restored_dir, {"rebuild-projections"});
  ASSERT_TRUE(rebuilt.status.Succeeded()) << rebuilt.out << rebuilt.err;
  const std::vector<std::string> after_rebuild = Projections(restored_db);
  EXPECT_GT(projections.size(), 60u);
  EXPECT_EQ(projections, after_rebuild);

  // The server starts on the restored directory (keys put back separately), at the same
  // address: the kiosk learns how far the restored server got, resends the rest, and both
  // sides reconcile.
  CopyKeys(data_dir, restored_dir);
  const std::uint16_t port = server->client().port;
  ASSERT_TRUE(server->Stop());
  ProcessOptions options;
  options.argv = {MINEGATE_SERVER_BIN, "--data-dir", restored_dir,        "--listen",
                  "127.0.0.1",         "--port",     std::to_string(port)};
  options.stderr_path = work.File("restored-server.log");
  auto restarted = Process::Spawn(options, error);
  ASSERT_TRUE(restarted) << error;
  std::string log;
  ASSERT_TRUE(WaitForMatch(*restarted, options.stderr_path,
                           std::regex("listening address=127\\.0\\.0\\.1:([0-9]+)"), 20s, log))
      << log;
  kiosk.Disconnect();
  auto welcome = kiosk.Connect(acked.load());
  ASSERT_TRUE(welcome) << ReadFile(options.stderr_path);
  EXPECT_GE(welcome.value().acked_seq(), acked_before);
  EXPECT_LT(welcome.value().acked_seq(), outbox.size());
  for (std::size_t seq = welcome.value().acked_seq() + 1; seq <= outbox.size(); seq += 50) {
    std::vector<v1::Event> batch;
    for (std::size_t s = seq; s < seq + 50 && s <= outbox.size(); ++s)
      batch.push_back(outbox[s - 1]);
    ASSERT_TRUE(kiosk.SendAndWaitAck(batch)) << ReadFile(options.stderr_path);
  }
  auto report = kiosk.Reconcile();
  ASSERT_TRUE(report);
  EXPECT_EQ(report.value().event_count(), outbox.size());
  EXPECT_EQ(report.value().contiguous_seq(), outbox.size());
}

TEST(BackupRestoreTest, BadBackupsAndExistingDatabasesAreRefusedAndChangeNothing) {
  std::string error;
  auto server = ServerProcess::Create(error);
  ASSERT_NE(server, nullptr) << error;
  const std::string data_dir = std::filesystem::path(server->database()).parent_path().string();
  TempDir work("backup");
  const std::string backup = work.File("good.db");
  ASSERT_TRUE(server->Ctl({"backup", "--out", backup}).status.Succeeded());

  // backup: an existing file is never replaced; a missing folder writes nothing.
  std::ofstream(work.File("taken.db")) << "an older backup";
  const RunResult over = server->Ctl({"backup", "--out", work.File("taken.db")});
  EXPECT_EQ(over.status.exit_code, 1) << over.out << over.err;
  EXPECT_EQ(ReadFile(work.File("taken.db")), "an older backup");
  const RunResult nowhere = server->Ctl({"backup", "--out", work.File("absent/b.db")});
  EXPECT_EQ(nowhere.status.exit_code, 1) << nowhere.out << nowhere.err;
  EXPECT_FALSE(std::filesystem::exists(work.File("absent")));

  // Files that are not a backup this program can restore.
  std::ofstream(work.File("notes.txt")) << "ceci n'est pas une base / this is not a database\n";
  {
    const std::string whole = ReadFile(backup);
    std::ofstream(work.File("truncated.db"), std::ios::binary) << whole.substr(0, whole.size() / 2);
  }
  {
    auto other = db::Connection::Open(work.File("other-app.db"));
    ASSERT_TRUE(other);
    ASSERT_TRUE(other.value().Execute("CREATE TABLE recipes (name TEXT) STRICT"));
  }
  std::filesystem::copy_file(backup, work.File("newer.db"));
  {
    auto newer = db::Connection::Open(work.File("newer.db"));
    ASSERT_TRUE(newer);
    ASSERT_TRUE(newer.value().Execute("PRAGMA user_version = 999"));
  }
  const std::pair<std::string, std::string> refusals[] = {
      {work.File("missing.db"), "introuvable / backup file not found"},
      {work.File("notes.txt"), "n'est pas une base de données / file is not a database"},
      {work.File("truncated.db"), "corrompue / database corrupt"},
      {work.File("other-app.db"), "pas une sauvegarde de base minegate"},
      {work.File("newer.db"), "version plus récente"},
  };
  for (const auto& [file, why] : refusals) {
    SCOPED_TRACE(file);
    const std::string target = work.File("target-" + std::filesystem::path(file).stem().string());
    const RunResult refused = CtlOn(target, {"restore", "--from", file});
    EXPECT_EQ(refused.status.exit_code, 1) << refused.out << refused.err;
    EXPECT_NE(refused.err.find(why), std::string::npos) << refused.err;
    EXPECT_FALSE(std::filesystem::exists(target + "/minegate.db"));
    EXPECT_FALSE(std::filesystem::exists(target + "/minegate.db.restoring"));
  }

  // The server's own database: refused without --replace, and with it while the server runs.
  const std::int64_t entries = [&] {
    db::Connection live = MustOpen(server->database());
    return CountOf(live, "SELECT count(*) FROM audit_log");
  }();
  const RunResult exists = CtlOn(data_dir, {"restore", "--from", backup});
  EXPECT_EQ(exists.status.exit_code, 1) << exists.out << exists.err;
  EXPECT_NE(exists.err.find("--replace"), std::string::npos) << exists.err;
  const RunResult in_use = CtlOn(data_dir, {"restore", "--from", backup, "--replace"});
  EXPECT_EQ(in_use.status.exit_code, 1) << in_use.out << in_use.err;
  EXPECT_NE(in_use.err.find("en service"), std::string::npos) << in_use.err;
  EXPECT_TRUE(server->process().Running());
  {
    db::Connection live = MustOpen(server->database());
    EXPECT_EQ(CountOf(live, "SELECT count(*) FROM audit_log"), entries) << "the database changed";
  }
  // The server still works on it.
  SimulatedKiosk kiosk(server->client());
  ASSERT_TRUE(kiosk.Enrol(server->NewEnrolmentCode())) << server->Log();

  // Stopped, the database can be replaced: the enrolment above is gone with it.
  ASSERT_TRUE(server->Stop());
  const RunResult replaced = CtlOn(data_dir, {"restore", "--from", backup, "--replace"});
  ASSERT_TRUE(replaced.status.Succeeded()) << replaced.out << replaced.err;
  db::Connection now = MustOpen(server->database());
  EXPECT_EQ(CountOf(now, "SELECT count(*) FROM devices"), 0);
  EXPECT_FALSE(std::filesystem::exists(server->database() + ".restoring"));
  std::string restart_error;
  EXPECT_TRUE(server->Start(restart_error)) << restart_error;
}

TEST(BackupRestoreTest, ABackupOfAnOlderSchemaIsMigratedOnRestore) {
  TempDir work("backup");
  const auto migrations = server::ServerMigrations();
  const auto older = static_cast<int>(migrations.size()) - 1;
  {
    // A database as the previous release left it: every migration but the last.
    auto old = db::Connection::Open(work.File("old.db"));
    ASSERT_TRUE(old);
    auto applied = db::ApplyMigrations(old.value(), migrations.first(migrations.size() - 1));
    ASSERT_TRUE(applied) << applied.error().message();
    ASSERT_EQ(applied.value(), older);
  }
  const RunResult restored =
      CtlOn(work.File("restored"), {"restore", "--from", work.File("old.db")});
  ASSERT_TRUE(restored.status.Succeeded()) << restored.out << restored.err;
  EXPECT_NE(restored.out.find("schéma mis à jour / schema upgraded: v" + std::to_string(older) +
                              " → v" + std::to_string(older + 1)),
            std::string::npos)
      << restored.out;
  db::Connection now = MustOpen(work.File("restored/minegate.db"));
  EXPECT_EQ(db::SchemaVersion(now).value(), older + 1);
  // The file restored from is left as it was.
  db::Connection source = MustOpen(work.File("old.db"));
  EXPECT_EQ(db::SchemaVersion(source).value(), older);
}

}  // namespace
}  // namespace minegate::test
