#include "tests/integration/kiosk/kiosk_chain_fixture.hpp"

#include <fstream>
#include <regex>

#include "db/connection.hpp"
#include "db/statement.hpp"
#include "tests/support/wait.hpp"

namespace minegate::test {
namespace {

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream(path) << text << '\n';
}

}  // namespace

void KioskChainTest::SetUp() {
  std::string error;
  server_ = ServerProcess::Create(error);
  ASSERT_NE(server_, nullptr) << error;
  server_port_ = server_->client().port;
  ASSERT_TRUE(
      server_->Ctl({"gate", "add", "--site", "1", "--name", "Porte nord"}).status.Succeeded());
  kiosk_ = std::make_unique<KioskProcess>();
  const std::string password = kiosk_->data_dir() + ".password";
  const std::string pin = kiosk_->data_dir() + ".pin";
  WriteFile(password, "un mot de passe assez long");
  WriteFile(pin, kPin);
  auto added = server_->Ctl({"user", "add", "--id", kAgent, "--name", "Awa Diallo", "--role",
                             "gate_agent", "--password-file", password, "--pin-file", pin});
  ASSERT_TRUE(added.status.Succeeded()) << added.out << added.err;
  auto enrolment = server_->Ctl({"device", "enroll", "--site", "1", "--gate", "1"});
  ASSERT_TRUE(enrolment.status.Succeeded()) << enrolment.err;
  std::smatch match;
  ASSERT_TRUE(std::regex_search(enrolment.out, match, std::regex("([0-9A-Z]{4}(-[0-9A-Z]{4})+)")));
  const std::string fingerprint = CertificateFingerprint(server_->client().ca_file);
  ASSERT_EQ(fingerprint.size(), 64u);
  auto enrolled = kiosk_->Enroll(match[1].str(), server_port_, fingerprint);
  ASSERT_TRUE(enrolled.status.Succeeded()) << enrolled.out << enrolled.err;
  std::smatch device;
  ASSERT_TRUE(std::regex_search(enrolled.out, device, std::regex("enrolled: ([a-z0-9-]+)")));
  device_id_ = device[1].str();

  bridge_ = BridgeHarness::Start({}, error);
  ASSERT_NE(bridge_, nullptr) << error;
  StartKiosk();
  // The roster (with agent1's PIN hash) arrives from the server.
  ASSERT_TRUE(page_->WaitForState([](const v1::KioskState& s) { return s.roster_size() > 0; }))
      << Diagnostics();
}

void KioskChainTest::TearDown() {
  if (HasFailure()) std::cerr << Diagnostics();
  page_.reset();
  if (kiosk_) kiosk_->Stop();
}

void KioskChainTest::StartKiosk() {
  page_.reset();
  std::string error;
  ASSERT_TRUE(kiosk_->Start(bridge_->socket_path(), error)) << error;
  page_ = KioskUiClient::Connect(kiosk_->ui_port(), error);
  ASSERT_NE(page_, nullptr) << error;
  ASSERT_TRUE(page_->WaitForState([](const v1::KioskState& s) { return s.enrolled(); }));
}

void KioskChainTest::SignIn() {
  v1::UiRequest request;
  request.mutable_sign_in()->set_user_id(kAgent);
  request.mutable_sign_in()->set_pin(kPin);
  auto reply = page_->Request(request);
  ASSERT_TRUE(reply && reply->ok()) << Diagnostics();
}

void KioskChainTest::SetDirection(v1::Direction direction) {
  v1::UiRequest request;
  request.mutable_set_direction()->set_direction(direction);
  auto reply = page_->Request(request);
  ASSERT_TRUE(reply && reply->ok());
}

void KioskChainTest::SetMode(v1::KioskMode mode) {
  v1::UiRequest request;
  request.mutable_set_mode()->set_mode(mode);
  auto reply = page_->Request(request);
  ASSERT_TRUE(reply && reply->ok());
}

v1::TapOutcome KioskChainTest::Register(const std::string& uid_hex, const std::string& given_name) {
  v1::UiRequest start;
  start.mutable_start_registration();
  auto started = page_->Request(start);
  EXPECT_TRUE(started && started->ok());
  v1::UiRequest save;
  auto* draft = save.mutable_save_draft()->mutable_draft();
  draft->set_step(v1::REGISTRATION_STEP_COMPANION);
  auto* person = draft->mutable_person();
  person->set_given_name(given_name);
  person->set_family_name("Camara");
  person->set_sex(v1::SEX_FEMALE);
  person->mutable_birth()->set_year(2006);
  person->mutable_birth()->set_estimated(true);
  person->set_nationality("GIN");
  person->mutable_identity_document()->set_type(v1::DOCUMENT_TYPE_NONE);
  person->set_occupation(v1::OCCUPATION_TRADER);
  person->set_purpose(v1::PURPOSE_OWN_TRADE);
  auto* consent = person->mutable_consent();
  consent->set_information_given(true);
  consent->set_information_language("fra");
  consent->set_method(v1::CONSENT_METHOD_ORAL);
  draft->set_companion_choice(v1::COMPANION_CHOICE_NONE);
  auto saved = page_->Request(save);
  EXPECT_TRUE(saved && saved->ok());
  v1::UiRequest submit;
  submit.mutable_submit_registration();
  auto submitted = page_->Request(submit);
  EXPECT_TRUE(submitted && submitted->ok()) << (submitted ? submitted->DebugString() : "");
  return Tap(uid_hex);
}

v1::TapOutcome KioskChainTest::Tap(const std::string& uid_hex) {
  EXPECT_EQ(bridge_->emulator().Control("place ntag213 " + uid_hex).rfind("ok", 0), 0u);
  auto outcome = page_->NextTap();
  EXPECT_TRUE(outcome) << Diagnostics();
  EXPECT_EQ(bridge_->emulator().Control("remove").rfind("ok", 0), 0u);
  return outcome.value_or(v1::TapOutcome());
}

std::int64_t KioskChainTest::ServerEventCount(const std::string& body_kind) {
  db::OpenOptions options;
  options.access = db::OpenOptions::Access::kReadOnly;
  auto connection = db::Connection::Open(server_->database(), options);
  if (!connection) return -1;
  auto statement = connection.value().Prepare(
      body_kind.empty() ? "SELECT count(*) FROM events WHERE device_id = ?1"
                        : "SELECT count(*) FROM events WHERE device_id = ?1 AND body_kind = ?2");
  if (!statement) return -1;
  (void)statement.value().BindText(1, device_id_);
  if (!body_kind.empty()) (void)statement.value().BindText(2, body_kind);
  auto row = statement.value().Step();
  if (!row || !row.value()) return -1;
  return statement.value().ColumnInt64(0);
}

std::string KioskChainTest::Diagnostics() const {
  std::string text = "\n--- kiosk log ---\n" + (kiosk_ ? kiosk_->Log() : "");
  if (server_) text += "\n--- server log ---\n" + server_->Log();
  if (bridge_) text += "\n--- bridge log ---\n" + bridge_->BridgeLog();
  if (page_) text += "\n--- last state ---\n" + page_->state().DebugString();
  return text;
}

}  // namespace minegate::test
