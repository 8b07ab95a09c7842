#include "kiosk/sync/enrolment.hpp"

#include <google/protobuf/util/json_util.h>

#include <boost/asio/post.hpp>
#include <optional>

#include "kiosk/server_link/https_request.hpp"
#include "kiosk/sync/json_answer.hpp"

namespace minegate::kiosk::sync {

void AsyncEnrol(boost::asio::io_context& io, const ServerAddress& server, const std::string& code,
                const credential::PublicKey& public_key,
                std::function<void(Answer<v1::EnrolmentResponse>)> done,
                std::chrono::milliseconds timeout) {
  auto endpoint = ToEndpoint(server);
  if (!endpoint) {
    // Reported like every other outcome: from the io_context, never from inside this call.
    boost::asio::post(io,
                      [done = std::move(done), ec = endpoint.error()] { done(ErrorFromCode(ec)); });
    return;
  }
  v1::EnrolmentRequest body;
  body.set_code(code);
  body.set_public_key(std::string(public_key.begin(), public_key.end()));
  net::HttpsRequest request;
  request.method = "POST";
  request.target = "/v1/devices/enroll";
  request.content_type = "application/json";
  (void)google::protobuf::util::MessageToJsonString(body, &request.body);
  request.timeout = timeout;
  net::AsyncHttps(io, endpoint.value(), std::move(request),
                  [done = std::move(done)](net::Result<net::HttpsResponse> response) {
                    auto answer = JsonAnswer<v1::EnrolmentResponse>(response);
                    // An enrolment that names no device is not an answer the kiosk can use.
                    if (answer && answer.value().device_id().empty()) return done(BadResponse());
                    done(std::move(answer));
                  });
}

Answer<v1::EnrolmentResponse> Enrol(const ServerAddress& server, const std::string& code,
                                    const credential::PublicKey& public_key,
                                    std::chrono::milliseconds timeout) {
  boost::asio::io_context io;
  std::optional<Answer<v1::EnrolmentResponse>> result;
  AsyncEnrol(
      io, server, code, public_key,
      [&result](Answer<v1::EnrolmentResponse> answer) { result.emplace(std::move(answer)); },
      timeout);
  io.run();
  return std::move(result).value();
}

}  // namespace minegate::kiosk::sync
