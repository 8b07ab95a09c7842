// minegatectl run as the administrator runs it, then its effects read back through the server's
// library: what the CLI writes is what the server will see.
#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "minegate/v1/enrolment.pb.h"
#include "proto/credential/hex.hpp"
#include "proto/credential/signing_key.hpp"
#include "server/admin/agent_roster.hpp"
#include "server/admin/alert_board.hpp"
#include "server/admin/census_campaigns.hpp"
#include "server/admin/device_registry.hpp"
#include "server/admin/server_keys.hpp"
#include "server/admin/trust_list.hpp"
#include "server/admin/user_registry.hpp"
#include "server/store/open_store.hpp"
#include "server/tls/fingerprint.hpp"
#include "server/tls/identity.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

namespace minegate::ctl {
namespace {

namespace admin = server::admin;

constexpr char kAdminPassword[] = "un mot de passe solide";

std::string ReadText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// The enrolment file as minegatectl must write it: its two comment lines first (French, then
/// English), then an EnrolmentFile in text format with no field the schema lacks (the strict
/// parser refuses unknown fields, which the kiosk's reader would ignore).
v1::EnrolmentFile ParseEnrolmentText(const std::string& contents) {
  v1::EnrolmentFile file;
  EXPECT_EQ(contents.rfind("# Inscription de borne minegate : à usage unique, à détruire après "
                           "l'inscription.\n# minegate kiosk enrolment: single use, destroy "
                           "after enrolment.\n",
                           0),
            0u)
      << contents;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(contents, &file)) << contents;
  return file;
}

void WriteText(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

mode_t ModeOf(const std::filesystem::path& path) {
  struct stat status {};
  EXPECT_EQ(::stat(path.c_str(), &status), 0) << path;
  return status.st_mode & 07777;
}

/// The text after `prefix` on the first line of `output` that starts with it; "" if none.
std::string ValueAfter(const std::string& output, const std::string& prefix) {
  std::istringstream lines(output);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(prefix, 0) == 0) return line.substr(prefix.size());
  }
  return "";
}

/// Rows of a listing: lines between the header and the "N ligne(s) / row(s)" footer.
std::vector<std::string> Rows(const std::string& output) {
  std::vector<std::string> rows;
  std::istringstream lines(output);
  std::string line;
  std::getline(lines, line);  // header
  while (std::getline(lines, line)) {
    if (line.find("ligne(s) / row(s)") != std::string::npos) break;
    rows.push_back(line);
  }
  return rows;
}

class MinegatectlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(dir_.ok());
    WriteText(PasswordFile(), std::string(kAdminPassword) + "\n");
  }

  std::filesystem::path DataDir() const { return dir_.path() / "data"; }
  std::filesystem::path PasswordFile() const { return dir_.path() / "password"; }

  test::RunResult Run(std::vector<std::string> args, const std::string& stdin_path = {}) {
    std::vector<std::string> argv = {MINEGATECTL_BIN, "--data-dir", DataDir().string()};
    argv.insert(argv.end(), args.begin(), args.end());
    test::RunResult result = test::RunToCompletion(argv, {}, std::chrono::seconds(60), stdin_path);
    EXPECT_TRUE(result.spawn_error.empty()) << result.spawn_error;
    EXPECT_FALSE(result.timed_out);
    return result;
  }

  static int ExitCode(const test::RunResult& result) {
    return result.status.exit_code.value_or(-1);
  }

  /// Runs init with the admin "chef"; the test fails if it does not succeed.
  void MustInit() {
    const test::RunResult result =
        Run({"init", "--admin", "chef", "--password-file", PasswordFile().string()});
    ASSERT_EQ(ExitCode(result), 0) << result.out << result.err;
  }

  /// Runs a command that must succeed and returns its standard output.
  std::string MustRun(std::vector<std::string> args) {
    const test::RunResult result = Run(args);
    EXPECT_EQ(ExitCode(result), 0) << result.out << result.err;
    return result.out;
  }

  db::Connection OpenDatabase() { return server::OpenStore(DataDir() / "minegate.db").value(); }

  test::TempDir dir_{"ctl"};
};

TEST_F(MinegatectlTest, InitCreatesDataDirKeysDatabaseAndAdministrator) {
  const test::RunResult result =
      Run({"init", "--admin", "chef", "--password-file", PasswordFile().string()});
  ASSERT_EQ(ExitCode(result), 0) << result.out << result.err;
  EXPECT_NE(result.out.find("répertoire de données créé / data directory created"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("clé de scellement créée / sealing key created"), std::string::npos);
  EXPECT_NE(result.out.find("base de données créée / database created"), std::string::npos);
  EXPECT_NE(result.out.find("administrateur créé / administrator created: chef"),
            std::string::npos);

  EXPECT_EQ(ModeOf(DataDir()), 0700);
  EXPECT_EQ(ModeOf(DataDir() / "minegate.db"), 0600);
  EXPECT_EQ(ModeOf(DataDir() / "keys" / "sealing.key"), 0600);
  ASSERT_TRUE(admin::ServerKeys::Load(DataDir()));

  db::Connection connection = OpenDatabase();
  auto chef = admin::UserRegistry(connection).VerifyPassword("chef", kAdminPassword);
  ASSERT_TRUE(chef) << chef.error().message();
  EXPECT_EQ(chef.value().role, admin::Role::kAdministrator);
}

TEST_F(MinegatectlTest, ASecondInitIsRefusedAndChangesNothing) {
  MustInit();
  const std::string key = ReadText(DataDir() / "keys" / "sealing.key");
  WriteText(dir_.path() / "other", "another long password\n");
  const test::RunResult again =
      Run({"init", "--admin", "intrus", "--password-file", (dir_.path() / "other").string()});
  EXPECT_EQ(ExitCode(again), 1) << again.out << again.err;
  EXPECT_NE(again.err.find("déjà initialisé"), std::string::npos) << again.err;
  EXPECT_NE(again.err.find("already initialised"), std::string::npos) << again.err;
  EXPECT_EQ(ReadText(DataDir() / "keys" / "sealing.key"), key);
  db::Connection connection = OpenDatabase();
  EXPECT_EQ(admin::UserRegistry(connection).ListUsers().value().size(), 1u);
}

TEST_F(MinegatectlTest, InitReadsThePasswordFromStandardInput) {
  const test::RunResult result =
      Run({"init", "--admin", "chef", "--password-file", "-"}, PasswordFile().string());
  ASSERT_EQ(ExitCode(result), 0) << result.out << result.err;
  db::Connection connection = OpenDatabase();
  EXPECT_TRUE(admin::UserRegistry(connection).VerifyPassword("chef", kAdminPassword));
}

TEST_F(MinegatectlTest, InitWithAWeakPasswordCreatesNothing) {
  WriteText(PasswordFile(), "court\n");
  const test::RunResult result =
      Run({"init", "--admin", "chef", "--password-file", PasswordFile().string()});
  EXPECT_EQ(ExitCode(result), 1) << result.out << result.err;
  EXPECT_NE(result.err.find("password too short: at least 10 characters"), std::string::npos)
      << result.err;
  EXPECT_FALSE(std::filesystem::exists(DataDir()));
}

TEST_F(MinegatectlTest, CommandsBeforeInitAreRefusedWithoutCreatingADatabase) {
  const test::RunResult result = Run({"site", "list"});
  EXPECT_EQ(ExitCode(result), 1);
  EXPECT_NE(result.err.find("minegatectl init"), std::string::npos) << result.err;
  EXPECT_FALSE(std::filesystem::exists(DataDir() / "minegate.db"));
}

TEST_F(MinegatectlTest, SitesAndGates) {
  MustInit();
  const std::string site =
      ValueAfter(MustRun({"site", "add", "--name", "Bantako", "--department", "kedougou"}),
                 "site créé / site created: ");
  ASSERT_EQ(site.rfind("1 ", 0), 0u) << site;
  MustRun({"site", "add", "--name", "Khossanto", "--department", "saraya"});

  const test::RunResult duplicate =
      Run({"site", "add", "--name", "Bantako", "--department", "saraya"});
  EXPECT_EQ(ExitCode(duplicate), 1);
  EXPECT_NE(duplicate.err.find("a site already has this name"), std::string::npos);
  EXPECT_EQ(ExitCode(Run({"site", "add", "--name", "X", "--department", "dakar"})), 2);

  const std::vector<std::string> sites = Rows(MustRun({"site", "list"}));
  ASSERT_EQ(sites.size(), 2u);
  EXPECT_NE(sites[0].find("Bantako"), std::string::npos);
  EXPECT_NE(sites[1].find("saraya"), std::string::npos);

  // Located with the coordinates a map gives; refused out of range or not a number.
  EXPECT_NE(MustRun({"site", "locate", "--site", "1", "--lat", "12.5556", "--lon", "-12.1743"})
                .find("site situé / site located: 1 (12.555600, -12.174300)"),
            std::string::npos);
  EXPECT_EQ(ExitCode(Run({"site", "locate", "--site", "1", "--lat", "-91", "--lon", "0"})), 1);
  EXPECT_EQ(ExitCode(Run({"site", "locate", "--site", "9", "--lat", "12", "--lon", "-12"})), 1);
  EXPECT_EQ(ExitCode(Run({"site", "locate", "--site", "1", "--lat", "12,5", "--lon", "-12"})), 2);
  EXPECT_EQ(ExitCode(Run({"site", "locate", "--site", "1", "--lat", "nan", "--lon", "-12"})), 2);
  EXPECT_EQ(ExitCode(Run({"site", "locate", "--site", "1", "--lat", "12"})), 2);
  const std::vector<std::string> located = Rows(MustRun({"site", "list"}));
  ASSERT_EQ(located.size(), 2u);
  EXPECT_NE(located[0].find("12.555600  -12.174300"), std::string::npos) << located[0];
  EXPECT_EQ(located[1].find("12.5"), std::string::npos) << located[1];

  // The plausible speed suspected clones are judged with.
  EXPECT_NE(MustRun({"security", "list"}).find("plausible speed: 60 km/h"), std::string::npos);
  MustRun({"security", "set-speed", "--kmh", "90"});
  EXPECT_NE(MustRun({"security", "list"}).find("plausible speed: 90 km/h"), std::string::npos);
  EXPECT_EQ(ExitCode(Run({"security", "set-speed", "--kmh", "1001"})), 2);
  EXPECT_EQ(ExitCode(Run({"security", "list", "--status", "closed"})), 2);

  const std::string gate = ValueAfter(MustRun({"gate", "add", "--site", "1", "--name", "Nord"}),
                                      "porte créée / gate created: ");
  EXPECT_EQ(gate.rfind("1 ", 0), 0u) << gate;
  MustRun({"gate", "add", "--site", "2", "--name", "Sud"});
  EXPECT_EQ(ExitCode(Run({"gate", "add", "--site", "9", "--name", "Nord"})), 1);
  EXPECT_EQ(Rows(MustRun({"gate", "list"})).size(), 2u);
  const std::vector<std::string> of_site_two = Rows(MustRun({"gate", "list", "--site", "2"}));
  ASSERT_EQ(of_site_two.size(), 1u);
  EXPECT_NE(of_site_two[0].find("Sud"), std::string::npos);
}

TEST_F(MinegatectlTest, Users) {
  MustInit();
  WriteText(dir_.path() / "pin", "482915\n");
  MustRun({"user", "add", "--id", "moussa", "--name", "Moussa Keita", "--role", "gate_agent",
           "--password-file", PasswordFile().string(), "--pin-file",
           (dir_.path() / "pin").string()});
  MustRun({"user", "add", "--id", "awa", "--name", "Awa Diallo", "--role", "border_police",
           "--password-file", PasswordFile().string()});
  EXPECT_EQ(ExitCode(Run({"user", "add", "--id", "x1x", "--name", "X", "--role", "king",
                          "--password-file", PasswordFile().string()})),
            2);
  EXPECT_EQ(ExitCode(Run({"user", "add", "--id", "awa", "--name", "Awa", "--role", "auditor",
                          "--password-file", PasswordFile().string()})),
            1);
  EXPECT_EQ(ExitCode(Run({"user", "add", "--id", "chef2", "--name", "C", "--role", "administrator",
                          "--password-file", PasswordFile().string(), "--pin-file",
                          (dir_.path() / "pin").string()})),
            1);
  MustRun({"user", "disable", "--id", "awa"});
  EXPECT_EQ(ExitCode(Run({"user", "disable", "--id", "awa"})), 1);
  EXPECT_EQ(ExitCode(Run({"user", "disable", "--id", "chef"})), 1);  // last administrator

  const std::string listing = MustRun({"user", "list"});
  EXPECT_EQ(Rows(listing).size(), 3u);
  EXPECT_EQ(listing.find("$argon2"), std::string::npos);

  db::Connection connection = OpenDatabase();
  admin::UserRegistry users(connection);
  EXPECT_TRUE(users.VerifyPin("moussa", "482915"));
  EXPECT_EQ(users.VerifyPassword("awa", kAdminPassword).error(), admin::Errc::user_disabled);
  EXPECT_FALSE(users.FindUser("chef2"));
}

TEST_F(MinegatectlTest, DeviceEnrolmentRevocationAndTrustList) {
  MustInit();
  MustRun({"site", "add", "--name", "Bantako", "--department", "kedougou"});
  MustRun({"gate", "add", "--site", "1", "--name", "Nord"});
  const std::filesystem::path file = dir_.path() / "kiosk.enrol";
  const std::string out = MustRun({"device", "enroll", "--site", "1", "--gate", "1",
                                   "--description", "borne nord", "--out", file.string()});
  const std::string device = ValueAfter(out, "appareil créé / device created: ");
  EXPECT_EQ(device.rfind("kdg-0001 ", 0), 0u) << out;
  const std::string code =
      ValueAfter(out, "code d'inscription (usage unique) / enrolment code (one-time): ");
  ASSERT_TRUE(std::regex_match(code, std::regex("([0-9A-Z]{4}-){7}[0-9A-Z]{4}"))) << out;

  // The enrolment file: private, with the code and the server's sealing key.
  EXPECT_EQ(ModeOf(file), 0600);
  const std::string contents = ReadText(file);
  const v1::EnrolmentFile enrolment = ParseEnrolmentText(contents);
  EXPECT_EQ(enrolment.device_id(), "kdg-0001");
  EXPECT_EQ(enrolment.site_id(), 1u);
  EXPECT_EQ(enrolment.gate_id(), 1u);
  EXPECT_EQ(enrolment.enrolment_code(), code);
  EXPECT_GT(enrolment.expires_at_ms(), 0);
  const admin::ServerKeys keys = admin::ServerKeys::Load(DataDir()).value();
  EXPECT_EQ(enrolment.server_sealing_public_key(), credential::ToHex(keys.public_key()));
  EXPECT_EQ(enrolment.server_sealing_key_id(), credential::ToHex(keys.key_id()));
  EXPECT_EQ(enrolment.server_certificate_sha256(), "");  // the server never started

  // A second enrolment never replaces the file, and creates no device.
  const test::RunResult again = Run({"device", "enroll", "--site", "1", "--out", file.string()});
  EXPECT_EQ(ExitCode(again), 1);
  EXPECT_NE(again.err.find("an existing file is never replaced"), std::string::npos) << again.err;
  EXPECT_EQ(ReadText(file), contents);
  // Nor does a folder that is not there.
  const std::filesystem::path nowhere = dir_.path() / "no-such-folder" / "kiosk.enrol";
  EXPECT_EQ(ExitCode(Run({"device", "enroll", "--site", "1", "--out", nowhere.string()})), 1);
  // A refused enrolment leaves no file behind.
  const std::filesystem::path unused = dir_.path() / "unused.enrol";
  EXPECT_EQ(ExitCode(Run({"device", "enroll", "--site", "7", "--out", unused.string()})), 1);
  EXPECT_FALSE(std::filesystem::exists(unused));
  EXPECT_EQ(Rows(MustRun({"device", "list"})).size(), 1u);

  // The kiosk presents the code, as the server will on its behalf.
  credential::Seed seed{};
  seed.fill(0x5A);
  const credential::PublicKey kiosk_key =
      credential::SigningKey::FromSeed(seed).value().public_key();
  {
    db::Connection connection = OpenDatabase();
    auto enrolled = admin::DeviceRegistry(connection).CompleteEnrolment(code, kiosk_key);
    ASSERT_TRUE(enrolled) << enrolled.error().message();
    EXPECT_EQ(enrolled.value().device_id, "kdg-0001");
    EXPECT_EQ(enrolled.value().gate_id, 1);
  }
  const std::vector<std::string> listed = Rows(MustRun({"device", "list"}));
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].find("pending"), std::string::npos) << listed[0];
  EXPECT_NE(listed[0].find("non/no"), std::string::npos) << listed[0];  // not revoked

  const std::string revoked =
      MustRun({"device", "revoke", "--id", "kdg-0001", "--at", "1795000000000"});
  EXPECT_NE(revoked.find("trust list v2"), std::string::npos) << revoked;
  EXPECT_EQ(ExitCode(Run({"device", "revoke", "--id", "kdg-0001", "--at", "1795000000000"})), 1);
  EXPECT_EQ(ExitCode(Run({"device", "revoke", "--id", "kdg-0404"})), 1);
  EXPECT_EQ(ExitCode(Run({"device", "revoke", "--id", "kdg-0001", "--at", "soon"})), 2);

  db::Connection connection = OpenDatabase();
  auto update = admin::TrustListSince(connection, 1);
  ASSERT_TRUE(update);
  EXPECT_EQ(update.value().version(), 2u);
  ASSERT_EQ(update.value().keys_size(), 1);
  EXPECT_EQ(update.value().keys(0).revoked_at_ms(), 1795000000000);
}

TEST_F(MinegatectlTest, Alerts) {
  MustInit();
  MustRun({"alert", "publish", "--id", "maintenance", "--fr", "Maintenance ce soir", "--en",
           "Maintenance tonight"});
  EXPECT_EQ(ExitCode(Run({"alert", "publish", "--id", "maintenance", "--fr", "a", "--en", "b"})),
            1);
  EXPECT_EQ(ExitCode(Run({"alert", "publish", "--id", "x", "--fr", "a"})), 2);
  {
    db::Connection connection = OpenDatabase();
    auto alerts = admin::AlertBoard(connection).AlertsSince(0);
    ASSERT_TRUE(alerts);
    ASSERT_EQ(alerts.value().alerts_size(), 1);
    EXPECT_EQ(alerts.value().alerts(0).text().en(), "Maintenance tonight");
  }
  MustRun({"alert", "withdraw", "--id", "maintenance"});
  EXPECT_EQ(ExitCode(Run({"alert", "withdraw", "--id", "maintenance"})), 1);
  db::Connection connection = OpenDatabase();
  EXPECT_EQ(admin::AlertBoard(connection).AlertsSince(0).value().alerts_size(), 0);
}

TEST_F(MinegatectlTest, UsageErrorsExitWithTwoAndHelpWithZero) {
  EXPECT_EQ(ExitCode(Run({})), 2);
  EXPECT_EQ(ExitCode(Run({"frobnicate"})), 2);
  EXPECT_EQ(ExitCode(Run({"site"})), 2);
  EXPECT_EQ(ExitCode(Run({"site", "add", "--name", "X", "--colour", "red"})), 2);
  EXPECT_EQ(ExitCode(Run({"site", "add", "--name"})), 2);
  EXPECT_EQ(ExitCode(Run({"site", "add", "--name", "a", "--name", "b"})), 2);
  EXPECT_EQ(ExitCode(Run({"site", "add", "extra"})), 2);
  EXPECT_EQ(ExitCode(Run({"init", "--admin", "chef"})), 2);
  EXPECT_FALSE(std::filesystem::exists(DataDir()));

  const test::RunResult general = Run({"--help"});
  EXPECT_EQ(ExitCode(general), 0);
  EXPECT_NE(general.out.find("commandes / commands"), std::string::npos);
  for (const std::vector<std::string>& command : {std::vector<std::string>{"init"},
                                                  {"site", "add"},
                                                  {"site", "list"},
                                                  {"gate", "add"},
                                                  {"gate", "list"},
                                                  {"user", "add"},
                                                  {"user", "disable"},
                                                  {"user", "list"},
                                                  {"device", "enroll"},
                                                  {"device", "revoke"},
                                                  {"device", "list"},
                                                  {"alert", "publish"},
                                                  {"alert", "withdraw"},
                                                  {"user", "set-card"},
                                                  {"census", "add"},
                                                  {"census", "close"},
                                                  {"census", "list"}}) {
    std::vector<std::string> args = command;
    args.push_back("--help");
    const test::RunResult help = Run(args);
    EXPECT_EQ(ExitCode(help), 0) << command[0];
    EXPECT_NE(help.out.find("utilisation / usage: minegatectl"), std::string::npos) << help.out;
  }
}

TEST_F(MinegatectlTest, StaffCardsAndTheAgentRoster) {
  MustInit();
  MustRun({"site", "add", "--name", "Bantako", "--department", "kedougou"});
  WriteText(dir_.path() / "pin", "482915\n");
  const std::string pin_file = (dir_.path() / "pin").string();
  const std::string out =
      MustRun({"user", "add", "--id", "moussa", "--name", "Moussa Keita", "--role", "gate_agent",
               "--password-file", PasswordFile().string(), "--pin-file", pin_file, "--card-uid",
               "04:A1:B2:C3", "--sites", "1"});
  EXPECT_NE(out.find("04a1b2c3"), std::string::npos) << out;
  // EMAPE officials have a kiosk PIN too (census campaigns).
  MustRun({"user", "add", "--id", "fatou", "--name", "Fatou Sow", "--role", "emape_official",
           "--password-file", PasswordFile().string(), "--pin-file", pin_file, "--sites", "1"});

  // Duplicate card, unknown user, bad hex, wrong length, both or neither of --uid/--clear.
  const test::RunResult taken = Run({"user", "set-card", "--id", "fatou", "--uid", "04a1b2c3"});
  EXPECT_EQ(ExitCode(taken), 1);
  EXPECT_NE(taken.err.find("another user"), std::string::npos) << taken.err;
  EXPECT_NE(taken.err.find("autre utilisateur"), std::string::npos) << taken.err;
  EXPECT_EQ(ExitCode(Run({"user", "add", "--id", "ibou", "--name", "Ibou", "--role", "gate_agent",
                          "--password-file", PasswordFile().string(), "--card-uid", "04A1B2C3"})),
            1);
  const test::RunResult unknown = Run({"user", "set-card", "--id", "nobody", "--uid", "01020304"});
  EXPECT_EQ(ExitCode(unknown), 1);
  EXPECT_NE(unknown.err.find("unknown user"), std::string::npos) << unknown.err;
  const test::RunResult bad_hex = Run({"user", "set-card", "--id", "fatou", "--uid", "04zz1122"});
  EXPECT_EQ(ExitCode(bad_hex), 2);
  EXPECT_NE(bad_hex.err.find("hex"), std::string::npos) << bad_hex.err;
  EXPECT_EQ(ExitCode(Run({"user", "set-card", "--id", "fatou", "--uid", "040506"})), 1);
  EXPECT_EQ(ExitCode(Run({"user", "set-card", "--id", "fatou"})), 2);
  EXPECT_EQ(ExitCode(Run({"user", "set-card", "--id", "fatou", "--uid", "01020304", "--clear"})),
            2);
  EXPECT_EQ(ExitCode(Run({"user", "add", "--id", "ibou", "--name", "Ibou", "--role", "gate_agent",
                          "--password-file", PasswordFile().string(), "--card-uid", "xyz"})),
            2);

  {
    db::Connection connection = OpenDatabase();
    EXPECT_FALSE(admin::UserRegistry(connection).FindUser("ibou"));
    const v1::AgentRoster roster = admin::ReadAgentRoster(connection, 1).value();
    EXPECT_EQ(roster.version(), 2u);
    ASSERT_EQ(roster.agents_size(), 2);
    EXPECT_EQ(roster.agents(0).user_id(), "fatou");
    EXPECT_TRUE(roster.agents(0).staff_card_uid().empty());
    EXPECT_EQ(roster.agents(1).staff_card_uid(), std::string("\x04\xa1\xb2\xc3", 4));
  }

  MustRun({"user", "set-card", "--id", "moussa", "--clear"});
  MustRun({"user", "set-card", "--id", "fatou", "--uid", "04a1b2c3"});
  const std::string listing = MustRun({"user", "list"});
  EXPECT_NE(listing.find("CARTE / CARD"), std::string::npos) << listing;
  EXPECT_NE(listing.find("04a1b2c3"), std::string::npos) << listing;
  db::Connection connection = OpenDatabase();
  const v1::AgentRoster roster = admin::ReadAgentRoster(connection, 1).value();
  EXPECT_EQ(roster.version(), 4u);
  EXPECT_EQ(roster.agents(0).staff_card_uid(), std::string("\x04\xa1\xb2\xc3", 4));
  EXPECT_TRUE(roster.agents(1).staff_card_uid().empty());
}

TEST_F(MinegatectlTest, CensusCampaigns) {
  MustInit();
  MustRun({"site", "add", "--name", "Bantako", "--department", "kedougou"});
  MustRun({"site", "add", "--name", "Sabodala", "--department", "saraya"});
  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  const std::string in_a_month = std::to_string(now + 30LL * 24 * 3'600'000);
  const std::string out =
      MustRun({"census", "add", "--id", "bantako-2026-q4", "--site", "1", "--fr", "Recensement T4",
               "--en", "Census Q4", "--closes-at", in_a_month});
  EXPECT_NE(out.find("campagne créée / campaign created: bantako-2026-q4"), std::string::npos)
      << out;
  MustRun({"census", "add", "--id", "sabodala-2026", "--site", "2", "--fr", "Recensement", "--en",
           "Census", "--opens-at", std::to_string(now + 3'600'000), "--closes-at", in_a_month});

  // Closing before opening, unknown site, reused id, bad id, missing name: refused (1).
  const test::RunResult backwards =
      Run({"census", "add", "--id", "later", "--site", "1", "--fr", "R", "--en", "C", "--opens-at",
           in_a_month, "--closes-at", std::to_string(now + 3'600'000)});
  EXPECT_EQ(ExitCode(backwards), 1);
  EXPECT_NE(backwards.err.find("opening must come before closing"), std::string::npos)
      << backwards.err;
  const test::RunResult no_site = Run({"census", "add", "--id", "nowhere", "--site", "9", "--fr",
                                       "R", "--en", "C", "--closes-at", in_a_month});
  EXPECT_EQ(ExitCode(no_site), 1);
  EXPECT_NE(no_site.err.find("unknown site"), std::string::npos) << no_site.err;
  EXPECT_EQ(ExitCode(Run({"census", "add", "--id", "bantako-2026-q4", "--site", "2", "--fr", "R",
                          "--en", "C", "--closes-at", in_a_month})),
            1);
  EXPECT_EQ(ExitCode(Run({"census", "add", "--id", "Bad_Id", "--site", "1", "--fr", "R", "--en",
                          "C", "--closes-at", in_a_month})),
            1);
  EXPECT_EQ(ExitCode(Run({"census", "add", "--id", "no-name", "--site", "1", "--fr", "", "--en",
                          "C", "--closes-at", in_a_month})),
            1);
  // Usage errors (2): a missing closing time, a closing time that is not a number.
  EXPECT_EQ(
      ExitCode(Run({"census", "add", "--id", "x-1", "--site", "1", "--fr", "R", "--en", "C"})), 2);
  EXPECT_EQ(ExitCode(Run({"census", "add", "--id", "x-1", "--site", "1", "--fr", "R", "--en", "C",
                          "--closes-at", "tomorrow"})),
            2);

  EXPECT_EQ(Rows(MustRun({"census", "list"})).size(), 2u);
  const std::vector<std::string> of_sabodala = Rows(MustRun({"census", "list", "--site", "2"}));
  ASSERT_EQ(of_sabodala.size(), 1u);
  EXPECT_NE(of_sabodala[0].find("à venir / upcoming"), std::string::npos) << of_sabodala[0];

  MustRun({"census", "close", "--id", "bantako-2026-q4"});
  EXPECT_EQ(ExitCode(Run({"census", "close", "--id", "bantako-2026-q4"})), 1);
  const test::RunResult unknown = Run({"census", "close", "--id", "no-such"});
  EXPECT_EQ(ExitCode(unknown), 1);
  EXPECT_NE(unknown.err.find("unknown census campaign"), std::string::npos) << unknown.err;
  const std::vector<std::string> of_bantako = Rows(MustRun({"census", "list", "--site", "1"}));
  ASSERT_EQ(of_bantako.size(), 1u);
  EXPECT_NE(of_bantako[0].find("close / closed"), std::string::npos) << of_bantako[0];

  db::Connection connection = OpenDatabase();
  const v1::CensusCampaigns kiosk_list =
      admin::CensusCampaignRegistry(connection).CampaignsForKiosk(1).value();
  EXPECT_EQ(kiosk_list.version(), 3u);  // two added, one closed
  ASSERT_EQ(kiosk_list.campaigns_size(), 1);
  EXPECT_EQ(kiosk_list.campaigns(0).name().fr(), "Recensement T4");
  EXPECT_LE(kiosk_list.campaigns(0).closes_at_ms(), now + 60'000);
}

TEST_F(MinegatectlTest, EnrolmentFileNamesTheServerCertificateWhenThereIsOne) {
  MustInit();
  MustRun({"site", "add", "--name", "Bantako", "--department", "kedougou"});
  const std::filesystem::path before = dir_.path() / "before.enrol";
  MustRun({"device", "enroll", "--site", "1", "--out", before.string()});
  EXPECT_EQ(ReadText(before).find("server_certificate_sha256"), std::string::npos);
  EXPECT_EQ(ParseEnrolmentText(ReadText(before)).gate_id(), 0u);  // no --gate

  // The certificate the server generates on its first start, in the data directory.
  server::tls::IdentityConfig config;
  config.data_dir = DataDir();
  auto identity = server::tls::LoadOrCreateServerIdentity(config);
  ASSERT_TRUE(identity) << identity.error().message();
  const std::string fingerprint =
      server::tls::CertificateSha256Fingerprint(identity.value().certificate_pem).value();
  ASSERT_EQ(fingerprint.size(), 64u);
  const std::filesystem::path after = dir_.path() / "after.enrol";
  MustRun({"device", "enroll", "--site", "1", "--out", after.string()});
  EXPECT_EQ(ParseEnrolmentText(ReadText(after)).server_certificate_sha256(), fingerprint);

  // A damaged certificate refuses the enrolment rather than pin nothing: no device, no file.
  WriteText(DataDir() / std::string(server::tls::kGeneratedCertificateFile), "not a certificate");
  const std::filesystem::path damaged = dir_.path() / "damaged.enrol";
  EXPECT_EQ(ExitCode(Run({"device", "enroll", "--site", "1", "--out", damaged.string()})), 1);
  EXPECT_FALSE(std::filesystem::exists(damaged));
  // So does one that cannot be read (a folder in its place), with the reason.
  const std::filesystem::path certificate =
      DataDir() / std::string(server::tls::kGeneratedCertificateFile);
  std::filesystem::remove(certificate);
  std::filesystem::create_directory(certificate);
  const test::RunResult unreadable =
      Run({"device", "enroll", "--site", "1", "--out", damaged.string()});
  EXPECT_EQ(ExitCode(unreadable), 1);
  EXPECT_NE(unreadable.err.find("not a regular file"), std::string::npos) << unreadable.err;
  EXPECT_FALSE(std::filesystem::exists(damaged));
  EXPECT_EQ(Rows(MustRun({"device", "list"})).size(), 2u);
}

TEST_F(MinegatectlTest, EnrolmentFilePinsTheCertificateTheServerLastServed) {
  MustInit();
  MustRun({"site", "add", "--name", "Bantako", "--department", "kedougou"});
  // A start that generated a pair in the data directory...
  server::tls::IdentityConfig generated;
  generated.data_dir = DataDir();
  auto first = server::tls::LoadOrCreateServerIdentity(generated);
  ASSERT_TRUE(first) << first.error().message();
  // ... then starts with a configured certificate (--tls-cert), which the server records as the
  // one it serves (ServerApp::Start): the enrolment file must pin that one, not the generated
  // pair still in the data directory, or kiosks enrolled with it refuse the server.
  server::tls::IdentityConfig elsewhere;
  elsewhere.data_dir = dir_.path() / "configured";
  auto configured = server::tls::LoadOrCreateServerIdentity(elsewhere);
  ASSERT_TRUE(configured) << configured.error().message();
  ASSERT_TRUE(server::tls::RecordServedCertificate(DataDir(), configured.value()));
  const std::filesystem::path file = dir_.path() / "served.enrol";
  MustRun({"device", "enroll", "--site", "1", "--out", file.string()});
  const std::string pinned = ParseEnrolmentText(ReadText(file)).server_certificate_sha256();
  EXPECT_EQ(pinned,
            server::tls::CertificateSha256Fingerprint(configured.value().certificate_pem).value());
  EXPECT_NE(pinned,
            server::tls::CertificateSha256Fingerprint(first.value().certificate_pem).value());
  // A certificate is public: readable by all, written whole.
  const auto served = DataDir() / std::string(server::tls::kServedCertificateFile);
  EXPECT_EQ(std::filesystem::status(served).permissions() & std::filesystem::perms::all,
            std::filesystem::perms(0644));
  EXPECT_EQ(ReadText(served), configured.value().certificate_pem);
}

}  // namespace
}  // namespace minegate::ctl
