#include "tests/unit/kiosk_gate/controller_fixture.hpp"

#include "db/statement.hpp"
#include "kiosk/store/identity_store.hpp"
#include "kiosk/store/kiosk_db.hpp"
#include "kiosk/store/list_store.hpp"
#include "proto/credential/issuer.hpp"
#include "tests/unit/kiosk_gate/sealed_event.hpp"

namespace minegate::test {

void ControllerFixture::SetUp() {
  ASSERT_GE(sodium_init(), 0);
  ASSERT_TRUE(dir_.ok());
  auto connection = kiosk::store::OpenKioskDb(dir_.path() / "kiosk.db");
  ASSERT_TRUE(connection) << connection.error().message();
  connection_.emplace(std::move(connection).value());
  device_key_.emplace(credential::SigningKey::Generate().value());
  crypto_box_keypair(server_public_.data(), server_secret_.data());

  kiosk::store::Identity identity;
  identity.device_id = "kdg-0001";
  identity.site_id = 1;
  identity.gate_id = 1;
  identity.server_host = "127.0.0.1";
  identity.server_port = 8443;
  identity.server_fingerprint = std::string(64, 'a');
  identity.sealing_public_key.assign(server_public_.begin(), server_public_.end());
  identity.sealing_key_id = std::string(8, '\x01');
  identity.enrolled_at_ms = now_ms_;
  ASSERT_TRUE(kiosk::store::IdentityStore(*connection_).Save(identity));
  config_.sign_in.max_failures = 3;
  Restart();
}

void ControllerFixture::Restart() {
  gate::ControllerPorts ports;
  ports.broadcast = [this](const v1::UiUpdate& update) { broadcasts_.push_back(update); };
  ports.send = [this](gate::ClientId, const v1::UiUpdate& update) { sent_.push_back(update); };
  ports.to_bridge = [this](const v1::KioskMessage& message) {
    if (!bridge_up_) return false;
    to_bridge_.push_back(message);
    return true;
  };
  ports.events_recorded = [this] { ++events_recorded_calls_; };
  ports.sync_status = [this] { return &sync_status_; };
  ports.now_ms = [this] { return now_ms_; };
  ports.ask = [this](const v1::KioskFrame& question) {
    if (question.has_police_history_request()) {
      police_requests_.push_back(question.police_history_request());
    }
    return police_online_;
  };
  ports.find_candidates = [this](const v1::PersonCandidatesQuery& query,
                                 std::function<void(gate::CandidatesAnswer)> done) {
    searches_.push_back(query);
    search_answer_ = std::move(done);
  };
  controller_ = std::make_unique<gate::KioskController>(*connection_, &*device_key_, config_,
                                                        std::move(ports));
  auto loaded = controller_->Load();
  ASSERT_TRUE(loaded) << loaded.error().message();
}

v1::Agent ControllerFixture::MakeAgent(const std::string& user_id, const std::string& pin,
                                       v1::AgentRole role, const std::string& card_uid) {
  char hash[crypto_pwhash_STRBYTES];
  EXPECT_EQ(crypto_pwhash_str(hash, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_MIN,
                              crypto_pwhash_MEMLIMIT_MIN),
            0);
  v1::Agent agent;
  agent.set_user_id(user_id);
  agent.set_display_name("Agent " + user_id);
  agent.set_role(role);
  agent.set_pin_hash(hash);
  agent.set_staff_card_uid(card_uid);
  return agent;
}

void ControllerFixture::ApplyRoster(const std::vector<v1::Agent>& agents) {
  v1::AgentRoster roster;
  roster.set_version(7);
  for (const auto& agent : agents) *roster.add_agents() = agent;
  ASSERT_TRUE(kiosk::store::ListStore(*connection_).ApplyAgentRoster(roster));
  controller_->OnSyncChanged();
}

v1::UiReply ControllerFixture::Request(const v1::UiRequest& request_in) {
  v1::UiRequest request = request_in;
  request.set_request_id(next_request_++);
  sent_.clear();
  controller_->OnUiRequest(1, request);
  for (const auto& update : sent_) {
    if (update.has_reply() && update.reply().request_id() == request.request_id()) {
      return update.reply();
    }
  }
  ADD_FAILURE() << "no reply to request " << request.request_id();
  return {};
}

v1::UiReply ControllerFixture::SignIn(const std::string& user_id, const std::string& pin) {
  v1::UiRequest request;
  request.mutable_sign_in()->set_user_id(user_id);
  request.mutable_sign_in()->set_pin(pin);
  return Request(request);
}

v1::UiReply ControllerFixture::SetMode(v1::KioskMode mode) {
  v1::UiRequest request;
  request.mutable_set_mode()->set_mode(mode);
  return Request(request);
}

std::optional<v1::TapOutcome> ControllerFixture::Tap(const v1::TagPresented& tag) {
  broadcasts_.clear();
  v1::BridgeMessage message;
  *message.mutable_tag_presented() = tag;
  message.mutable_tag_presented()->set_presentation_id(next_presentation_++);
  controller_->OnBridgeMessage(message);
  for (const auto& update : broadcasts_) {
    if (update.has_tap()) return update.tap();
  }
  return std::nullopt;
}

v1::TagPresented ControllerFixture::BlankTag(const std::string& uid) const {
  v1::TagPresented tag;
  tag.set_uid(uid);
  tag.set_tag_type(v1::TAG_TYPE_NTAG213);
  tag.set_memory_bytes(144);
  tag.set_credential_read(v1::CREDENTIAL_READ_ABSENT);
  return tag;
}

v1::TagPresented ControllerFixture::BraceletTag(const std::string& uid, const std::string& token,
                                                const credential::SigningKey& key,
                                                const std::string& signed_uid) const {
  credential::CredentialFields fields;
  fields.kind = credential::Kind::bracelet;
  std::copy(token.begin(), token.end(), fields.person_token.begin());
  fields.site_id = 1;
  fields.issued_at_ms = now_ms_ - 1000;
  const std::string& bound = signed_uid.empty() ? uid : signed_uid;
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(bound.data());
  auto issued = credential::Issue(fields, std::span(bytes, bound.size()), key);
  EXPECT_TRUE(issued);
  v1::TagPresented tag = BlankTag(uid);
  tag.set_credential_read(v1::CREDENTIAL_READ_OK);
  tag.set_credential(std::string(issued.value().begin(), issued.value().end()));
  return tag;
}

std::vector<v1::Event> ControllerFixture::OutboxEvents(bool open_sealed) {
  std::vector<v1::Event> events;
  auto statement = connection_->Prepare("SELECT event FROM outbox ORDER BY device_seq");
  EXPECT_TRUE(statement);
  while (statement.value().Step().value()) {
    const auto blob = statement.value().ColumnBlob(0);
    v1::Event event;
    EXPECT_TRUE(event.ParseFromArray(blob.data(), static_cast<int>(blob.size())));
    if (open_sealed && event.has_sealed()) {
      const std::optional<v1::Event> inner =
          OpenSealedBody(event, server_public_.data(), server_secret_.data());
      EXPECT_TRUE(inner) << "sealed body does not open with the server key";
      if (inner) {
        EXPECT_EQ(inner->event_id(), event.event_id());
        v1::Event opened = event;
        opened.clear_sealed();
        opened.MergeFrom(*inner);
        event = opened;
      }
    }
    events.push_back(std::move(event));
  }
  return events;
}

}  // namespace minegate::test
