#include "tests/support/sim_kiosk.hpp"

#include <google/protobuf/util/json_util.h>
#include <sodium.h>

#include "base/clock.hpp"
#include "proto/auth/device_auth.hpp"
#include "tests/support/kiosk_seal.hpp"

namespace minegate::test {
namespace {

boost::system::error_code Failure() { return make_error_code(boost::system::errc::protocol_error); }

/// The gate agent ServerProcess creates.
constexpr char kAgentId[] = "agent.sim";

}  // namespace

std::string NewEventId() {
  std::string id(16, '\0');
  randombytes_buf(id.data(), id.size());
  const auto ms = static_cast<std::uint64_t>(base::NowMs());
  for (int i = 0; i < 6; ++i)
    id[static_cast<std::size_t>(i)] = static_cast<char>(ms >> (40 - 8 * i));
  id[6] = static_cast<char>(0x70 | (id[6] & 0x0F));
  id[8] = static_cast<char>(0x80 | (id[8] & 0x3F));
  return id;
}

SimulatedKiosk::SimulatedKiosk(ClientOptions options)
    : options_(std::move(options)), key_(credential::SigningKey::Generate().value()) {}

SimulatedKiosk::SimulatedKiosk(ClientOptions options, credential::SigningKey key)
    : options_(std::move(options)), key_(std::move(key)) {}

Result<v1::EnrolmentResponse> SimulatedKiosk::Enrol(const std::string& code) {
  v1::EnrolmentRequest request;
  request.set_code(code);
  request.set_public_key(std::string(key_.public_key().begin(), key_.public_key().end()));
  std::string body;
  (void)google::protobuf::util::MessageToJsonString(request, &body);
  auto result = HttpPost(options_, "/v1/devices/enroll", body, "application/json");
  if (!result) return result.error();
  if (result.value().status != 200) return Failure();
  v1::EnrolmentResponse response;
  if (!google::protobuf::util::JsonStringToMessage(result.value().body, &response).ok()) {
    return Failure();
  }
  SetIdentity(response.device_id(), response.site_id(), response.gate_id());
  sealing_public_key_ = response.sealing_public_key();
  sealing_key_id_ = response.sealing_key_id();
  return response;
}

Result<v1::Welcome> SimulatedKiosk::Connect(std::uint64_t last_acked_seq) {
  pending_.clear();
  auto ws = WsClient::Connect(options_, "/v1/kiosk/stream");
  if (!ws) return ws.error();
  ws_ = std::move(ws).value();
  auto challenge = Next();
  if (!challenge) return challenge.error();
  if (!challenge.value().has_challenge()) return Failure();
  v1::KioskFrame hello;
  hello.mutable_hello()->set_device_id(device_id_);
  hello.mutable_hello()->set_software_version("sim-kiosk");
  hello.mutable_hello()->set_last_acked_seq(last_acked_seq);
  const auto signature =
      key_.Sign(auth::HelloSignedBytes(challenge.value().challenge().nonce(), device_id_));
  hello.mutable_hello()->set_signature(std::string(signature.begin(), signature.end()));
  if (auto ec = ws_->SendBinary(hello.SerializeAsString())) return ec;
  auto welcome = Next();
  if (!welcome) return welcome.error();
  if (!welcome.value().has_welcome()) {
    pending_.push_back(welcome.value());
    return Failure();
  }
  sealing_public_key_ = welcome.value().welcome().sealing_public_key();
  sealing_key_id_ = welcome.value().welcome().sealing_key_id();
  return welcome.value().welcome();
}

boost::system::error_code SimulatedKiosk::Send(const std::vector<v1::Event>& events) {
  v1::KioskFrame frame;
  for (const auto& event : events) *frame.mutable_batch()->add_events() = event;
  return ws_->SendBinary(frame.SerializeAsString());
}

Result<v1::ServerFrame> SimulatedKiosk::Next(std::chrono::milliseconds timeout) {
  auto message = ws_->Receive(timeout);
  if (!message) return message.error();
  v1::ServerFrame frame;
  if (message.value().text || !frame.ParseFromString(message.value().data)) return Failure();
  return frame;
}

Result<v1::Ack> SimulatedKiosk::SendAndWaitAck(const std::vector<v1::Event>& events,
                                               std::chrono::milliseconds timeout) {
  if (auto ec = Send(events)) return ec;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    auto frame = Next(std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now()));
    if (!frame) return frame.error();
    if (frame.value().has_ack()) return frame.value().ack();
    pending_.push_back(frame.value());
    if (frame.value().has_error()) return Failure();
  }
  return make_error_code(boost::system::errc::timed_out);
}

bool SimulatedKiosk::StreamPipelined(const std::vector<v1::Event>& events, std::size_t batch,
                                     int window, std::chrono::milliseconds timeout) {
  std::size_t sent = 0;
  int in_flight = 0;
  std::uint64_t acked = 0;
  const std::uint64_t last = events.empty() ? 0 : events.back().device_seq();
  while (acked < last) {
    while (sent < events.size() && in_flight < window) {
      const std::vector<v1::Event> slice(
          events.begin() + static_cast<std::ptrdiff_t>(sent),
          events.begin() + static_cast<std::ptrdiff_t>(std::min(events.size(), sent + batch)));
      if (Send(slice)) return false;
      sent += slice.size();
      ++in_flight;
    }
    auto frame = Next(timeout);
    if (!frame) return false;
    if (frame.value().has_error()) return false;
    if (!frame.value().has_ack()) continue;  // a list update
    acked = frame.value().ack().acked_seq();
    --in_flight;
  }
  return true;
}

Result<v1::ReconcileReport> SimulatedKiosk::Reconcile() {
  const std::string path = "/v1/devices/" + device_id_ + "/reconcile";
  auto client = HttpClient::Connect(options_);
  if (!client) return client.error();
  auto result = client.value()->RequestWithHeaders(
      "GET", path,
      {{"authorization", auth::AuthorizationHeader(key_, device_id_, "GET", path, base::NowMs())}});
  if (!result) return result.error();
  if (result.value().status != 200) return Failure();
  v1::ReconcileReport report;
  if (!google::protobuf::util::JsonStringToMessage(result.value().body, &report).ok()) {
    return Failure();
  }
  return report;
}

void SimulatedKiosk::Disconnect() { ws_.reset(); }

v1::Event SimulatedKiosk::GatePassed(std::uint64_t seq) const {
  v1::Event event;
  event.set_event_id(NewEventId());
  event.set_device_id(device_id_);
  event.set_device_seq(seq);
  event.set_occurred_at_ms(base::NowMs());
  event.set_site_id(site_id_);
  event.set_gate_id(gate_id_ == 0 ? 1 : gate_id_);
  event.set_agent_id(kAgentId);
  auto* gate = event.mutable_gate_passed();
  gate->set_direction(seq % 2 == 1 ? v1::DIRECTION_IN : v1::DIRECTION_OUT);
  std::string uid = "\x04\x11\x22\x33\x44\x55";
  uid.push_back(static_cast<char>(seq & 0x7F));
  gate->set_tag_uid(uid);
  gate->set_verification(v1::VERIFICATION_VALID);
  std::string token(16, '\0');
  for (std::size_t i = 0; i < 8; ++i) token[i] = static_cast<char>(seq >> (8 * i));
  gate->set_person_token(token);
  return event;
}

v1::Event SimulatedKiosk::Seal(const v1::Event& event) const {
  v1::Event sealed = event;
  if (!SealBody(sealed, sealing_public_key_, sealing_key_id_)) {
    // Not sealed (no sealing key): an empty box, which the server refuses as SEALED_BODY_INVALID.
    sealed.mutable_sealed()->set_recipient_key_id(sealing_key_id_);
  }
  return sealed;
}

}  // namespace minegate::test
