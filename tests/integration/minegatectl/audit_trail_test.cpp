// Every minegatectl command that changes something appears in the audit log exactly once, with
// the OS user, the command, its targets, its options and its outcome — and no secret; commands
// that only read, and usage errors, write nothing.
#include <gtest/gtest.h>

#include <chrono>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "proto/credential/signing_key.hpp"
#include "server/admin/device_registry.hpp"
#include "server/admin/error.hpp"
#include "server/audit/audit_entry.hpp"
#include "tests/integration/minegatectl/audit_ctl_fixture.hpp"

namespace minegate::ctl {
namespace {

namespace admin = server::admin;
namespace audit = server::audit;

constexpr char kNewPassword[] = "une autre phrase de passe";
constexpr char kPin[] = "482915";
constexpr char kNewPin[] = "730591";

/// What one entry must say.
struct Expected {
  Expected(std::string command_words, std::vector<std::string> target_list,
           std::string outcome_text = "ok", std::string query_json = "")
      : command(std::move(command_words)),
        targets(std::move(target_list)),
        outcome(std::move(outcome_text)),
        query(std::move(query_json)) {}

  std::string command;  ///< after "minegatectl "
  std::vector<std::string> targets;
  std::string outcome;
  std::string query;  ///< exact JSON, when not empty
};

std::string ValueAfter(const std::string& output, const std::string& prefix) {
  std::istringstream lines(output);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(prefix, 0) == 0) return line.substr(prefix.size());
  }
  return "";
}

std::int64_t InThirtyDaysMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             (std::chrono::system_clock::now() + std::chrono::hours(24 * 30)).time_since_epoch())
      .count();
}

class AuditTrailTest : public test::AuditCtlTest {
 protected:
  /// Runs `args` (which must end as `exit_code` says) and notes the entry it must write.
  void Change(std::vector<std::string> args, Expected expected, int exit_code = 0) {
    const auto result = Run(args);
    EXPECT_EQ(ExitCode(result), exit_code) << args[0] << ' ' << args[1] << result.out << result.err;
    last_output_ = result.out;
    expected_.push_back(std::move(expected));
  }

  /// A command that changes nothing: the log must not grow.
  void Read(std::vector<std::string> args, int exit_code = 0) {
    const std::size_t before = Entries().size();
    EXPECT_EQ(ExitCode(Run(args)), exit_code) << args[0];
    EXPECT_EQ(Entries().size(), before) << args[0];
  }

  std::vector<Expected> expected_;
  std::string last_output_;
};

TEST_F(AuditTrailTest, EveryChangeIsRecordedOnceWithItsFieldsAndNoSecret) {
  const std::filesystem::path pin = dir_.path() / "pin";
  const std::filesystem::path new_pin = dir_.path() / "new-pin";
  const std::filesystem::path new_password = dir_.path() / "new-password";
  WriteText(pin, std::string(kPin) + "\n");
  WriteText(new_pin, std::string(kNewPin) + "\n");
  WriteText(new_password, std::string(kNewPassword) + "\n");
  const std::string password = PasswordFile().string();

  Change({"init", "--admin", "chef", "--password-file", password},
         {"init", {"user:chef"}, "ok", R"({"admin":"chef"})"});
  Change({"site", "add", "--name", "Bantako", "--department", "kedougou"},
         {"site add", {"site:1"}, "ok", R"({"department":"kedougou","name":"Bantako"})"});
  Change({"site", "add", "--name", "Bantako", "--department", "kedougou"},
         {"site add", {}, audit::OutcomeOf("refused", admin::Errc::site_exists)}, 1);
  Change({"gate", "add", "--site", "1", "--name", "Porte nord"},
         {"gate add", {"site:1", "gate:1"}, "ok", R"({"name":"Porte nord","site":"1"})"});
  Change(
      {"user", "add", "--id", "awa", "--name", "Awa Ba", "--role", "gate_agent", "--password-file",
       password, "--pin-file", pin.string(), "--card-uid", "04A1B2C3", "--sites", "1"},
      {"user add",
       {"user:awa", "site:1"},
       "ok",
       R"({"card-uid":"04A1B2C3","id":"awa","name":"Awa Ba","role":"gate_agent","sites":"1"})"});
  Change({"user", "add", "--id", "aud", "--name", "Auditrice", "--role", "auditor",
          "--password-file", password},
         {"user add", {"user:aud"}});
  Change({"user", "set-password", "--id", "aud", "--password-file", new_password.string()},
         {"user set-password", {"user:aud"}, "ok", R"({"id":"aud"})"});
  Change({"user", "reset-password", "--id", "aud", "--password-file", password},
         {"user reset-password", {"user:aud"}, "ok", R"({"id":"aud"})"});
  Change({"user", "set-pin", "--id", "awa", "--pin-file", new_pin.string()},
         {"user set-pin", {"user:awa"}});
  Change({"user", "set-card", "--id", "awa", "--uid", "04:a1:b2:c4"},
         {"user set-card", {"user:awa"}, "ok", R"({"id":"awa","uid":"04:a1:b2:c4"})"});
  Change({"user", "set-card", "--id", "awa", "--clear"},
         {"user set-card", {"user:awa"}, "ok", R"({"clear":true,"id":"awa"})"});
  Change({"site", "add", "--name", "Sabodala", "--department", "saraya"}, {"site add", {"site:2"}});
  Change({"site", "locate", "--site", "2", "--lat", "12.9936", "--lon", "-11.7661"},
         {"site locate", {"site:2"}, "ok", R"({"lat":"12.9936","lon":"-11.7661","site":"2"})"});
  Change({"site", "locate", "--site", "2", "--lat", "91", "--lon", "-11.7661"},
         {"site locate", {"site:2"}, audit::OutcomeOf("refused", admin::Errc::bad_coordinates)}, 1);
  Change({"security", "set-speed", "--kmh", "80"},
         {"security set-speed", {"security_settings"}, "ok", R"({"kmh":"80"})"});
  Change({"user", "assign-site", "--id", "awa", "--site", "2"},
         {"user assign-site", {"user:awa", "site:2"}});
  Change({"user", "unassign-site", "--id", "awa", "--site", "2"},
         {"user unassign-site", {"user:awa", "site:2"}});
  Change({"census", "add", "--id", "recensement-2026", "--site", "1", "--fr", "Recensement", "--en",
          "Census", "--closes-at", std::to_string(InThirtyDaysMs())},
         {"census add", {"census:recensement-2026", "site:1"}});
  Change({"census", "close", "--id", "recensement-2026"},
         {"census close", {"census:recensement-2026"}});
  Change({"alert", "publish", "--id", "alerte-1", "--fr", "Route fermée", "--en", "Road closed"},
         {"alert publish",
          {"alert:alerte-1"},
          "ok",
          R"({"en":"Road closed","fr":"Route fermée","id":"alerte-1"})"});
  Change({"alert", "withdraw", "--id", "alerte-1"}, {"alert withdraw", {"alert:alerte-1"}});
  const std::string enrolment_file = (dir_.path() / "kdg-0001.enrol").string();
  Change({"device", "enroll", "--site", "1", "--gate", "1", "--out", enrolment_file},
         {"device enroll", {"device:kdg-0001", "site:1", "gate:1"}});
  const std::string enrolment_code =
      ValueAfter(last_output_, "code d'inscription (usage unique) / enrolment code (one-time): ");
  ASSERT_FALSE(enrolment_code.empty()) << last_output_;
  {
    // The kiosk enrols with the code (the server's side, not minegatectl's: no entry here).
    credential::Seed seed{};
    seed.fill(0x5A);
    auto connection = server::OpenStore(Database());
    ASSERT_TRUE(connection);
    ASSERT_TRUE(
        admin::DeviceRegistry(connection.value())
            .CompleteEnrolment(enrolment_code,
                               credential::SigningKey::FromSeed(seed).value().public_key()));
  }
  Change({"rebuild-projections"}, {"rebuild-projections", {}});

  // A bracelet the kiosk issued, as the server's projections hold it, to revoke.
  MustSqlite(
      "INSERT INTO events (log_position, event_id, device_id, device_seq, occurred_at_ms, "
      "received_at_ms, site_id, gate_id, body_kind, event) VALUES (1, zeroblob(16), 'kdg-0001', "
      "1, 0, 0, 1, 1, 'person_registered', x'');"
      "INSERT INTO persons (person_token, given_name, family_name, sex, birth_year, "
      "birth_estimated, nationality, occupation, document_number, registered_at_ms, "
      "registered_site_id, registered_position, record) VALUES (zeroblob(16), 'Mariama', 'Diallo',"
      " 1, 2004, 0, 'GIN', 3, '', 0, 1, 1, x'');"
      "INSERT INTO bracelets (tag_uid, person_token, tag_type, credential, issued_at_ms, "
      "issued_site_id, issuing_device_id) VALUES (x'04aabbccdd0011', zeroblob(16), 1, x'00', 0, "
      "1, 'kdg-0001');");
  Change({"bracelet", "revoke", "--uid", "04aabbccdd0011", "--reason", "lost"},
         {"bracelet revoke",
          {"bracelet:04aabbccdd0011"},
          "ok",
          R"({"reason":"lost","uid":"04aabbccdd0011"})"});
  // The kiosk held awa's PIN: the revocation compromises it, and names her.
  Change({"device", "revoke", "--id", "kdg-0001"},
         {"device revoke", {"device:kdg-0001", "user:awa"}});
  Change({"user", "disable", "--id", "awa"}, {"user disable", {"user:awa"}});
  Change(
      {"user", "disable", "--id", "chef"},
      {"user disable", {"user:chef"}, audit::OutcomeOf("refused", admin::Errc::last_administrator)},
      1);
  Change({"init", "--admin", "chef2", "--password-file", password},
         {"init", {"user:chef2"}, "refused:minegatectl.already_initialised"}, 1);

  // Reading, asking for help, or getting the command line wrong writes nothing.
  Read({"site", "list"});
  Read({"gate", "list"});
  Read({"user", "list"});
  Read({"device", "list"});
  Read({"census", "list"});
  Read({"security", "list"});
  Read({"security", "set-speed", "--kmh", "0"}, 2);
  Read({"audit", "head"});
  Read({"audit", "verify"});
  Read({"site", "add", "--name", "Kharakhena"}, 2);
  Read({"user", "disable", "--help"});

  const std::vector<audit::AuditRecord> entries = Entries();
  ASSERT_EQ(entries.size(), expected_.size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const audit::AuditEntry& entry = entries[i].entry;
    const Expected& want = expected_[i];
    SCOPED_TRACE("entry " + std::to_string(entries[i].seq) + ": " + entry.action);
    EXPECT_EQ(entries[i].seq, static_cast<std::int64_t>(i + 1));
    EXPECT_EQ(entry.action, "minegatectl " + want.command);
    EXPECT_EQ(entry.targets, want.targets);
    EXPECT_EQ(entry.outcome, want.outcome);
    if (!want.query.empty()) {
      EXPECT_EQ(entry.query, want.query);
    }
    EXPECT_EQ(entry.actor_kind, audit::ActorKind::kMinegatectl);
    EXPECT_EQ(entry.actor_id, OsUser());
    EXPECT_EQ(entry.actor_role, "");
    EXPECT_EQ(entry.client_address, "");
    EXPECT_EQ(entry.user_agent.rfind("minegatectl ", 0), 0u);
    EXPECT_EQ(entry.result_count, -1);
    EXPECT_EQ(entry.http_status, 0);
    EXPECT_TRUE(entry.person_tokens.empty());
    EXPECT_GT(entry.at_ms, 1'700'000'000'000);
    // No secret in any field: passwords, PINs, the enrolment code, the secret files' paths.
    const std::string all = entry.actor_id + entry.action + entry.query + entry.outcome +
                            entry.reason + entry.case_reference + entry.user_agent;
    for (const std::string& secret :
         {std::string(test::kAdminPassword), std::string(kNewPassword), std::string(kPin),
          std::string(kNewPin), enrolment_code, PasswordFile().string()}) {
      EXPECT_EQ(all.find(secret), std::string::npos) << secret;
      for (const std::string& target : entry.targets)
        EXPECT_EQ(target.find(secret), std::string::npos);
    }
  }

  const std::string verified = MustRun({"audit", "verify"});
  EXPECT_NE(verified.find("chaîne intacte / chain intact: " + std::to_string(expected_.size()) +
                          " entrées / entries"),
            std::string::npos)
      << verified;
}

}  // namespace
}  // namespace minegate::ctl
