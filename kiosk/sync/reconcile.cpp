#include "kiosk/sync/reconcile.hpp"

#include <boost/asio/post.hpp>

#include "kiosk/net/https_request.hpp"
#include "kiosk/sync/json_answer.hpp"
#include "proto/auth/device_auth.hpp"

namespace minegate::kiosk::sync {
namespace {

std::int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

void AsyncReconcile(boost::asio::io_context& io, const ServerAddress& server,
                    const credential::SigningKey& key, const std::string& device_id,
                    std::function<void(Answer<v1::ReconcileReport>)> done,
                    std::chrono::milliseconds timeout) {
  auto endpoint = ToEndpoint(server);
  if (!endpoint || device_id.empty()) {
    const auto ec = endpoint ? make_error_code(Errc::bad_options) : endpoint.error();
    boost::asio::post(io, [done = std::move(done), ec] { done(ErrorFromCode(ec)); });
    return;
  }
  net::HttpsRequest request;
  request.method = "GET";
  request.target = "/v1/devices/" + device_id + "/reconcile";
  request.headers.emplace_back(
      "Authorization", auth::AuthorizationHeader(key, device_id, "GET", request.target, NowMs()));
  request.timeout = timeout;
  net::AsyncHttps(io, endpoint.value(), std::move(request),
                  [done = std::move(done)](net::Result<net::HttpsResponse> response) {
                    done(JsonAnswer<v1::ReconcileReport>(response));
                  });
}

}  // namespace minegate::kiosk::sync
