// Flags are silent (SYSTEM.md must-hold 4, issue 12 item 2), through the real minegate-server
// over TLS: two enrolled kiosks at two sites stream real events through the sync protocol — a
// girl of 15 registered with an "employer" who holds her identity document, a recruiter and
// the three young women he brought, ordinary people — and a protection officer files a
// missing-person notice that matches one of the women. The flags are checked on the
// protection stores. A border police officer and an EMAPE official ask about the girl and the
// women at the kiosks (police mode, miner's-card mode), as the real kiosk does. Then every route of
// the route table that border police, EMAPE, administrators or auditors may call (and the public
// ones) is called by each of them with the ids of the records that exist, every kiosk keeps every
// message the server sends it (and its HTTPS answers), and none of those bytes may hold flag data:
// the indicators' ids and words (French and English, from the stored rule sets), the rule-set
// version, risk.proto's names, flag-like JSON keys or protobuf fields, case ids and labels,
// referral and notice content. The same walk over the protection officers' routes must find that
// data, so the test can fail (leak_scan.hpp says where some of it is allowed, and why).
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <set>

#include "base/clock.hpp"
#include "base/hex.hpp"
#include "db/connection.hpp"
#include "server/admin/census_campaigns.hpp"
#include "server/admin/role.hpp"
#include "server/api/route_table.hpp"
#include "server/protection/assessment_store.hpp"
#include "server/protection/care_service_store.hpp"
#include "server/protection/case_store.hpp"
#include "server/protection/referral_store.hpp"
#include "server/protection/rule_set_store.hpp"
#include "server/protection/search_notice_store.hpp"
#include "server/risk/rule_set.hpp"
#include "server/web/pages.hpp"
#include "server/web/static_site.hpp"
#include "tests/integration/server/official_client.hpp"
#include "tests/integration/server/silent_flags/forbidden_strings.hpp"
#include "tests/integration/server/silent_flags/leak_scan.hpp"
#include "tests/integration/server/silent_flags/recording_kiosk.hpp"
#include "tests/integration/server/silent_flags/route_walk.hpp"
#include "tests/integration/server/silent_flags/scenario.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace minegate::test {
namespace {

using namespace std::chrono_literals;
using server::admin::Role;
using server::api::RouteRule;
namespace protection = server::protection;

constexpr char kWalkPassword[] = "correct horse battery staple";
constexpr char kOfficer[] = "aminata.protection";
constexpr char kSpareAgent[] = "walk.agent";
// Officials who work at the kiosks of both sites (a PIN, sites): a border police officer in
// police mode and an EMAPE official issuing miners' cards.
constexpr char kKioskOfficer[] = "cheikh.police";
constexpr char kKioskOfficial[] = "khady.emape";
// Bantako (site 1) and Sabodala (site 2), 300 km apart due north: a bracelet at both ten
// minutes apart is a suspected clone, which administrators see.
constexpr char kBantakoLatitude[] = "12.5556";
constexpr char kSabodalaLatitude[] = "15.253552";
constexpr char kLongitude[] = "-12.1743";

/// The roles whose answers must be silent, in walking order: the auditor last, so that the
/// audit log she reads holds everyone's calls.
const std::vector<std::pair<Role, std::string>>& SilentRoles() {
  static const std::vector<std::pair<Role, std::string>> roles = {
      {Role::kAdministrator, "admin"},
      {Role::kBorderPolice, "ousmane.police"},
      {Role::kEmapeOfficial, "fatou.emape"},
      {Role::kAuditor, "awa.auditor"},
  };
  return roles;
}

bool AnySilentRole(const RouteRule& rule) {
  for (const auto& [role, user] : SilentRoles()) {
    if (rule.roles.Contains(role)) return true;
  }
  return false;
}

/// A route only protection officers reach: its answers are where flags belong.
bool ProtectionOnly(const RouteRule& rule) {
  return rule.caller == server::api::Caller::kOfficial &&
         rule.roles.Contains(Role::kProtectionOfficer) && !AnySilentRole(rule);
}

bool EndsSession(const RouteRule& rule) {
  return rule.method == "DELETE" && rule.pattern == "/v1/session";
}

/// The JSON answer as a protobuf Value (null when it is not JSON).
google::protobuf::Value Json(const std::string& body) {
  google::protobuf::Value value;
  (void)google::protobuf::util::JsonStringToMessage(body, &value);
  return value;
}

/// `field` of every object of the list `list` of a JSON answer, as text.
std::vector<std::string> IdsIn(const std::string& body, const std::string& list,
                               const std::string& field) {
  std::vector<std::string> ids;
  const google::protobuf::Value value = Json(body);
  const auto& fields = value.struct_value().fields();
  const auto found = fields.find(list);
  if (found == fields.end()) return ids;
  for (const auto& item : found->second.list_value().values()) {
    const auto& member = item.struct_value().fields();
    const auto id = member.find(field);
    if (id == member.end()) continue;
    ids.push_back(id->second.has_string_value()
                      ? id->second.string_value()
                      : std::to_string(static_cast<std::int64_t>(id->second.number_value())));
  }
  return ids;
}

/// The top-level member `key` of a JSON answer, as text ("" when absent).
std::string MemberOf(const std::string& body, const std::string& key) {
  const google::protobuf::Value value = Json(body);
  const auto& fields = value.struct_value().fields();
  const auto found = fields.find(key);
  return found == fields.end() ? std::string() : found->second.string_value();
}

/// "YYYY-MM-DD" (UTC) of the day `days` after `ms`'s.
std::string DayOf(std::int64_t ms, int days) {
  using namespace std::chrono;
  const year_month_day date(floor<std::chrono::days>(sys_time<milliseconds>(milliseconds(ms))) +
                            std::chrono::days(days));
  const auto two = [](unsigned value) {
    return std::string(value < 10 ? "0" : "") + std::to_string(value);
  };
  return std::to_string(static_cast<int>(date.year())) + "-" +
         two(static_cast<unsigned>(date.month())) + "-" + two(static_cast<unsigned>(date.day()));
}

std::string JsonOfText(const std::string& key, const std::string& text) {
  google::protobuf::Struct object;
  (*object.mutable_fields())[key].set_string_value(text);
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(object, &json);
  return json;
}

class SilentFlagsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    server_ = ServerProcess::Create(error);
    ASSERT_NE(server_, nullptr) << error;
    std::ofstream(dir_.File("pw")) << kWalkPassword << '\n';
    std::ofstream(dir_.File("pin")) << "582913\n";
    for (const auto& [role, user] : SilentRoles()) {
      if (role != Role::kAdministrator) AddUser(user, role);
    }
    AddUser(kOfficer, Role::kProtectionOfficer);
    Ctl({"user", "add", "--id", kSpareAgent, "--name", "Agent de réserve", "--role", "gate_agent",
         "--password-file", dir_.File("pw"), "--pin-file", dir_.File("pin"), "--sites", "1"});
    Ctl({"site", "add", "--name", "Sabodala", "--department", "saraya"});
    Ctl({"gate", "add", "--site", "2", "--name", "Porte sud"});
    std::ofstream(dir_.File("police-pin")) << "604417\n";
    std::ofstream(dir_.File("emape-pin")) << "715528\n";
    Ctl({"user", "add", "--id", kKioskOfficer, "--name", "Cheikh Diop", "--role", "border_police",
         "--password-file", dir_.File("pw"), "--pin-file", dir_.File("police-pin"), "--sites",
         "1,2"});
    Ctl({"user", "add", "--id", kKioskOfficial, "--name", "Khady Ba", "--role", "emape_official",
         "--password-file", dir_.File("pw"), "--pin-file", dir_.File("emape-pin"), "--sites",
         "1,2"});
    Ctl({"user", "assign-site", "--id", kSimAgent, "--site", "2"});
    Ctl({"user", "set-pin", "--id", kSimAgent, "--pin-file", dir_.File("pin")});
    Ctl({"site", "locate", "--site", "1", "--lat", kBantakoLatitude, "--lon", kLongitude});
    Ctl({"site", "locate", "--site", "2", "--lat", kSabodalaLatitude, "--lon", kLongitude});
    const std::string closes = std::to_string(base::NowMs() + 10LL * 24 * 3600 * 1000);
    Ctl({"census", "add", "--id", "recensement-bantako", "--site", "1", "--fr",
         "Recensement de Bantako", "--en", "Bantako census", "--closes-at", closes});
    Ctl({"census", "add", "--id", "recensement-sabodala", "--site", "2", "--fr",
         "Recensement de Sabodala", "--en", "Sabodala census", "--closes-at", closes});
    // A device an administrator may revoke in the walk (the kiosks' own stay).
    const RunResult spare = server_->Ctl({"device", "enroll", "--site", "1"});
    std::smatch id;
    ASSERT_TRUE(std::regex_search(spare.out, id, std::regex("device created: ([a-z0-9-]+)")))
        << spare.out << spare.err;
    spare_device_ = id[1].str();
  }

  void Ctl(const std::vector<std::string>& args) {
    const RunResult result = server_->Ctl(args);
    ASSERT_TRUE(result.status.Succeeded()) << result.out << result.err;
  }

  void AddUser(const std::string& user, Role role) {
    Ctl({"user", "add", "--id", user, "--name", user, "--role",
         std::string(server::admin::RoleName(role)), "--password-file", dir_.File("pw")});
  }

  std::unique_ptr<RecordingKiosk> EnrolledKiosk(const std::string& name, const std::string& site,
                                                const std::string& gate) {
    const RunResult enrolled = server_->Ctl({"device", "enroll", "--site", site, "--gate", gate});
    std::smatch code;
    EXPECT_TRUE(std::regex_search(enrolled.out, code, std::regex("([0-9A-Z]{4}(-[0-9A-Z]{4})+)")))
        << enrolled.out << enrolled.err;
    auto kiosk = std::make_unique<RecordingKiosk>(server_->client(), name);
    EXPECT_TRUE(kiosk->Enrol(code[1].str())) << kiosk->last_error() << server_->Log();
    EXPECT_TRUE(kiosk->Connect()) << kiosk->last_error() << server_->Log();
    return kiosk;
  }

  std::unique_ptr<OfficialClient> SignedIn(const std::string& user) {
    auto client = std::make_unique<OfficialClient>(server_->client());
    const HttpResult signed_in = client->SignIn(user, kWalkPassword);
    EXPECT_EQ(signed_in.status, 200) << user << " " << signed_in.body;
    return client;
  }

  db::Connection Database() {
    auto connection = db::Connection::Open(server_->database());
    EXPECT_TRUE(connection) << connection.error().message();
    return std::move(connection).value();
  }

  void SendAll(RecordingKiosk& kiosk, const std::vector<std::vector<v1::Event>>& batches) {
    for (const auto& batch : batches) {
      ASSERT_TRUE(kiosk.SendAndWaitAck(batch)) << kiosk.name() << ": " << kiosk.last_error() << "\n"
                                               << server_->Log();
      // The credentials as written, for the kiosk's questions about a bracelet's holder.
      for (const v1::Event& event : batch) {
        if (event.has_bracelet_issued()) {
          credentials_[event.bracelet_issued().tag_uid()] = event.bracelet_issued().credential();
        }
      }
    }
  }

  /// A border police officer in police mode taps `person`'s bracelet `uid` at `kiosk`, with a
  /// reason and a case reference (docs/protocol.md §7.2): her history comes down the sync link.
  void AskPoliceHistory(RecordingKiosk& kiosk, const ScenarioPerson& person, const std::string& uid,
                        v1::PoliceReason reason) {
    v1::KioskFrame frame;
    v1::PoliceHistoryRequest* request = frame.mutable_police_history_request();
    request->set_request_id(++request_id_);
    request->set_officer_id(kKioskOfficer);
    request->set_reason(reason);
    request->set_case_reference("PV-2026/0042");
    request->set_tag_uid(uid);
    request->set_credential(credentials_[uid]);
    request->set_person_token(person.token);
    v1::ServerFrame answer;
    ASSERT_TRUE(kiosk.Ask(frame, answer)) << kiosk.name() << ": " << kiosk.last_error();
    const v1::PoliceHistoryAnswer& history = answer.police_history();
    EXPECT_EQ(history.outcome(), v1::POLICE_HISTORY_OUTCOME_FOUND)
        << kiosk.name() << " " << person.registration.given_name() << ": "
        << history.ShortDebugString();
    EXPECT_EQ(history.history().given_name(), person.registration.given_name());
    ASSERT_EQ(history.history().bracelets_size(), 1) << history.ShortDebugString();
    EXPECT_EQ(history.history().bracelets(0).tag_uid(), uid) << "the UID as the kiosk read it";
  }

  /// An EMAPE official in the miner's-card mode taps `person`'s bracelet `uid` at `kiosk`
  /// (docs/protocol.md §7.3): ADULT with a card number reserved, or MINOR.
  void AskCardHolder(RecordingKiosk& kiosk, const ScenarioPerson& person, const std::string& uid,
                     v1::MinerCardHolderOutcome expected) {
    v1::KioskFrame frame;
    v1::MinerCardHolderRequest* request = frame.mutable_miner_card_holder_request();
    request->set_request_id(++request_id_);
    request->set_official_id(kKioskOfficial);
    request->set_tag_uid(uid);
    request->set_credential(credentials_[uid]);
    request->set_person_token(person.token);
    v1::ServerFrame answer;
    ASSERT_TRUE(kiosk.Ask(frame, answer)) << kiosk.name() << ": " << kiosk.last_error();
    const v1::MinerCardHolderAnswer& holder = answer.miner_card_holder();
    EXPECT_EQ(holder.outcome(), expected)
        << person.registration.given_name() << ": " << holder.ShortDebugString();
    EXPECT_EQ(holder.given_name(), person.registration.given_name());
    EXPECT_EQ(holder.card_number().empty(), expected != v1::MINER_CARD_HOLDER_OUTCOME_ADULT)
        << holder.ShortDebugString();
  }

  /// A gate agent's lost-bracelet search for `person` at `kiosk` (docs/protocol.md §7.1).
  void SearchFor(RecordingKiosk& kiosk, const ScenarioPerson& person) {
    const v1::PersonRegistered& p = person.registration;
    const std::string target =
        "/v1/devices/" + kiosk.device_id() + "/person-candidates?agent_id=" + kSimAgent +
        "&given_name=" + p.given_name() + "&birth_year=" + std::to_string(p.birth().year()) +
        "&sex=" + v1::Sex_Name(p.sex());
    const HttpResult answer = kiosk.SignedGet(target, "GET /v1/devices/{id}/person-candidates");
    EXPECT_EQ(answer.status, 200) << target << " " << answer.body;
    EXPECT_NE(answer.body.find(p.given_name()), std::string::npos) << answer.body;
  }

  /// The flags the rules must raise, read on the protection stores (not through a route).
  void ExpectFlags(const Scenario& scenario) {
    db::Connection connection = Database();
    auto assessments = protection::AssessmentStore::Create(connection);
    ASSERT_TRUE(assessments) << assessments.error().message();
    auto cases = protection::CaseStore::Create(connection);
    ASSERT_TRUE(cases) << cases.error().message();
    for (const ScenarioPerson* person : scenario.Everyone()) {
      const std::string who = person->registration.given_name();
      auto stored = assessments.value()->Get(person->token);
      ASSERT_TRUE(stored) << stored.error().message();
      const bool flagged = stored.value() && stored.value()->assessment.flagged();
      EXPECT_EQ(flagged, person->flagged)
          << who << ": " << (stored.value() ? stored.value()->assessment.DebugString() : "none");
      if (person->urgent) {
        ASSERT_TRUE(stored.value()) << who;
        EXPECT_EQ(stored.value()->assessment.priority(), v1::PRIORITY_URGENT)
            << who << ": " << stored.value()->assessment.DebugString();
      }
      auto found = cases.value()->ForPerson(person->token);
      ASSERT_TRUE(found) << found.error().message();
      EXPECT_EQ(found.value().has_value(), person->flagged) << who << " has a case or not";
    }
  }

  std::vector<std::string> CaseIds(const Scenario& scenario) {
    db::Connection connection = Database();
    auto cases = protection::CaseStore::Create(connection);
    std::vector<std::string> ids;
    if (!cases) return ids;
    for (const std::string& token : scenario.Tokens()) {
      auto found = cases.value()->ForPerson(token);
      if (found && found.value()) ids.push_back(std::to_string(found.value()->case_id));
    }
    return ids;
  }

  std::vector<std::string> ReferralIds(const Scenario& scenario) {
    db::Connection connection = Database();
    protection::ReferralStore referrals(connection);
    std::vector<std::string> ids;
    for (const std::string& case_id : CaseIds(scenario)) {
      auto listed = referrals.ForCase(std::stoll(case_id));
      if (!listed) continue;
      for (const auto& referral : listed.value())
        ids.push_back(std::to_string(referral.referral_id));
    }
    return ids;
  }

  /// The values and bodies every walk uses: the ids of the records that exist.
  void Prepare(RouteWalker& walker, const Scenario& scenario, OfficialClient& admin) {
    walker.SetValues("/v1/users/{id}",
                     [](const WalkCaller&) { return std::vector<std::string>{kSpareAgent}; });
    walker.SetValues("/v1/sites/{id}", [](const WalkCaller&) {
      return std::vector<std::string>{"1", "2"};
    });
    walker.SetValues("/v1/devices/{id}",
                     [this](const WalkCaller&) { return std::vector<std::string>{spare_device_}; });
    walker.SetValues("/v1/tokens/{id}", [](const WalkCaller& caller) {
      std::vector<std::string> live;
      const google::protobuf::Value listed = Json(caller.client->Call("GET", "/v1/tokens").body);
      const auto& top = listed.struct_value().fields();
      if (!top.contains("tokens")) return live;
      for (const auto& token : top.at("tokens").list_value().values()) {
        const auto& fields = token.struct_value().fields();
        const bool revoked =
            fields.contains("revokedAtMs") && fields.at("revokedAtMs").string_value() != "0";
        if (!revoked && fields.contains("tokenId")) {
          live.push_back(fields.at("tokenId").string_value());
        }
      }
      return live;
    });
    walker.SetValues("/v1/security/events/{id}", [&admin](const WalkCaller&) {
      return IdsIn(admin.Call("GET", "/v1/security/events").body, "events", "eventId");
    });
    // The census (EMAPE officials): a campaign at Bantako, made here so that its routes have an
    // id whatever order the walk takes; the sites are the scenario's.
    {
      db::Connection connection = Database();
      server::admin::CensusCampaignRegistry campaigns(connection);
      auto added =
          campaigns.AddCampaign("bantako-walk", 1, "Recensement de contrôle", "Walk census",
                                std::nullopt, base::NowMs() + 7LL * 24 * 3600 * 1000);
      EXPECT_TRUE(added) << added.error().message();
    }
    walker.SetValues("/v1/census/campaigns/{id}",
                     [](const WalkCaller&) { return std::vector<std::string>{"bantako-walk"}; });
    walker.SetValues("/v1/census/sites/{id}", [](const WalkCaller&) {
      return std::vector<std::string>{"1", "2"};
    });
    // Border police: every scenario person's history by her token (the flagged girl and the
    // recruited women among them), and a search of each kind that finds them.
    walker.SetValues("/v1/police/persons/{id}", [&scenario](const WalkCaller&) {
      std::vector<std::string> ids;
      for (const std::string& token : scenario.Tokens()) ids.push_back(base::ToHex(token));
      return ids;
    });
    {
      const std::string route = "GET /v1/police/persons";
      const std::string range =
          "&from=" + DayOf(base::NowMs(), -60) + "&to=" + DayOf(base::NowMs(), 1);
      walker.RequireQuery(route);
      walker.AddQuery(route, "?name=" + scenario.girl.registration.given_name());
      walker.AddQuery(route, "?name=blessing%20eze&limit=1");
      walker.AddQuery(route, "?uid=" + base::ToHex(scenario.girl_bracelet));
      walker.AddQuery(route, "?uid=" + base::ToHex(scenario.recruited_bracelet));
      walker.AddQuery(
          route, "?document=" + scenario.recruited[1].registration.identity_document().number());
      walker.AddQuery(route, "?nationality=NGA" + range + "&limit=2");
      walker.AddQuery(route, "?nationality=MLI" + range);
      walker.AddQuery(route, "?site=1" + range + "&limit=3");
      walker.AddQuery(route, "?site=2" + range);
      // The export of the same searches: whole, with its persons.
      const std::string csv = "GET /v1/police/persons.csv";
      walker.RequireQuery(csv);
      walker.AddQuery(csv, "?name=" + scenario.girl.registration.given_name());
      walker.AddQuery(csv, "?uid=" + base::ToHex(scenario.girl_bracelet) + "&lang=en");
      walker.AddQuery(csv, "?nationality=NGA" + range + "&sep=semicolon");
      walker.AddQuery(csv, "?site=1" + range);
    }
    walker.SetValues("/v1/risk/rule-sets/{version}", [this](const WalkCaller&) {
      db::Connection connection = Database();
      protection::RuleSetStore rule_sets(connection);
      std::vector<std::string> versions;
      auto listed = rule_sets.List();
      if (listed) {
        for (const auto& version : listed.value()) versions.push_back(version.version);
      }
      return versions;
    });
    const server::web::StaticSite site(server::web::EmbeddedAssets());
    walker.SetValues("/static/{version}", [hash = site.BuildHash()](const WalkCaller&) {
      return std::vector<std::string>{hash};
    });
    std::vector<std::string> assets;
    for (const std::string& path : site.AssetPaths()) {
      assets.push_back(path.substr(site.StaticPrefix().size() + 1));
    }
    walker.SetValues("/static/{version}/{path...}", [assets](const WalkCaller&) { return assets; });
    for (const std::string workspace : {"/admin", "/audit", "/protection", "/police", "/census"}) {
      std::vector<std::string> sections;
      for (const server::web::Page& page : server::web::Pages()) {
        if (page.path.starts_with(workspace + "/")) {
          sections.emplace_back(page.path.substr(workspace.size() + 1));
        }
      }
      walker.SetValues(workspace + "/{section...}",
                       [sections](const WalkCaller&) { return sections; });
    }
    // The protection officers' records (walked as a protection officer only).
    walker.SetValues("/v1/protection/cases/{id}",
                     [this, &scenario](const WalkCaller&) { return CaseIds(scenario); });
    walker.SetValues("/v1/protection/referrals/{id}",
                     [this, &scenario](const WalkCaller&) { return ReferralIds(scenario); });
    walker.SetValues("/v1/protection/services/{id}", [this](const WalkCaller&) {
      db::Connection connection = Database();
      protection::CareServiceStore services(connection);
      std::vector<std::string> ids;
      auto listed = services.List(true);
      if (listed) {
        for (const auto& service : listed.value())
          ids.push_back(std::to_string(service.service_id));
      }
      return ids;
    });
    // Only the newest notice (the walk's own watch notice) is closed: the family's stays open.
    walker.SetValues("/v1/protection/notices/{id}", [this](const WalkCaller&) {
      db::Connection connection = Database();
      protection::SearchNoticeStore notices(connection);
      auto listed = notices.List(true, 1);
      std::vector<std::string> ids;
      if (listed && !listed.value().empty()) {
        ids.push_back(std::to_string(listed.value().front().notice_id));
      }
      return ids;
    });

    walker.SetBody("POST /v1/session", [](const WalkCaller& caller, const std::string&) {
      const std::string user = caller.user_id.empty() ? "ousmane.police" : caller.user_id;
      return R"({"userId":")" + user + R"(","password":")" + kWalkPassword + "\"}";
    });
    walker.SetBody("POST /v1/session/password", [](const WalkCaller&, const std::string&) {
      return std::string(R"({"oldPassword":"not my password","newPassword":"a new long one 1"})");
    });
    walker.SetBody("POST /v1/tokens", [](const WalkCaller&, const std::string&) {
      return std::string(R"({"name":"script de contrôle","validDays":1})");
    });
    walker.SetBody("POST /v1/users", [this](const WalkCaller&, const std::string&) {
      return R"({"userId":"walk.user)" + std::to_string(++made_) +
             R"(","displayName":"Walk","role":"API_ROLE_BORDER_POLICE",)"
             R"("password":"a long password 123"})";
    });
    walker.SetBody("POST /v1/users/{id}/password-reset", [](const WalkCaller&, const std::string&) {
      return std::string(R"({"temporaryPassword":"a temporary password 42"})");
    });
    walker.SetBody("PUT /v1/users/{id}/pin", [](const WalkCaller&, const std::string&) {
      return std::string(R"({"pin":"739164"})");
    });
    walker.SetBody("PUT /v1/users/{id}/staff-card", [](const WalkCaller&, const std::string&) {
      return std::string(R"({"staffCardUid":"04A1B2C3D4E5F6"})");
    });
    walker.SetBody("PUT /v1/users/{id}/sites", [](const WalkCaller&, const std::string&) {
      return std::string(R"({"siteIds":["1","2"]})");
    });
    walker.SetBody("POST /v1/sites", [this](const WalkCaller&, const std::string&) {
      return R"({"name":"Site de passage )" + std::to_string(++made_) +
             R"(","department":"saraya"})";
    });
    walker.SetBody("POST /v1/sites/{id}/gates", [this](const WalkCaller&, const std::string&) {
      return R"({"name":"Porte )" + std::to_string(++made_) + "\"}";
    });
    walker.SetBody("PUT /v1/sites/{id}/location", [](const WalkCaller&, const std::string& path) {
      const bool bantako = path.starts_with("/v1/sites/1/");
      return std::string(R"({"latitude":)") + (bantako ? kBantakoLatitude : kSabodalaLatitude) +
             R"(,"longitude":)" + kLongitude + "}";
    });
    walker.SetBody("POST /v1/devices", [](const WalkCaller&, const std::string&) {
      return std::string(R"({"siteId":"1","description":"tablette de rechange"})");
    });
    walker.SetBody("PUT /v1/security/settings", [](const WalkCaller&, const std::string&) {
      return std::string(R"({"maxSpeedKmh":60})");
    });
    walker.SetBody("POST /v1/census/campaigns", [this](const WalkCaller&, const std::string&) {
      return R"({"campaignId":"walk-)" + std::to_string(++made_) +
             R"(","siteId":2,"nameFr":"Recensement de Sabodala","nameEn":"Sabodala census",)"
             R"("closesAtMs":")" +
             std::to_string(base::NowMs() + 7LL * 24 * 3600 * 1000) + "\"}";
    });
    walker.SetBody("PUT /v1/census/settings", [](const WalkCaller&, const std::string&) {
      return std::string(R"({"presenceWindowDays":30})");
    });
    walker.AddQuery("GET /v1/census/sites/{id}/daily", "?from=2026-11-01&to=2027-01-31");
    // The census exports: every breakdown table, English and `;` once each.
    walker.RequireQuery("GET /v1/census/campaigns/{id}/results.csv");
    for (const char* table : {"sex", "age_band", "nationality", "occupation", "installation_month",
                              "miner_card", "age_sex"}) {
      walker.AddQuery("GET /v1/census/campaigns/{id}/results.csv", std::string("?table=") + table);
    }
    walker.AddQuery("GET /v1/census/campaigns/{id}/minors.csv", "?lang=en");
    walker.AddQuery("GET /v1/census/campaigns/{id}/card-candidates.csv", "?sep=semicolon");
    walker.AddQuery("GET /v1/census/sites/{id}/daily.csv", "?from=2026-11-01&to=2027-01-31");
    // A miner's card number of the series nobody holds (404 unknown_card): the revocation's
    // answer and its refusal are read like the others.
    walker.SetValues("/v1/census/cards/{number}",
                     [](const WalkCaller&) { return std::vector<std::string>{"KDG1-000999"}; });
    walker.SetBody("POST /v1/census/cards/{number}/revoke",
                   [](const WalkCaller&, const std::string&) {
                     return std::string(R"({"reason":"perdue / lost"})");
                   });
    // The built-in rules again under a new version: applied and re-evaluated like any upload.
    walker.SetBody("POST /v1/risk/rule-sets", [](const WalkCaller&, const std::string&) {
      std::string text(server::risk::DefaultRuleSetText());
      const std::string version = server::risk::DefaultRuleSet().version();
      text.replace(text.find(version), version.size(),
                   version.substr(0, version.rfind('.')) + ".7");
      return JsonOfText("text", text);
    });
    // Protection officers' bodies.
    walker.SetBody("POST /v1/protection/cases/{id}/assign",
                   [](const WalkCaller&, const std::string&) {
                     return std::string(R"({"officerId":")") + kOfficer + "\"}";
                   });
    for (const char* step : {"dismiss", "close", "reopen"}) {
      walker.SetBody(std::string("POST /v1/protection/cases/{id}/") + step,
                     [step](const WalkCaller&, const std::string&) {
                       return R"({"reason":"Décision de contrôle : )" + std::string(step) +
                              R"( après entretien avec l'équipe"})";
                     });
    }
    walker.SetBody("POST /v1/protection/cases/{id}/referrals",
                   [this](const WalkCaller&, const std::string&) {
                     return R"({"serviceId":")" + first_service_ + R"(","dueAtMs":")" +
                            std::to_string(base::NowMs() + 3LL * 24 * 3600 * 1000) + "\"}";
                   });
    walker.SetBody(
        "POST /v1/protection/referrals/{id}/outcome", [](const WalkCaller&, const std::string&) {
          return std::string(R"({"outcome":"accepted","note":"Accueillie au centre, suivi médical )"
                             R"(/ taken in, medical follow-up"})");
        });
    walker.SetBody("POST /v1/protection/services", [](const WalkCaller&, const std::string&) {
      return std::string(
          R"({"name":"Poste de santé de Saraya","kind":"health_post","place":"Saraya",)"
          R"("contact":"+221 33 981 40 40, infirmier chef","languages":["fra","fuf"]})");
    });
    walker.SetBody("PUT /v1/protection/services/{id}", [](const WalkCaller&, const std::string&) {
      return Scenario::CareServiceRequestJson().insert(1, R"("active":true,)");
    });
    walker.SetBody("POST /v1/protection/notices", [](const WalkCaller&, const std::string&) {
      return std::string(
          R"({"kind":"watch","givenName":"Kadiatou","familyName":"Baldé","sex":"SEX_FEMALE",)"
          R"("ageMin":14,"ageMax":17,"reportingService":"AEMO de Tambacounda, éducatrice Diop"})");
    });
    // Every page of the audit log, and the two searches an auditor makes about a case.
    walker.AddQuery("GET /v1/audit/entries", "?limit=500");
    walker.AddQuery("GET /v1/audit/entries", "?personToken=" + base::ToHex(scenario.girl.token));
    walker.AddQuery("GET /v1/audit/entries", "?action=GET%20%2Fv1%2Fprotection%2Fcases%2F%7Bid%7D");
    walker.AddQuery("GET /v1/audit/export.csv", "?lang=en");
    walker.AddQuery("GET /v1/security/events", "?status=open");
  }

  TempDir dir_{"silent"};
  std::unique_ptr<ServerProcess> server_;
  std::string spare_device_;
  std::string first_service_ = "1";
  int made_ = 0;
  /// Each bracelet's credential as its kiosk wrote it, by tag UID.
  std::map<std::string, std::string> credentials_;
  std::uint64_t request_id_ = 0;
};

/// Fails the test for a walked call that was refused as a role or sign-in refusal: the walker
/// did not get in, so it read nothing, and silence would prove nothing.
void ExpectAdmitted(const Exchange& exchange) {
  const bool refused_entry =
      (exchange.status == 401 || exchange.status == 403) &&
      (exchange.body.find("urn:minegate:problem:forbidden") != std::string::npos ||
       exchange.body.find("urn:minegate:problem:not_signed_in") != std::string::npos ||
       exchange.body.find("<html") != std::string::npos);
  EXPECT_FALSE(refused_entry) << exchange.Where() << " refused: " << exchange.status << " "
                              << exchange.body.substr(0, 300);
  if (exchange.method == "GET") {
    EXPECT_TRUE(exchange.status >= 200 && exchange.status < 400)
        << exchange.Where() << " answered " << exchange.status << " "
        << exchange.body.substr(0, 300);
  }
}

std::string Joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

/// Every finding in what one call answered: body, headers, keys (and metric names).
std::vector<Finding> Scan(const LeakScanner& scanner, const Exchange& exchange) {
  std::vector<Finding> findings =
      scanner.ScanBytes(exchange.body, exchange.surface, exchange.Where());
  auto headers = scanner.ScanBytes(Joined(exchange.headers), exchange.surface,
                                   exchange.Where() + " (headers)");
  findings.insert(findings.end(), headers.begin(), headers.end());
  for (const std::string& header : exchange.headers) {
    const std::string name = header.substr(0, header.find(':'));
    if (IsFlagKey(name)) findings.push_back(Finding{exchange.Where(), "header name", name, header});
  }
  // The static files' JSON is the pages' message catalogue, the same for everyone: its keys
  // name every workspace's words, the protection officers' too.
  if (exchange.surface != Surface::kStaticAsset) {
    auto keys = LeakScanner::ScanJsonKeys(exchange.body, exchange.Where());
    findings.insert(findings.end(), keys.begin(), keys.end());
  }
  if (exchange.route == "GET /metrics") {
    auto metrics = LeakScanner::ScanMetricNames(exchange.body, exchange.Where());
    findings.insert(findings.end(), metrics.begin(), metrics.end());
  }
  return findings;
}

std::vector<Finding> Scan(const LeakScanner& scanner, const DownMessage& message) {
  const std::string where = message.kiosk + " " + message.channel;
  std::vector<Finding> findings = scanner.ScanBytes(message.bytes, Surface::kKiosk, where);
  auto headers = scanner.ScanBytes(Joined(message.headers), Surface::kKiosk, where + " (headers)");
  findings.insert(findings.end(), headers.begin(), headers.end());
  if (message.channel == "stream") {
    v1::ServerFrame frame;
    EXPECT_TRUE(frame.ParseFromString(message.bytes)) << where;
    auto fields = LeakScanner::ScanFieldNames(frame, where);
    findings.insert(findings.end(), fields.begin(), fields.end());
  } else {
    auto keys = LeakScanner::ScanJsonKeys(message.bytes, where);
    findings.insert(findings.end(), keys.begin(), keys.end());
  }
  return findings;
}

std::string Describe(const Finding& finding) {
  return finding.where + ": " + finding.what + " \"" + finding.text + "\" in ..." +
         finding.excerpt + "...";
}

TEST_F(SilentFlagsTest, NoFlagDataReachesAKioskNorAnyOtherRoleThanProtectionOfficers) {
  const Scenario scenario(base::NowMs());
  for (const char* route : {"POST /v1/protection/notices", "GET /v1/protection/queue"}) {
    const std::string name(route);
    ASSERT_NE(
        server::api::FindRoute(name.substr(0, name.find(' ')), name.substr(name.find(' ') + 1)),
        nullptr)
        << route << ": the protection officers' API is not in the route table";
  }

  // ---- Two kiosks at two sites stream the arrivals through the sync protocol.
  Ctl({"alert", "publish", "--id", "maintenance-lecteurs", "--fr",
       "Maintenance des lecteurs à 14 h", "--en", "Reader maintenance at 2 pm"});
  auto bantako = EnrolledKiosk("Bantako", "1", "1");
  auto sabodala = EnrolledKiosk("Sabodala", "2", "2");
  ASSERT_FALSE(HasFailure());
  SendAll(*bantako, scenario.FirstSiteBatches(*bantako));
  SendAll(*sabodala, scenario.SecondSiteBatches(*sabodala));
  ASSERT_FALSE(HasFailure());

  // ---- A protection officer: the reception centre, and the family's missing-person notice.
  auto officer = SignedIn(kOfficer);
  const HttpResult service =
      officer->Call("POST", "/v1/protection/services", Scenario::CareServiceRequestJson());
  ASSERT_EQ(service.status, 201) << service.body;
  first_service_ = MemberOf(service.body, "serviceId");
  ASSERT_FALSE(first_service_.empty()) << service.body;
  const HttpResult notice =
      officer->Call("POST", "/v1/protection/notices", scenario.NoticeRequestJson());
  ASSERT_EQ(notice.status, 201) << notice.body;
  EXPECT_NE(notice.body.find(R"("casesRaised":"1")"), std::string::npos) << notice.body;

  // ---- The flags exist (the protection stores, read on the database file).
  ExpectFlags(scenario);
  ASSERT_FALSE(HasFailure());

  // ---- Gate agents' lost-bracelet searches and reconciles, at both kiosks.
  SearchFor(*bantako, scenario.girl);
  SearchFor(*bantako, scenario.recruited[0]);
  SearchFor(*bantako, scenario.recruited[1]);
  SearchFor(*sabodala, scenario.girl);
  for (RecordingKiosk* kiosk : {bantako.get(), sabodala.get()}) {
    const HttpResult reconcile = kiosk->SignedGet(
        "/v1/devices/" + kiosk->device_id() + "/reconcile", "GET /v1/devices/{id}/reconcile");
    EXPECT_EQ(reconcile.status, 200) << reconcile.body;
  }

  // ---- At the kiosks, over their sync links: a border police officer reads the histories of
  // the flagged girl (at both sites) and of the three recruited women; an EMAPE official asks
  // whether a recruited woman (an adult) and the girl (a minor) may hold a miner's card. The
  // answers are kiosk frames, searched for flag data below like every other.
  AskPoliceHistory(*bantako, scenario.girl, scenario.girl_bracelet,
                   v1::POLICE_REASON_IDENTITY_CHECK);
  AskPoliceHistory(*sabodala, scenario.girl, scenario.girl_bracelet,
                   v1::POLICE_REASON_INVESTIGATION);
  for (std::size_t i = 0; i < scenario.recruited.size(); ++i) {
    AskPoliceHistory(*bantako, scenario.recruited[i], scenario.recruited_bracelets[i],
                     v1::POLICE_REASON_MISSING_PERSON);
  }
  AskCardHolder(*bantako, scenario.recruited[1], scenario.recruited_bracelets[1],
                v1::MINER_CARD_HOLDER_OUTCOME_ADULT);
  AskCardHolder(*sabodala, scenario.girl, scenario.girl_bracelet,
                v1::MINER_CARD_HOLDER_OUTCOME_MINOR);
  ASSERT_FALSE(HasFailure());

  // ---- The walks.
  auto admin = SignedIn("admin");
  RouteWalker walker;
  Prepare(walker, scenario, *admin);
  std::vector<std::string> errors;
  // The protection officers' own routes, once: flag data must be found there.
  std::vector<Exchange> protection_answers;
  {
    const WalkCaller caller{"protection_officer", kOfficer, officer.get()};
    for (const RouteRule& rule : server::api::RouteTable()) {
      if (!ProtectionOnly(rule)) continue;
      std::string error;
      if (!walker.Walk(rule, caller, protection_answers, error)) errors.push_back(error);
    }
  }
  // Everyone else: every route each may call, signed in, and the public ones signed out.
  std::vector<Exchange> answers;
  std::map<std::string, std::unique_ptr<OfficialClient>> clients;
  OfficialClient anonymous(server_->client());
  std::vector<WalkCaller> callers;
  for (const auto& [role, user] : SilentRoles()) {
    clients[user] = SignedIn(user);
    callers.push_back(
        WalkCaller{std::string(server::admin::RoleName(role)), user, clients[user].get()});
  }
  callers.push_back(WalkCaller{"anonymous", "", &anonymous});
  ASSERT_FALSE(HasFailure());
  std::set<std::pair<std::string, std::string>> cells;
  std::set<std::string> silent_routes;
  const auto allowed = [](const RouteRule& rule, const WalkCaller& caller) {
    if (rule.caller == server::api::Caller::kPublic) return true;
    if (rule.caller != server::api::Caller::kOfficial || caller.user_id.empty()) return false;
    for (const auto& [role, user] : SilentRoles()) {
      if (user == caller.user_id) return rule.roles.Contains(role);
    }
    return false;
  };
  const auto walk = [&](const WalkCaller& caller, bool session_end) {
    for (const RouteRule& rule : server::api::RouteTable()) {
      if (EndsSession(rule) != session_end || !allowed(rule, caller)) continue;
      if (rule.caller == server::api::Caller::kOfficial && !AnySilentRole(rule)) continue;
      std::string error;
      if (!walker.Walk(rule, caller, answers, error))
        errors.push_back(error + " as " + caller.name);
      cells.emplace(RouteName(rule), caller.name);
      silent_routes.insert(RouteName(rule));
    }
  };
  for (const WalkCaller& caller : callers) walk(caller, false);
  for (const WalkCaller& caller : callers) walk(caller, true);
  for (const std::string& error : errors) ADD_FAILURE() << "route not walked: " << error;
  for (const Exchange& exchange : answers) ExpectAdmitted(exchange);
  for (const Exchange& exchange : protection_answers) ExpectAdmitted(exchange);
  // Every route of the table is walked by someone, or is a kiosk's or protection officers'.
  for (const RouteRule& rule : server::api::RouteTable()) {
    if (rule.caller == server::api::Caller::kDevice || ProtectionOnly(rule)) continue;
    EXPECT_TRUE(silent_routes.contains(RouteName(rule))) << RouteName(rule) << " was not walked";
  }

  // The police walk read the flagged girl's and the recruited women's records (their histories
  // and searches that found them): their answers are among those searched for flag data below.
  {
    std::set<std::string> read;
    std::size_t found_by_search = 0;
    for (const Exchange& exchange : answers) {
      if (exchange.caller != "border_police" || exchange.status != 200) continue;
      if (exchange.route == "GET /v1/police/persons/{id}/timeline") read.insert(exchange.target);
      if (exchange.route == "GET /v1/police/persons" &&
          exchange.body.find(base::ToHex(scenario.girl.token)) != std::string::npos) {
        ++found_by_search;
      }
    }
    for (const ScenarioPerson* person : {&scenario.girl, &scenario.recruited[0]}) {
      EXPECT_TRUE(read.contains("/v1/police/persons/" + base::ToHex(person->token) + "/timeline"))
          << person->registration.given_name() << "'s history was not read by the police walk";
    }
    EXPECT_GE(found_by_search, 3u) << "the girl found by name, bracelet and site";
  }

  // ---- What the kiosks receive meanwhile, then as kiosks connecting afresh (whole lists),
  // and the refusal of a registration sent in clear.
  for (RecordingKiosk* kiosk : {bantako.get(), sabodala.get()}) {
    kiosk->Drain(2500ms, 20s);
    kiosk->Disconnect();
    ASSERT_TRUE(kiosk->Connect(0)) << kiosk->last_error();
    kiosk->Drain(1500ms, 10s);
  }
  {
    v1::Event clear = sabodala->NextEvent(base::NowMs() - 60'000);
    *clear.mutable_person_registered() = scenario.elsewhere[0].registration;
    EXPECT_FALSE(sabodala->SendAndWaitAck({clear}));
    EXPECT_NE(sabodala->last_error().find("SEALED_BODY_REQUIRED"), std::string::npos)
        << sabodala->last_error();
  }
  std::vector<DownMessage> down;
  for (RecordingKiosk* kiosk : {bantako.get(), sabodala.get()}) {
    down.insert(down.end(), kiosk->received().begin(), kiosk->received().end());
  }
  // Every kind of down-stream message was received, and every kiosk route was exercised:
  // a kind or a route added later that the scenario does not produce fails here, by name.
  std::map<std::string, int> kinds;
  std::set<std::string> channels;
  for (const DownMessage& message : down) {
    channels.insert(message.channel == "stream" ? "GET /v1/kiosk/stream" : message.channel);
    v1::ServerFrame frame;
    if (message.channel == "stream" && frame.ParseFromString(message.bytes)) {
      const auto* kind = frame.GetDescriptor()->FindOneofByName("frame");
      const auto* set = frame.GetReflection()->GetOneofFieldDescriptor(frame, kind);
      ++kinds[set != nullptr ? set->name() : "(none)"];
    }
  }
  const auto* frame_kinds = v1::ServerFrame::descriptor()->FindOneofByName("frame");
  for (int i = 0; i < frame_kinds->field_count(); ++i) {
    EXPECT_GT(kinds[frame_kinds->field(i)->name()], 0)
        << "no " << frame_kinds->field(i)->name() << " frame was received by a kiosk";
  }
  for (const RouteRule& rule : server::api::RouteTable()) {
    if (rule.caller != server::api::Caller::kDevice) continue;
    EXPECT_TRUE(channels.contains(RouteName(rule))) << RouteName(rule) << " not called by a kiosk";
  }

  // ---- The forbidden strings, from what the server stored, and the search.
  db::Connection connection = Database();
  const ForbiddenList forbidden = BuildForbiddenList(connection, scenario.Tokens());
  ASSERT_FALSE(HasFailure());
  const LeakScanner scanner(forbidden.strings);
  std::size_t official_bytes = 0;
  std::size_t kiosk_bytes = 0;
  std::vector<Finding> leaks;
  for (const Exchange& exchange : answers) {
    official_bytes += exchange.body.size();
    auto found = Scan(scanner, exchange);
    leaks.insert(leaks.end(), found.begin(), found.end());
  }
  for (const DownMessage& message : down) {
    kiosk_bytes += message.bytes.size();
    auto found = Scan(scanner, message);
    leaks.insert(leaks.end(), found.begin(), found.end());
  }
  for (const Finding& leak : leaks)
    ADD_FAILURE() << "flag data outside protection: " << Describe(leak);

  // ---- The control: the protection officers' answers hold each kind of flag data, so the
  // search above can see it; and every indicator raised for a scenario person, in words.
  std::string protection_bytes;
  std::size_t key_findings = 0;
  for (const Exchange& exchange : protection_answers) {
    protection_bytes += exchange.body + "\n" + Joined(exchange.headers);
    key_findings += LeakScanner::ScanJsonKeys(exchange.body, exchange.Where()).size();
  }
  std::map<std::string, int> seen_by_category;
  for (const ForbiddenString& string : forbidden.strings) {
    if (LeakScanner::Holds(protection_bytes, string)) ++seen_by_category[string.category];
    if (string.category == "flag") {
      EXPECT_TRUE(LeakScanner::Holds(protection_bytes, string))
          << "the protection officers' answers lack \"" << string.text << "\"";
    }
  }
  for (const char* category :
       {"rule", "risk.proto", "flag", "case", "notice", "referral", "service"}) {
    EXPECT_GT(seen_by_category[category], 0)
        << "no " << category << " string in the protection officers' answers: the search is blind";
  }
  EXPECT_GT(key_findings, 0u) << "no flag-like JSON key in the protection officers' answers";
  // Auditors did read that the girl's case was opened, by whom, as `case:<id>`: the audit
  // answers searched above hold the protection officers' entries, not an empty log.
  {
    auto cases = protection::CaseStore::Create(connection);
    ASSERT_TRUE(cases);
    auto girl_case = cases.value()->ForPerson(scenario.girl.token);
    ASSERT_TRUE(girl_case && girl_case.value());
    const std::string target = "\"case:" + std::to_string(girl_case.value()->case_id) + "\"";
    bool seen = false;
    for (const Exchange& exchange : answers) {
      seen = seen || (exchange.surface == Surface::kAuditApi && exchange.caller == "auditor" &&
                      exchange.body.find("GET /v1/protection/cases/{id}") != std::string::npos &&
                      exchange.body.find(target) != std::string::npos &&
                      exchange.body.find(kOfficer) != std::string::npos);
    }
    EXPECT_TRUE(seen) << "no audit answer showed the auditor the case view " << target;
  }

  std::size_t frames = 0;
  std::string frame_counts;
  for (const auto& [kind, count] : kinds) {
    frames += static_cast<std::size_t>(count);
    frame_counts += " " + kind + "=" + std::to_string(count);
  }
  std::cout << "silent flags: " << cells.size() << " routes x roles walked ("
            << silent_routes.size() << " routes, " << callers.size() << " callers), "
            << answers.size() << " calls, " << official_bytes << " bytes; kiosks: " << down.size()
            << " messages (" << frames << " stream frames:" << frame_counts << "; "
            << down.size() - frames << " HTTPS answers), " << kiosk_bytes << " bytes; "
            << forbidden.Summary() << "; " << leaks.size()
            << " leak(s); control: " << protection_answers.size()
            << " protection officer calls, categories seen:";
  for (const auto& [category, count] : seen_by_category)
    std::cout << " " << category << "=" << count;
  std::cout << ", " << key_findings << " flag-like keys\n";
}

// The scan can see the protection questions: a registration's answers are found by field name
// in the message and by key in its JSON, and a police history at a kiosk holds none.
TEST(SilentFlagsScanTest, FindsTheProtectionQuestionsOfARegistration) {
  v1::PersonRegistered registration;
  registration.set_given_name("Joy");
  registration.set_debt_declared(v1::ANSWER_YES);
  registration.set_promised_job(v1::PROMISED_JOB_BAR);
  registration.mutable_identity_document()->set_holder(v1::DOCUMENT_HOLDER_EMPLOYER_OR_RECRUITER);
  registration.mutable_identity_document()->set_number("A07745110");
  EXPECT_EQ(LeakScanner::ScanFieldNames(registration, "registration").size(), 3u);
  std::string json;
  ASSERT_TRUE(google::protobuf::util::MessageToJsonString(registration, &json).ok());
  EXPECT_EQ(LeakScanner::ScanJsonKeys(json, "registration").size(), 3u) << json;

  v1::ServerFrame frame;
  v1::PoliceHistory* history = frame.mutable_police_history()->mutable_history();
  history->set_given_name("Joy");
  history->add_passages()->set_site_name("Bantako");
  history->add_bracelets()->set_tag_uid("\x04\x5A\x11\x22\x33\x44\x03");
  history->add_miner_card_numbers("KDG1-000001");
  EXPECT_TRUE(LeakScanner::ScanFieldNames(frame, "police history").empty());
}

}  // namespace
}  // namespace minegate::test
