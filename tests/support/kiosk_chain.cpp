#include "tests/support/kiosk_chain.hpp"

#include <fstream>
#include <regex>

#include "base/hex.hpp"
#include "db/connection.hpp"
#include "db/query.hpp"
#include "db/statement.hpp"

namespace minegate::test {
namespace {

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream(path) << text << '\n';
}

/// The server's database opened read-only, beside the running server (WAL lets both), for what
/// no route or command reads back yet.
db::Result<db::Connection> OpenServerDatabase(const std::string& path) {
  db::OpenOptions options;
  options.access = db::OpenOptions::Access::kReadOnly;
  return db::Connection::Open(path, options);
}

std::int64_t ReadCount(const db::Statement& row) { return row.ColumnInt64(0); }

}  // namespace

std::unique_ptr<KioskChain> KioskChain::Start(std::string& error) {
  std::unique_ptr<KioskChain> chain(new KioskChain());
  chain->server_ = ServerProcess::Create(error);
  if (!chain->server_) return nullptr;
  ServerProcess& server = *chain->server_;
  if (!server.Ctl({"gate", "add", "--site", "1", "--name", "Porte nord"}).status.Succeeded()) {
    error = "gate add failed";
    return nullptr;
  }
  chain->kiosk_ = std::make_unique<KioskProcess>();
  if (error = chain->AddAgent(kAgent, "Awa Diallo", "gate_agent", kPin); !error.empty()) {
    return nullptr;
  }
  auto enrolment = server.Ctl({"device", "enroll", "--site", "1", "--gate", "1"});
  std::smatch code;
  if (!enrolment.status.Succeeded() ||
      !std::regex_search(enrolment.out, code, std::regex("([0-9A-Z]{4}(-[0-9A-Z]{4})+)"))) {
    error = "device enroll failed: " + enrolment.out + enrolment.err;
    return nullptr;
  }
  const std::string fingerprint = CertificateFingerprint(server.client().ca_file);
  auto enrolled = chain->kiosk_->Enroll(code[1].str(), server.client().port, fingerprint);
  std::smatch device;
  if (!enrolled.status.Succeeded() ||
      !std::regex_search(enrolled.out, device, std::regex("enrolled: ([a-z0-9-]+)"))) {
    error = "kiosk enroll failed: " + enrolled.out + enrolled.err;
    return nullptr;
  }
  chain->device_id_ = device[1].str();
  chain->bridge_ = BridgeHarness::Start({}, error);
  if (!chain->bridge_) return nullptr;
  if (!chain->StartKiosk(error)) return nullptr;
  // The roster (with the agent's PIN hash) arrives from the server.
  if (!chain->page_->WaitForState([](const v1::KioskState& s) { return s.roster_size() > 0; })) {
    error = "no agent roster on the kiosk" + chain->Diagnostics();
    return nullptr;
  }
  return chain;
}

KioskChain::~KioskChain() {
  page_.reset();
  if (kiosk_) kiosk_->Stop();
}

bool KioskChain::StartKiosk(std::string& error) {
  page_.reset();
  if (!kiosk_->Start(bridge_->socket_path(), error)) return false;
  page_ = KioskUiClient::Connect(kiosk_->ui_port(), kiosk_->page_token(), error);
  if (!page_) return false;
  if (!page_->WaitForState([](const v1::KioskState& s) { return s.enrolled(); })) {
    error = "the kiosk's page never showed it enrolled";
    return false;
  }
  return true;
}

std::string KioskChain::AddAgent(const std::string& user_id, const std::string& display_name,
                                 const std::string& role, const std::string& pin,
                                 const std::string& card_uid_hex) {
  // Secrets go through files, as minegatectl requires; beside the kiosk's data directory,
  // never in it.
  const std::string password = kiosk_->data_dir() + "." + user_id + ".password";
  const std::string pin_file = kiosk_->data_dir() + "." + user_id + ".pin";
  WriteFile(password, "un mot de passe assez long");
  WriteFile(pin_file, pin);
  std::vector<std::string> args = {"user",    "add",        "--id",
                                   user_id,   "--name",     display_name,
                                   "--role",  role,         "--password-file",
                                   password,  "--pin-file", pin_file,
                                   "--sites", "1"};
  if (!card_uid_hex.empty()) {
    args.push_back("--card-uid");
    args.push_back(card_uid_hex);
  }
  auto added = server_->Ctl(args);
  if (!added.status.Succeeded()) return "user add failed: " + added.out + added.err;
  return "";
}

bool KioskChain::SignIn() { return Ok(SignIn(kAgent, kPin)); }

std::optional<v1::UiReply> KioskChain::SignIn(const std::string& user_id, const std::string& pin) {
  v1::UiRequest request;
  request.mutable_sign_in()->set_user_id(user_id);
  request.mutable_sign_in()->set_pin(pin);
  return page_->Request(request);
}

bool KioskChain::SetDirection(v1::Direction direction) {
  v1::UiRequest request;
  request.mutable_set_direction()->set_direction(direction);
  return Ok(page_->Request(request));
}

bool KioskChain::SetMode(v1::KioskMode mode) {
  v1::UiRequest request;
  request.mutable_set_mode()->set_mode(mode);
  return Ok(page_->Request(request));
}

v1::RegistrationDraft KioskChain::SimpleDraft(const std::string& given_name) {
  v1::RegistrationDraft result;
  v1::RegistrationDraft* draft = &result;
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
  return result;
}

std::optional<v1::TapOutcome> KioskChain::Register(const std::string& uid_hex,
                                                   const std::string& given_name) {
  return Register(uid_hex, SimpleDraft(given_name));
}

std::optional<v1::TapOutcome> KioskChain::Register(const std::string& uid_hex,
                                                   const v1::RegistrationDraft& draft) {
  v1::UiRequest start;
  start.mutable_start_registration();
  if (!Ok(page_->Request(start))) return std::nullopt;
  v1::UiRequest save;
  *save.mutable_save_draft()->mutable_draft() = draft;
  if (!Ok(page_->Request(save))) return std::nullopt;
  v1::UiRequest submit;
  submit.mutable_submit_registration();
  if (!Ok(page_->Request(submit))) return std::nullopt;
  return Tap(uid_hex);
}

std::optional<v1::TapOutcome> KioskChain::Tap(const std::string& uid_hex,
                                              const std::string& model) {
  if (bridge_->emulator().Control("place " + model + " " + uid_hex).rfind("ok", 0) != 0) {
    return std::nullopt;
  }
  auto outcome = page_->NextTap();
  if (bridge_->emulator().Control("remove").rfind("ok", 0) != 0) return std::nullopt;
  return outcome;
}

std::function<bool(const v1::KioskState&)> KioskChain::SyncedAt(std::uint64_t count) {
  return [count](const v1::KioskState& state) {
    return state.sync().highest_recorded_seq() == count && state.sync().acked_seq() == count &&
           state.sync().pending_events() == 0;
  };
}

std::optional<v1::ReconcileReport> KioskChain::ServerReport() {
  const std::int64_t before = page_->state().sync().server_report_at_ms();
  v1::UiRequest refresh;
  refresh.mutable_refresh_sync();
  if (!Ok(page_->Request(refresh))) return std::nullopt;
  auto shown = page_->WaitForState([before](const v1::KioskState& s) {
    return s.sync().has_server_report() && s.sync().server_report_at_ms() > before;
  });
  if (!shown) return std::nullopt;
  return shown->sync().server_report();
}

std::vector<v1::Event> KioskChain::ServerEvents() const {
  auto connection = OpenServerDatabase(server_->database());
  if (!connection) return {};
  auto events = db::QueryAll(
      connection.value(), "SELECT event FROM events WHERE device_id = ?1 ORDER BY device_seq",
      [](const db::Statement& row) -> db::Result<v1::Event> {
        const auto bytes = row.ColumnBlob(0);
        v1::Event event;
        if (!event.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
          return db::make_error_code(db::Errc::corrupt);
        }
        return event;
      },
      device_id_);
  return events ? std::move(events).value() : std::vector<v1::Event>();
}

std::int64_t KioskChain::ServerCount(const std::string& sql) const {
  auto connection = OpenServerDatabase(server_->database());
  if (!connection) return -1;
  auto count = db::QueryOne(connection.value(), sql, ReadCount);
  return count ? count.value() : -1;
}

std::int64_t KioskChain::ServerEventCount(const std::string& body_kind) const {
  auto connection = OpenServerDatabase(server_->database());
  if (!connection) return -1;
  auto count =
      body_kind.empty()
          ? db::QueryOne(connection.value(), "SELECT count(*) FROM events WHERE device_id = ?1",
                         ReadCount, device_id_)
          : db::QueryOne(connection.value(),
                         "SELECT count(*) FROM events WHERE device_id = ?1 AND body_kind = ?2",
                         ReadCount, device_id_, body_kind);
  return count ? count.value() : -1;
}

std::string KioskChain::ServerCredential(const std::string& uid_hex) const {
  auto connection = OpenServerDatabase(server_->database());
  if (!connection) return {};
  auto credential = db::QueryOne(
      connection.value(), "SELECT credential FROM bracelets WHERE tag_uid = ?1",
      [](const db::Statement& row) {
        const auto bytes = row.ColumnBlob(0);
        return std::string(bytes.begin(), bytes.end());
      },
      base::FromHex(uid_hex).value_or(std::vector<std::uint8_t>()));
  return credential ? std::move(credential).value() : std::string();
}

std::string KioskChain::Diagnostics() const {
  std::string text = "\n--- kiosk log ---\n" + (kiosk_ ? kiosk_->Log() : "");
  if (server_) text += "\n--- server log ---\n" + server_->Log();
  if (bridge_) text += "\n--- bridge log ---\n" + bridge_->BridgeLog();
  if (page_) text += "\n--- last state ---\n" + page_->state().DebugString();
  return text;
}

}  // namespace minegate::test
