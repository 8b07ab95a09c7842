#include "kiosk/sync/person_search.hpp"

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

/// RFC 3986 unreserved characters pass; every other byte is %XX.
std::string Encode(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
        (byte >= '0' && byte <= '9') || byte == '-' || byte == '.' || byte == '_' || byte == '~') {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 0x0F]);
    }
  }
  return out;
}

}  // namespace

std::string PersonCandidatesTarget(const std::string& device_id,
                                   const v1::PersonCandidatesQuery& query) {
  std::string target = "/v1/devices/" + device_id +
                       "/person-candidates?agent_id=" + Encode(query.agent_id()) +
                       "&given_name=" + Encode(query.given_name());
  if (!query.family_name().empty()) target += "&family_name=" + Encode(query.family_name());
  target +=
      "&birth_year=" + std::to_string(query.birth_year()) + "&sex=" + v1::Sex_Name(query.sex());
  return target;
}

void AsyncFindCandidates(boost::asio::io_context& io, const ServerAddress& server,
                         const credential::SigningKey& key, const std::string& device_id,
                         const v1::PersonCandidatesQuery& query,
                         std::function<void(Answer<v1::PersonCandidates>)> done,
                         std::chrono::milliseconds timeout) {
  auto endpoint = ToEndpoint(server);
  if (!endpoint || device_id.empty()) {
    const auto ec = endpoint ? make_error_code(Errc::bad_options) : endpoint.error();
    boost::asio::post(io, [done = std::move(done), ec] { done(ErrorFromCode(ec)); });
    return;
  }
  net::HttpsRequest request;
  request.method = "GET";
  request.target = PersonCandidatesTarget(device_id, query);
  request.headers.emplace_back(
      "Authorization", auth::AuthorizationHeader(key, device_id, "GET", request.target, NowMs()));
  request.timeout = timeout;
  net::AsyncHttps(io, endpoint.value(), std::move(request),
                  [done = std::move(done)](net::Result<net::HttpsResponse> response) {
                    done(JsonAnswer<v1::PersonCandidates>(response));
                  });
}

}  // namespace minegate::kiosk::sync
