#include "kiosk/ui_server/ui_server.hpp"

#include <google/protobuf/util/json_util.h>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/address.hpp>
#include <vector>

#include "kiosk/ui_server/ui_http_policy.hpp"
#include "kiosk/ui_server/ui_listener.hpp"
#include "kiosk/ui_server/ui_server_state.hpp"
#include "minegate/v1/kiosk_ui.pb.h"

namespace minegate::kiosk::net {
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

std::shared_ptr<const std::string> ToJson(const v1::UiUpdate& update) {
  auto json = std::make_shared<std::string>();
  // Serialising a well-formed message cannot fail (no Any, no unknown enum names are emitted).
  (void)google::protobuf::util::MessageToJsonString(update, json.get());
  return json;
}

}  // namespace

UiServer::UiServer(asio::io_context& io, UiServerOptions options, UiHandlers handlers)
    : state_(
          std::make_shared<internal::UiServerState>(io, std::move(options), std::move(handlers))) {}

UiServer::~UiServer() { Stop(); }

Result<std::uint16_t> UiServer::Start() {
  if (state_->stopping) return UiErrc::stopped;
  if (state_->started) return UiErrc::already_started;
  if (!IsWellFormedPageToken(state_->options.page_token)) return UiErrc::bad_page_token;
  boost::system::error_code ec;
  const asio::ip::address address = asio::ip::make_address(state_->options.address, ec);
  if (ec) return UiErrc::bad_address;
  // The page is for the screen attached to the box: never offer it to the network.
  if (!address.is_loopback()) return UiErrc::non_loopback_address;
  auto listener = std::make_shared<internal::UiListener>(state_);
  auto bound = listener->Open(tcp::endpoint(address, state_->options.port));
  if (!bound) return bound.error();
  state_->started = true;
  state_->port = bound.value().port();
  state_->bound_address = address.to_string();
  listener_ = std::move(listener);
  listener_->Run();
  return state_->port;
}

void UiServer::Send(ClientId client, const v1::UiUpdate& update) {
  asio::dispatch(state_->strand, [state = state_, client, json = ToJson(update)]() mutable {
    const auto it = state->clients.find(client);
    if (it == state->clients.end()) return;
    if (auto link = it->second.lock()) link->EnqueueText(std::move(json));
  });
}

void UiServer::Broadcast(const v1::UiUpdate& update) {
  asio::dispatch(state_->strand, [state = state_, json = ToJson(update)] {
    // A client may leave while we enqueue (its queue overflows): walk a copy.
    std::vector<std::shared_ptr<internal::UiClientLink>> links;
    links.reserve(state->clients.size());
    for (const auto& [id, weak] : state->clients) {
      if (auto link = weak.lock()) links.push_back(std::move(link));
    }
    for (const auto& link : links) link->EnqueueText(json);
  });
}

void UiServer::Stop() {
  asio::dispatch(state_->strand, [state = state_, listener = listener_] {
    if (state->stopping) return;
    state->stopping = true;
    if (listener) listener->Close();
    // Shutdown may erase from the map (an HTTP session closing at once): walk a copy.
    std::vector<std::shared_ptr<internal::UiConnection>> connections;
    for (const auto& [id, weak] : state->connections) {
      if (auto connection = weak.lock()) connections.push_back(std::move(connection));
    }
    for (const auto& connection : connections) connection->Shutdown();
  });
}

std::size_t UiServer::client_count() const { return state_->client_count.load(); }

}  // namespace minegate::kiosk::net
