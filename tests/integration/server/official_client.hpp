// An official's HTTPS client for the real minegate-server: signs in, keeps the session cookie
// and CSRF token, and sends them (the token only on state changes, as the page does).
#pragma once

#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "minegate/v1/api.pb.h"
#include "tests/support/net/ws_test_client.hpp"

namespace minegate::test {

class OfficialClient {
 public:
  explicit OfficialClient(const ClientOptions& options) {
    auto client = HttpClient::Connect(options);
    EXPECT_TRUE(client) << client.error().message();
    if (client) client_ = std::move(client).value();
  }

  /// Signs in; the answer (200 with SessionInfo, or the refusal).
  HttpResult SignIn(const std::string& user_id, const std::string& password) {
    const std::string body = R"({"userId":")" + user_id + R"(","password":")" + password + R"("})";
    HttpResult result = Send("POST", "/v1/session", body, {});
    if (result.status == 200) {
      const std::string set_cookie = result.Header("set-cookie");
      cookie_ = set_cookie.substr(0, set_cookie.find(';'));
      v1::SessionInfo info;
      EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(result.body, &info).ok());
      csrf_ = info.csrf_token();
    }
    return result;
  }

  /// Sends with the session cookie (when signed in), the CSRF token on a state change, a bearer
  /// token when set, and a JSON body when `body` is not empty.
  HttpResult Call(const std::string& method, const std::string& target,
                  const std::string& body = {}) {
    std::vector<std::pair<std::string, std::string>> headers;
    if (!cookie_.empty()) headers.emplace_back("Cookie", cookie_);
    if (!bearer_.empty()) headers.emplace_back("Authorization", "Bearer " + bearer_);
    if (!csrf_.empty() && method != "GET" && method != "HEAD") {
      headers.emplace_back("X-CSRF-Token", csrf_);
    }
    return Send(method, target, body, headers);
  }

  /// Sends exactly `headers` (no cookie or token of its own): to test what the server makes of
  /// a missing or wrong one.
  HttpResult Raw(const std::string& method, const std::string& target,
                 const std::vector<std::pair<std::string, std::string>>& headers,
                 const std::string& body = {}) {
    return Send(method, target, body, headers);
  }

  void UseBearer(std::string token) {
    bearer_ = std::move(token);
    cookie_.clear();
    csrf_.clear();
  }
  const std::string& cookie() const { return cookie_; }
  const std::string& csrf() const { return csrf_; }

 private:
  HttpResult Send(const std::string& method, const std::string& target, const std::string& body,
                  const std::vector<std::pair<std::string, std::string>>& headers) {
    if (!client_) return {};
    auto result = client_->RequestWithHeaders(method, target, headers, body,
                                              body.empty() ? "" : "application/json");
    EXPECT_TRUE(result) << method << " " << target << ": " << result.error().message();
    return result ? result.value() : HttpResult{};
  }

  std::unique_ptr<HttpClient> client_;
  std::string cookie_;
  std::string csrf_;
  std::string bearer_;
};

}  // namespace minegate::test
