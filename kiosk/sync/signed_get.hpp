#pragma once
/// A GET to the server signed by the device key (docs/protocol.md §7): the one way the kiosk
/// asks the server something outside the sync stream (reconcile figures, a person search).
/// The signature covers the method, the whole target (query included), the time and the device.

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <chrono>
#include <functional>
#include <string>

#include "base/clock.hpp"
#include "kiosk/server_link/https_request.hpp"
#include "kiosk/sync/json_answer.hpp"
#include "kiosk/sync/server_address.hpp"
#include "kiosk/sync/sync_error.hpp"
#include "proto/auth/device_auth.hpp"
#include "proto/credential/signing_key.hpp"

namespace minegate::kiosk::sync {

/// `done` runs on `io`'s thread with the JSON answer decoded as `Message`, or why not.
template <class Message>
void AsyncSignedGet(boost::asio::io_context& io, const ServerAddress& server,
                    const credential::SigningKey& key, const std::string& device_id,
                    std::string target, std::function<void(Answer<Message>)> done,
                    std::chrono::milliseconds timeout) {
  auto endpoint = ToEndpoint(server);
  if (!endpoint || device_id.empty()) {
    const auto ec = endpoint ? make_error_code(Errc::bad_options) : endpoint.error();
    boost::asio::post(io, [done = std::move(done), ec] { done(ErrorFromCode(ec)); });
    return;
  }
  const std::int64_t now_ms = base::NowMs();
  net::HttpsRequest request;
  request.method = "GET";
  request.target = std::move(target);
  request.headers.emplace_back(
      "Authorization", auth::AuthorizationHeader(key, device_id, "GET", request.target, now_ms));
  request.timeout = timeout;
  net::AsyncHttps(io, endpoint.value(), std::move(request),
                  [done = std::move(done)](net::Result<net::HttpsResponse> response) {
                    done(JsonAnswer<Message>(response));
                  });
}

}  // namespace minegate::kiosk::sync
