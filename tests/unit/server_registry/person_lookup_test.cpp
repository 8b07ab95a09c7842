// The gate agent's search for the record of someone whose bracelet was lost:
// only a handful of candidates, only what lets the agent recognise them, only
// for an agent of the kiosk's site, and every search recorded.
#include "server/registry/person_lookup.hpp"

#include <gtest/gtest.h>

#include "server/admin/device_registry.hpp"
#include "server/admin/site_registry.hpp"
#include "server/admin/user_registry.hpp"
#include "server/audit/audit_log.hpp"
#include "tests/unit/server_admin/admin_test_support.hpp"

namespace minegate::server::registry {
namespace {

using admin::test::kStartMs;

class PersonLookupTest : public admin::test::AdminTest {
 protected:
  void SetUp() override {
    admin::SiteRegistry sites(connection(), clock());
    bantako_ = sites.AddSite("Bantako", admin::Department::kKedougou).value();
    sabodala_ = sites.AddSite("Sabodala", admin::Department::kSaraya).value();
    admin::UserRegistry users(connection(), clock());
    const std::vector<std::int64_t> here{bantako_};
    const std::vector<std::int64_t> there{sabodala_};
    ASSERT_TRUE(users.AddUser("awa", "Awa", admin::Role::kGateAgent, "correct horse battery",
                              "482915", {}, here));
    ASSERT_TRUE(users.AddUser("ibou", "Ibou", admin::Role::kGateAgent, "correct horse battery",
                              "730591", {}, there));
    admin::DeviceRegistry devices(connection(), clock());
    auto enrolment = devices.CreateDeviceEnrolment(bantako_, std::nullopt, "test");
    ASSERT_TRUE(enrolment);
    credential::Seed seed{};
    seed.fill(0x42);
    const auto key = credential::SigningKey::FromSeed(seed).value().public_key();
    ASSERT_TRUE(devices.CompleteEnrolment(enrolment.value().code, key));
    device_ = enrolment.value().device_id;
    ASSERT_TRUE(connection().Execute(
        "INSERT INTO events (log_position, event_id, device_id, device_seq, occurred_at_ms, "
        "received_at_ms, site_id, gate_id, body_kind, event) VALUES (1, zeroblob(16), '" +
        device_ + "', 1, 0, 0, 1, 1, 'person_registered', x'')"));
  }

  void AddPerson(char token, const std::string& given, const std::string& family, int sex, int year,
                 const std::string& bracelet_uid = "") {
    const std::string hex_token(32, token);
    ASSERT_TRUE(connection().Execute(
        "INSERT INTO persons (person_token, given_name, family_name, sex, birth_year, "
        "birth_estimated, nationality, occupation, document_number, registered_at_ms, "
        "registered_site_id, registered_position, record) VALUES (x'" +
        hex_token + "', '" + given + "', '" + family + "', " + std::to_string(sex) + ", " +
        std::to_string(year) + ", 0, 'GIN', 3, '', 0, " + std::to_string(bantako_) + ", 1, x'')"))
        << connection().LastErrorMessage();
    if (!bracelet_uid.empty()) {
      ASSERT_TRUE(connection().Execute(
          "INSERT INTO bracelets (tag_uid, person_token, tag_type, credential, issued_at_ms, "
          "issued_site_id, issuing_device_id) VALUES (x'" +
          bracelet_uid + "', x'" + hex_token + "', 1, x'00', 0, 1, '" + device_ + "')"));
    }
  }

  v1::PersonCandidatesQuery Query(const std::string& agent, const std::string& given, int year,
                                  v1::Sex sex, const std::string& family = "") {
    v1::PersonCandidatesQuery query;
    query.set_agent_id(agent);
    query.set_given_name(given);
    query.set_family_name(family);
    query.set_birth_year(static_cast<std::uint32_t>(year));
    query.set_sex(sex);
    return query;
  }

  /// The audit log, newest first.
  std::vector<audit::AuditRecord> AuditEntries() {
    auto page = audit::AuditLog().Find(connection(), {}, "", audit::kMaxPageSize);
    EXPECT_TRUE(page) << page.error().message();
    return page ? page.value().records : std::vector<audit::AuditRecord>();
  }

  std::int64_t bantako_ = 0;
  std::int64_t sabodala_ = 0;
  std::string device_;
};

TEST_F(PersonLookupTest, FindsByFoldedNameYearAndSexAndAnswersTheLeast) {
  AddPerson('a', "Aïssatou", "Diallo", 1, 2004, "04a1b2c3d4e501");
  AddPerson('b', "Aissatou Binta", "Camara", 1, 2004);
  AddPerson('c', "Aïssatou", "Diallo", 1, 2003);  // another year
  AddPerson('d', "Aïssatou", "Diallo", 2, 2004);  // another sex
  PersonLookup lookup(connection());
  auto found =
      lookup.FindForReplacement(device_, Query("awa", "AISSATOU", 2004, v1::SEX_FEMALE), kStartMs);
  ASSERT_TRUE(found) << found.error().message();
  ASSERT_EQ(found.value().candidates_size(), 2);
  const v1::PersonCandidate& first = found.value().candidates(0);
  EXPECT_EQ(first.given_name(), "Aïssatou");
  EXPECT_EQ(first.person_token(), std::string(16, '\xaa'));
  EXPECT_EQ(first.registered_site_name(), "Bantako");
  ASSERT_EQ(first.bracelet_tag_uids_size(), 1);
  EXPECT_EQ(first.bracelet_tag_uids(0), std::string("\x04\xa1\xb2\xc3\xd4\xe5\x01", 7));
  // Nothing else of the record: no family name, no document, no nationality.
  EXPECT_EQ(found.value().SerializeAsString().find("Diallo"), std::string::npos);
  EXPECT_EQ(found.value().SerializeAsString().find("GIN"), std::string::npos);

  auto narrowed = lookup.FindForReplacement(
      device_, Query("awa", "aissatou", 2004, v1::SEX_FEMALE, "camara"), kStartMs);
  ASSERT_TRUE(narrowed);
  ASSERT_EQ(narrowed.value().candidates_size(), 1);
  EXPECT_EQ(narrowed.value().candidates(0).given_name(), "Aissatou Binta");

  // Each search is in the audit log with who, through which kiosk, the terms, how many
  // matched, and the persons shown; person_reads (before the audit log) is no longer written.
  EXPECT_EQ(QueryInt("SELECT count(*) FROM person_reads"), 0);
  const std::vector<audit::AuditRecord> entries = AuditEntries();
  ASSERT_EQ(entries.size(), 2u);
  const audit::AuditEntry& wide = entries[1].entry;  // Newest first: the first search is last.
  EXPECT_EQ(wide.at_ms, kStartMs);
  EXPECT_EQ(wide.actor_kind, audit::ActorKind::kDevice);
  EXPECT_EQ(wide.actor_id, "awa");
  EXPECT_EQ(wide.actor_role, "gate_agent");
  EXPECT_EQ(wide.action, "GET /v1/devices/{id}/person-candidates");
  EXPECT_EQ(wide.targets, std::vector<std::string>{"device:" + device_});
  EXPECT_EQ(wide.person_tokens,
            (std::vector<std::string>{std::string(32, 'a'), std::string(32, 'b')}));
  EXPECT_NE(wide.query.find("AISSATOU"), std::string::npos) << wide.query;
  EXPECT_NE(wide.query.find("2004"), std::string::npos) << wide.query;
  EXPECT_EQ(wide.result_count, 2);
  EXPECT_EQ(wide.outcome, "ok");
  EXPECT_EQ(wide.reason, "bracelet_replacement");
  EXPECT_EQ(entries[0].entry.person_tokens, std::vector<std::string>{std::string(32, 'b')});
  EXPECT_EQ(entries[0].entry.result_count, 1);
  auto report = audit::AuditLog().Verify(connection());
  ASSERT_TRUE(report);
  EXPECT_TRUE(report.value().ok());
}

TEST_F(PersonLookupTest, TooManyMatchesShowNobody) {
  for (char token = 'a'; token < 'a' + kMaxCandidates + 1; ++token) {
    AddPerson(token, "Fatou", std::string("Sow") + token, 1, 2001);
  }
  auto found =
      PersonLookup(connection())
          .FindForReplacement(device_, Query("awa", "fatou", 2001, v1::SEX_FEMALE), kStartMs);
  ASSERT_TRUE(found);
  EXPECT_TRUE(found.value().too_many());
  EXPECT_EQ(found.value().candidates_size(), 0);
  // Every match is counted; no person was shown, so none is named.
  const std::vector<audit::AuditRecord> entries = AuditEntries();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].entry.result_count, kMaxCandidates + 1);
  EXPECT_TRUE(entries[0].entry.person_tokens.empty());
}

TEST_F(PersonLookupTest, OnlyAGateAgentOfTheKiosksSiteMaySearch) {
  AddPerson('a', "Awa", "Ba", 1, 1999);
  PersonLookup lookup(connection());
  EXPECT_EQ(lookup.FindForReplacement(device_, Query("ibou", "awa", 1999, v1::SEX_FEMALE), kStartMs)
                .error(),
            Errc::agent_not_allowed);
  EXPECT_EQ(
      lookup.FindForReplacement(device_, Query("nobody", "awa", 1999, v1::SEX_FEMALE), kStartMs)
          .error(),
      Errc::agent_not_allowed);
  EXPECT_EQ(
      lookup.FindForReplacement(device_, Query("awa", "", 1999, v1::SEX_FEMALE), kStartMs).error(),
      Errc::bad_query);
  EXPECT_EQ(
      lookup.FindForReplacement(device_, Query("awa", "awa", 1999, v1::SEX_UNSPECIFIED), kStartMs)
          .error(),
      Errc::bad_query);
  // Refused searches are on record too, and read nobody.
  const std::vector<audit::AuditRecord> entries = AuditEntries();
  ASSERT_EQ(entries.size(), 4u);
  EXPECT_EQ(entries[3].entry.actor_id, "ibou");
  EXPECT_EQ(entries[3].entry.outcome, audit::OutcomeOf("refused", Errc::agent_not_allowed));
  EXPECT_EQ(entries[0].entry.outcome, audit::OutcomeOf("refused", Errc::bad_query));
  for (const audit::AuditRecord& record : entries) {
    EXPECT_EQ(record.entry.result_count, -1);
    EXPECT_TRUE(record.entry.person_tokens.empty());
  }
}

}  // namespace
}  // namespace minegate::server::registry
