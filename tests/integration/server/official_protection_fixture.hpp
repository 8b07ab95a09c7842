// The protection officers' API through the real minegate-server over TLS, on a data directory
// prepared with the real minegatectl: two sites (Bantako 1, Sabodala 2) with a gate and an
// enrolled kiosk each, sending real sealed events over the sync protocol; an official of every
// web role signed in over HTTPS; the audit log read back from the database.
#pragma once

#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <map>
#include <memory>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "base/clock.hpp"
#include "base/hex.hpp"
#include "minegate/v1/api.pb.h"
#include "server/admin/role.hpp"
#include "server/audit/audit_log.hpp"
#include "server/store/open_store.hpp"
#include "tests/integration/server/official_client.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/sim_kiosk.hpp"
#include "tests/support/temp_dir.hpp"

namespace minegate::test {

inline constexpr char kOfficialPassword[] = "correct horse battery staple";
inline constexpr char kOfficer[] = "aminata.protection";
inline constexpr char kSecondOfficer[] = "binta.protection";

/// Who arrives at a gate, as the agent records her.
struct Arrival {
  std::string token;  ///< 16 bytes
  std::string given = "Awa";
  std::string family = "Traoré";
  v1::Sex sex = v1::SEX_FEMALE;
  std::uint32_t birth_year = 1990;
  std::string nationality = "MLI";
  v1::Occupation occupation = v1::OCCUPATION_MINER;
  v1::Purpose purpose = v1::PURPOSE_MINING;
  std::string document_number = "ML123456";
  std::vector<std::string> languages = {"bam", "fra"};
};

/// A 16-byte person token filled with `fill`.
inline std::string PersonToken(std::uint8_t fill) {
  return std::string(16, static_cast<char>(fill));
}

/// `text` percent-encoded as the pages' encodeURIComponent does (the Minegate-Reason header).
inline std::string PercentEncoded(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
        (byte >= '0' && byte <= '9') || byte == '-' || byte == '_' || byte == '.' || byte == '~') {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 0x0F]);
    }
  }
  return out;
}

template <class Message>
Message ParsedAs(const HttpResult& result) {
  Message message;
  google::protobuf::util::JsonParseOptions options;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(result.body, &message, options).ok())
      << result.status << " " << result.body;
  return message;
}

inline bool IsProblemOf(const HttpResult& result, std::string_view type) {
  return result.Header("content-type") == "application/problem+json" &&
         result.body.find("urn:minegate:problem:" + std::string(type) + "\"") != std::string::npos;
}

class OfficialProtectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    server_ = ServerProcess::Create(error);
    ASSERT_NE(server_, nullptr) << error;
    std::ofstream(dir_.File("pw")) << kOfficialPassword << '\n';
    const std::pair<const char*, const char*> users[] = {
        {kOfficer, "protection_officer"},  {kSecondOfficer, "protection_officer"},
        {"awa.auditor", "auditor"},        {"ousmane.police", "border_police"},
        {"fatou.emape", "emape_official"},
    };
    for (const auto& [id, role] : users) {
      Ctl({"user", "add", "--id", id, "--name", std::string("Nom ") + id, "--role", role,
           "--password-file", dir_.File("pw")});
    }
    Ctl({"site", "add", "--name", "Sabodala", "--department", "saraya"});
    Ctl({"gate", "add", "--site", "2", "--name", "Porte sud"});
    Ctl({"user", "assign-site", "--id", kSimAgent, "--site", "2"});
    bantako_ = Kiosk("1", "1");
    sabodala_ = Kiosk("2", "2");
  }

  void Ctl(const std::vector<std::string>& args) {
    const RunResult result = server_->Ctl(args);
    ASSERT_TRUE(result.status.Succeeded()) << result.out << result.err;
  }

  /// A kiosk enrolled at `site`, bound to `gate`, connected.
  std::unique_ptr<SimulatedKiosk> Kiosk(const std::string& site, const std::string& gate) {
    const RunResult enrolled = server_->Ctl({"device", "enroll", "--site", site, "--gate", gate});
    EXPECT_TRUE(enrolled.status.Succeeded()) << enrolled.out << enrolled.err;
    std::smatch code;
    EXPECT_TRUE(std::regex_search(enrolled.out, code, std::regex("([0-9A-Z]{4}(-[0-9A-Z]{4})+)")));
    auto kiosk = std::make_unique<SimulatedKiosk>(server_->client());
    EXPECT_TRUE(kiosk->Enrol(code[1].str())) << server_->Log();
    EXPECT_TRUE(kiosk->Connect()) << server_->Log();
    return kiosk;
  }

  /// `kiosk`'s next event (its own sequence), dated now: a valid tap until changed.
  v1::Event Next(SimulatedKiosk& kiosk) { return kiosk.GatePassed(++seqs_[&kiosk]); }

  /// Her registration, sealed as a kiosk sends personal data.
  v1::Event Registration(SimulatedKiosk& kiosk, const Arrival& her) {
    v1::Event event = Next(kiosk);
    event.clear_gate_passed();
    auto* p = event.mutable_person_registered();
    p->set_person_token(her.token);
    p->set_given_name(her.given);
    p->set_family_name(her.family);
    p->set_sex(her.sex);
    p->mutable_birth()->set_year(her.birth_year);
    p->mutable_birth()->set_estimated(true);
    p->set_nationality(her.nationality);
    p->mutable_identity_document()->set_type(v1::DOCUMENT_TYPE_NATIONAL_ID);
    p->mutable_identity_document()->set_number(her.document_number);
    for (const auto& language : her.languages) p->add_languages(language);
    p->set_occupation(her.occupation);
    p->set_purpose(her.purpose);
    p->mutable_consent()->set_information_given(true);
    p->mutable_consent()->set_information_language("fra");
    p->mutable_consent()->set_protection_questions_accepted(true);
    p->mutable_consent()->set_method(v1::CONSENT_METHOD_ORAL);
    return kiosk.Seal(event);
  }

  /// A companion recorded with her: by bracelet (a 16-byte token) or by description.
  v1::Event Companion(SimulatedKiosk& kiosk, const std::string& her, const std::string& companion,
                      v1::CompanionRelation relation, bool answered_for_her, bool by_token) {
    v1::Event event = Next(kiosk);
    event.clear_gate_passed();
    auto* c = event.mutable_companion_recorded();
    c->set_person_token(her);
    if (by_token) {
      c->set_companion_person_token(companion);
    } else {
      c->set_companion_description(companion);
    }
    c->set_relation(relation);
    c->set_companion_answered_for_person(answered_for_her);
    return kiosk.Seal(event);
  }

  /// A verified passage of hers at `kiosk`'s gate, now.
  v1::Event Passage(SimulatedKiosk& kiosk, const std::string& her) {
    v1::Event event = Next(kiosk);
    event.mutable_gate_passed()->set_person_token(her);
    event.mutable_gate_passed()->set_tag_uid(std::string("\x04\x77\x66\x55\x44\x33", 6) +
                                             her.substr(0, 1));
    return event;
  }

  void Send(SimulatedKiosk& kiosk, const std::vector<v1::Event>& events) {
    auto ack = kiosk.SendAndWaitAck(events);
    ASSERT_TRUE(ack) << ack.error().message() << "\n" << server_->Log();
  }

  std::unique_ptr<OfficialClient> SignedIn(const std::string& user) {
    auto client = std::make_unique<OfficialClient>(server_->client());
    const HttpResult signed_in = client->SignIn(user, kOfficialPassword);
    EXPECT_EQ(signed_in.status, 200) << signed_in.body;
    return client;
  }

  /// A call with the session, its CSRF token on a change, and the reason header.
  static HttpResult WithReason(OfficialClient& client, const std::string& method,
                               const std::string& target, const std::string& reason,
                               const std::string& body = {}) {
    std::vector<std::pair<std::string, std::string>> headers = {{"Cookie", client.cookie()}};
    if (method != "GET") headers.emplace_back("X-CSRF-Token", client.csrf());
    headers.emplace_back("Minegate-Reason", PercentEncoded(reason));
    return client.Raw(method, target, headers, body);
  }

  v1::ProtectionQueue Queue(OfficialClient& officer, const std::string& query = "") {
    const HttpResult answer = officer.Call("GET", "/v1/protection/queue" + query);
    EXPECT_EQ(answer.status, 200) << answer.body;
    return ParsedAs<v1::ProtectionQueue>(answer);
  }

  /// The audit entries of one route (action), oldest first, read through server/audit.
  std::vector<server::audit::AuditRecord> AuditOf(const std::string& action) {
    auto connection = server::OpenStoreReadOnly(server_->database());
    EXPECT_TRUE(connection) << connection.error().message();
    std::vector<server::audit::AuditRecord> records;
    if (!connection) return records;
    server::audit::AuditFilter filter;
    filter.action = action;
    auto page =
        server::audit::AuditLog().Find(connection.value(), filter, "", server::audit::kMaxPageSize);
    EXPECT_TRUE(page) << page.error().message();
    if (page) records.assign(page.value().records.rbegin(), page.value().records.rend());
    return records;
  }

  TempDir dir_{"protection-api"};
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<SimulatedKiosk> bantako_;
  std::unique_ptr<SimulatedKiosk> sabodala_;
  std::map<SimulatedKiosk*, std::uint64_t> seqs_;
};

}  // namespace minegate::test
