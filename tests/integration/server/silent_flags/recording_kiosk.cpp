#include "tests/integration/server/silent_flags/recording_kiosk.hpp"

#include <google/protobuf/util/json_util.h>
#include <sodium.h>

#include "base/clock.hpp"
#include "proto/auth/device_auth.hpp"
#include "tests/support/kiosk_seal.hpp"
#include "tests/support/server_process.hpp"

namespace minegate::test {

std::string RandomEventId() {
  std::string id(16, '\0');
  randombytes_buf(id.data(), id.size());
  const auto ms = static_cast<std::uint64_t>(base::NowMs());
  for (int i = 0; i < 6; ++i) {
    id[static_cast<std::size_t>(i)] = static_cast<char>(ms >> (40 - 8 * i));
  }
  id[6] = static_cast<char>(0x70 | (id[6] & 0x0F));
  id[8] = static_cast<char>(0x80 | (id[8] & 0x3F));
  return id;
}

RecordingKiosk::RecordingKiosk(ClientOptions options, std::string name)
    : options_(std::move(options)),
      name_(std::move(name)),
      key_(credential::SigningKey::Generate().value()) {}

void RecordingKiosk::Keep(const std::string& channel, const HttpResult& answer) {
  DownMessage message{name_, channel, answer.body, {}, answer.status};
  for (const auto& [header, value] : answer.headers) {
    message.headers.push_back(header + ": " + value);
  }
  received_.push_back(std::move(message));
}

bool RecordingKiosk::Enrol(const std::string& code) {
  v1::EnrolmentRequest request;
  request.set_code(code);
  request.set_public_key(std::string(key_.public_key().begin(), key_.public_key().end()));
  std::string body;
  (void)google::protobuf::util::MessageToJsonString(request, &body);
  auto answer = HttpPost(options_, "/v1/devices/enroll", body, "application/json");
  if (!answer) {
    last_error_ = "enrol: " + answer.error().message();
    return false;
  }
  Keep("POST /v1/devices/enroll", answer.value());
  v1::EnrolmentResponse response;
  if (answer.value().status != 200 ||
      !google::protobuf::util::JsonStringToMessage(answer.value().body, &response).ok()) {
    last_error_ = "enrol: " + std::to_string(answer.value().status) + " " + answer.value().body;
    return false;
  }
  device_id_ = response.device_id();
  site_id_ = response.site_id();
  gate_id_ = response.gate_id();
  sealing_public_key_ = response.sealing_public_key();
  sealing_key_id_ = response.sealing_key_id();
  return true;
}

bool RecordingKiosk::Receive(std::chrono::milliseconds timeout, v1::ServerFrame& frame) {
  if (!ws_) return false;
  auto message = ws_->Receive(timeout);
  if (!message) {
    last_error_ = "receive: " + message.error().message();
    return false;
  }
  received_.push_back(DownMessage{name_, "stream", message.value().data, {}, 0});
  if (message.value().text || !frame.ParseFromString(message.value().data)) {
    last_error_ = "a message that is not a ServerFrame";
    return false;
  }
  return true;
}

bool RecordingKiosk::Connect(std::uint64_t list_versions) {
  auto ws = WsClient::Connect(options_, "/v1/kiosk/stream");
  if (!ws) {
    last_error_ = "connect: " + ws.error().message();
    return false;
  }
  ws_ = std::move(ws).value();
  v1::ServerFrame challenge;
  if (!Receive(std::chrono::seconds(10), challenge) || !challenge.has_challenge()) return false;
  v1::KioskFrame hello;
  auto* h = hello.mutable_hello();
  h->set_device_id(device_id_);
  h->set_software_version("silent-flags-test");
  h->set_last_acked_seq(seq_);
  h->set_trust_list_version(list_versions);
  h->set_revoked_bracelets_version(list_versions);
  h->set_alerts_version(list_versions);
  h->set_census_campaigns_version(list_versions);
  h->set_agent_roster_version(list_versions);
  const auto signature =
      key_.Sign(auth::HelloSignedBytes(challenge.challenge().nonce(), device_id_));
  h->set_signature(std::string(signature.begin(), signature.end()));
  if (auto ec = ws_->SendBinary(hello.SerializeAsString())) {
    last_error_ = "hello: " + ec.message();
    return false;
  }
  v1::ServerFrame welcome;
  if (!Receive(std::chrono::seconds(10), welcome)) return false;
  if (!welcome.has_welcome()) {
    last_error_ = "no Welcome: " + welcome.ShortDebugString();
    return false;
  }
  sealing_public_key_ = welcome.welcome().sealing_public_key();
  sealing_key_id_ = welcome.welcome().sealing_key_id();
  return true;
}

bool RecordingKiosk::SendAndWaitAck(const std::vector<v1::Event>& events) {
  if (!ws_) return false;
  v1::KioskFrame frame;
  for (const v1::Event& event : events) *frame.mutable_batch()->add_events() = event;
  if (auto ec = ws_->SendBinary(frame.SerializeAsString())) {
    last_error_ = "send: " + ec.message();
    return false;
  }
  // List updates may come before the Ack; a handful at most.
  for (int i = 0; i < 64; ++i) {
    v1::ServerFrame answer;
    if (!Receive(std::chrono::seconds(10), answer)) return false;
    if (answer.has_ack()) return answer.ack().acked_seq() == events.back().device_seq();
    if (answer.has_error()) {
      last_error_ = "refused: " + answer.error().ShortDebugString();
      return false;
    }
  }
  last_error_ = "no Ack";
  return false;
}

bool RecordingKiosk::Ask(const v1::KioskFrame& request, v1::ServerFrame& answer) {
  if (!ws_) return false;
  std::uint64_t id = 0;
  if (request.has_police_history_request()) {
    id = request.police_history_request().request_id();
  } else if (request.has_miner_card_holder_request()) {
    id = request.miner_card_holder_request().request_id();
  } else {
    last_error_ = "not a question: " + request.ShortDebugString();
    return false;
  }
  if (auto ec = ws_->SendBinary(request.SerializeAsString())) {
    last_error_ = "send: " + ec.message();
    return false;
  }
  // List updates may come before the answer; a handful at most.
  for (int i = 0; i < 64; ++i) {
    if (!Receive(std::chrono::seconds(10), answer)) return false;
    if ((answer.has_police_history() && answer.police_history().request_id() == id) ||
        (answer.has_miner_card_holder() && answer.miner_card_holder().request_id() == id)) {
      return true;
    }
    if (answer.has_error()) {
      last_error_ = "refused: " + answer.error().ShortDebugString();
      return false;
    }
  }
  last_error_ = "no answer to request " + std::to_string(id);
  return false;
}

void RecordingKiosk::Drain(std::chrono::milliseconds quiet, std::chrono::milliseconds bound) {
  const auto deadline = std::chrono::steady_clock::now() + bound;
  while (ws_ && std::chrono::steady_clock::now() < deadline) {
    v1::ServerFrame frame;
    if (!Receive(quiet, frame)) return;  // quiet for `quiet`, or the session ended
  }
}

HttpResult RecordingKiosk::SignedGet(const std::string& target, const std::string& channel) {
  auto client = HttpClient::Connect(options_);
  if (!client) {
    last_error_ = "https: " + client.error().message();
    return {};
  }
  auto answer = client.value()->RequestWithHeaders(
      "GET", target,
      {{"authorization",
        auth::AuthorizationHeader(key_, device_id_, "GET", target, base::NowMs())}});
  if (!answer) {
    last_error_ = "https: " + answer.error().message();
    return {};
  }
  Keep(channel, answer.value());
  return answer.value();
}

v1::Event RecordingKiosk::NextEvent(std::int64_t at_ms) {
  v1::Event event;
  event.set_event_id(RandomEventId());
  event.set_device_id(device_id_);
  event.set_device_seq(++seq_);
  event.set_occurred_at_ms(at_ms);
  event.set_site_id(site_id_);
  event.set_gate_id(gate_id_);
  event.set_agent_id(kSimAgent);
  return event;
}

v1::Event RecordingKiosk::Seal(const v1::Event& event) const {
  v1::Event sealed = event;
  if (!SealBody(sealed, sealing_public_key_, sealing_key_id_)) {
    // An empty box: refused by the server as SEALED_BODY_INVALID, the test sees it.
    sealed.mutable_sealed()->set_recipient_key_id(sealing_key_id_);
  }
  return sealed;
}

std::vector<v1::ServerFrame> RecordingKiosk::Frames() const {
  std::vector<v1::ServerFrame> frames;
  for (const DownMessage& message : received_) {
    if (message.channel != "stream") continue;
    v1::ServerFrame frame;
    if (frame.ParseFromString(message.bytes)) frames.push_back(std::move(frame));
  }
  return frames;
}

}  // namespace minegate::test
