// Routing on plain structs: no socket, no Beast.
#include "server/net/router.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <stdexcept>
#include <vector>

#include "server/net/http_types.hpp"
#include "server/net/route_pattern.hpp"

namespace minegate::server::net {
namespace {

HttpRequest Request(std::string method, std::string target) {
  HttpRequest request;
  request.method = std::move(method);
  request.target = std::move(target);
  const auto question = request.target.find('?');
  request.path = request.target.substr(0, question);
  if (question != std::string::npos) request.query = request.target.substr(question + 1);
  return request;
}

/// The router's answer to `request`, for handlers that answer at once.
HttpResponse Dispatch(const Router& router, const HttpRequest& request) {
  std::optional<HttpResponse> answer;
  router.Dispatch(request,
                  Responder([&answer](HttpResponse response) { answer = std::move(response); }));
  EXPECT_TRUE(answer.has_value());
  return answer.value_or(HttpResponse{});
}

/// A handler that answers "<name> <params...>".
Router::SyncHandler Echo(std::string name) {
  return [name](const HttpRequest&, const PathParams& params) {
    std::string body = name;
    for (const auto& [key, value] : params) body += " " + key + "=" + value;
    return HttpResponse::Text(200, body);
  };
}

TEST(RouterTest, ExactAndParameterisedRoutesMatch) {
  Router router;
  router.Add("GET", "/healthz", Echo("health"));
  router.Add("POST", "/v1/devices/{id}/reconcile", Echo("reconcile"));
  EXPECT_EQ(Dispatch(router, Request("GET", "/healthz")).body, "health");
  const auto response = Dispatch(router, Request("POST", "/v1/devices/kiosk%2D7/reconcile?x=1"));
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "reconcile id=kiosk-7");
}

TEST(RouterTest, UnknownPathIs404WithABilingualBody) {
  Router router;
  router.Add("GET", "/healthz", Echo("health"));
  const auto response = Dispatch(router, Request("GET", "/nope"));
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.body, "introuvable / not found\n");
  EXPECT_EQ(Dispatch(router, Request("GET", "/healthz/")).status, 404);
  EXPECT_EQ(Dispatch(router, Request("POST", "/v1/devices//reconcile")).status, 404);
}

TEST(RouterTest, WrongMethodIs405WithAllow) {
  Router router;
  router.Add("GET", "/v1/sites/{site}", Echo("get"));
  router.Add("PUT", "/v1/sites/{site}", Echo("put"));
  const auto response = Dispatch(router, Request("DELETE", "/v1/sites/3"));
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(response.body, "méthode non permise / method not allowed\n");
  ASSERT_EQ(response.headers.size(), 1u);
  EXPECT_EQ(response.headers[0].first, "Allow");
  EXPECT_EQ(response.headers[0].second, "GET, HEAD, PUT");
}

TEST(RouterTest, HeadGoesToTheGetRouteUnlessItHasItsOwn) {
  Router router;
  router.Add("GET", "/v1/audit/export.csv", [](const HttpRequest& request, const PathParams&) {
    return HttpResponse::Text(200, "get saw " + request.method);
  });
  router.Add("GET", "/own", Echo("get"));
  router.Add("HEAD", "/own", Echo("head"));
  router.Add("POST", "/post-only", Echo("post"));
  EXPECT_EQ(Dispatch(router, Request("HEAD", "/v1/audit/export.csv")).body, "get saw HEAD");
  EXPECT_EQ(Dispatch(router, Request("HEAD", "/own")).body, "head");
  const auto refused = Dispatch(router, Request("HEAD", "/post-only"));
  EXPECT_EQ(refused.status, 405);
  ASSERT_EQ(refused.headers.size(), 1u);
  EXPECT_EQ(refused.headers[0].second, "POST");
}

TEST(RouterTest, LiteralSegmentsBeatParameters) {
  Router router;
  router.Add("GET", "/v1/persons/{id}", Echo("by-id"));
  router.Add("GET", "/v1/persons/search", Echo("search"));
  EXPECT_EQ(Dispatch(router, Request("GET", "/v1/persons/search")).body, "search");
  EXPECT_EQ(Dispatch(router, Request("GET", "/v1/persons/42")).body, "by-id id=42");
}

TEST(RouterTest, StreamPathsAreFoundAndAPlainGetOnThemIs426) {
  Router router;
  router.AddStream("/v1/kiosk/stream",
                   [](const HttpRequest&, std::shared_ptr<StreamPeer>) { return nullptr; });
  EXPECT_NE(router.FindStream("/v1/kiosk/stream"), nullptr);
  EXPECT_EQ(router.FindStream("/v1/kiosk"), nullptr);
  const auto response = Dispatch(router, Request("GET", "/v1/kiosk/stream"));
  EXPECT_EQ(response.status, 426);
  EXPECT_EQ(Dispatch(router, Request("POST", "/v1/kiosk/stream")).status, 404);
}

TEST(RoutePatternTest, ARestSegmentCapturesTheRestOfThePath) {
  const auto pattern = RoutePattern::Parse("/static/{version}/{path...}");
  ASSERT_TRUE(pattern.has_value());
  const auto one = pattern->Match("/static/ab12/app.js");
  ASSERT_TRUE(one.has_value());
  EXPECT_EQ(one->at("version"), "ab12");
  EXPECT_EQ(one->at("path"), "app.js");
  const auto deep = pattern->Match("/static/ab12/js/pages/h%C3%A9.js");
  ASSERT_TRUE(deep.has_value());
  EXPECT_EQ(deep->at("path"), "js/pages/h\xC3\xA9.js");
  EXPECT_FALSE(pattern->Match("/static/ab12").has_value());
  EXPECT_FALSE(pattern->Match("/static/ab12/").has_value());
  EXPECT_FALSE(pattern->Match("/static/ab12/js//app.js").has_value());
  EXPECT_FALSE(pattern->Match("/static/ab12/a%2Fb.js").has_value());  // a decoded '/'
  EXPECT_FALSE(RoutePattern::Parse("/a/{rest...}/b").has_value());
  EXPECT_FALSE(RoutePattern::Parse("/a/{...}").has_value());
  EXPECT_FALSE(RoutePattern::Parse("/a/{x.y}").has_value());
}

TEST(RouterTest, AnAsyncHandlerAnswersLaterAndOnlyOnce) {
  Router router;
  std::optional<Responder> kept;
  router.AddAsync("GET", "/later", [&kept](HttpRequest, PathParams, Responder respond) {
    kept = std::move(respond);
  });
  std::vector<HttpResponse> answers;
  router.Dispatch(Request("GET", "/later"),
                  Responder([&answers](HttpResponse response) { answers.push_back(response); }));
  EXPECT_TRUE(answers.empty());
  ASSERT_TRUE(kept.has_value());
  (*kept)(HttpResponse::Text(202, "done"));
  (*kept)(HttpResponse::Text(200, "again"));
  ASSERT_EQ(answers.size(), 1U);
  EXPECT_EQ(answers[0].status, 202);
}

TEST(RouterTest, AHandlerThatDropsItsResponderGivesA500) {
  Router router;
  router.AddAsync("GET", "/forgot", [](HttpRequest, PathParams, Responder) {});
  EXPECT_EQ(Dispatch(router, Request("GET", "/forgot")).status, 500);
}

TEST(RouterTest, RoutesListsEveryRouteAndStream) {
  Router router;
  router.Add("GET", "/healthz", Echo("health"));
  router.Add("POST", "/v1/sites/{site}", Echo("post"));
  router.AddStream("/v1/kiosk/stream",
                   [](const HttpRequest&, std::shared_ptr<StreamPeer>) { return nullptr; });
  const std::vector<RouteKey> expected = {
      {"GET", "/healthz"}, {"POST", "/v1/sites/{site}"}, {"GET", "/v1/kiosk/stream"}};
  EXPECT_EQ(router.Routes(), expected);
}

TEST(RouterTest, AHandlerThatThrowsGivesA500) {
  Router router;
  router.Add("GET", "/boom", [](const HttpRequest&, const PathParams&) -> HttpResponse {
    throw std::runtime_error("bug");
  });
  const auto response = Dispatch(router, Request("GET", "/boom"));
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(response.body, "erreur interne / internal error\n");
}

TEST(RouterTest, BadRegistrationsThrowAtStartUp) {
  Router router;
  router.Add("GET", "/a/{id}", Echo("a"));
  EXPECT_THROW(router.Add("GET", "/a/{id}", Echo("again")), std::invalid_argument);
  EXPECT_THROW(router.Add("GET", "no-slash", Echo("x")), std::invalid_argument);
  EXPECT_THROW(router.Add("GET", "/a//b", Echo("x")), std::invalid_argument);
  EXPECT_THROW(router.Add("GET", "/a/{id}/{id}", Echo("x")), std::invalid_argument);
  EXPECT_THROW(router.Add("GET", "/a/x{id}", Echo("x")), std::invalid_argument);
  EXPECT_THROW(router.Add("", "/b", Echo("x")), std::invalid_argument);
  EXPECT_THROW(router.AddStream("/s", nullptr), std::invalid_argument);
}

TEST(RoutePatternTest, RootAndDecoding) {
  auto root = RoutePattern::Parse("/");
  ASSERT_TRUE(root);
  EXPECT_TRUE(root->Match("/"));
  EXPECT_FALSE(root->Match("/x"));
  auto pattern = RoutePattern::Parse("/files/{name}");
  ASSERT_TRUE(pattern);
  EXPECT_EQ(pattern->Match("/files/a%20b")->at("name"), "a b");
  EXPECT_FALSE(pattern->Match("/files/bad%zz"));
  EXPECT_FALSE(pattern->Match("/files/"));
}

TEST(HttpTypesTest, QueryParametersAndHeaders) {
  HttpRequest request = Request("GET", "/search?name=Awa+Diallo&site=K%C3%A9dougou&flag");
  request.headers["content-type"] = "application/json";
  EXPECT_EQ(request.QueryParam("name"), "Awa Diallo");
  EXPECT_EQ(request.QueryParam("site"), "Kédougou");
  EXPECT_EQ(request.QueryParam("flag"), "");
  EXPECT_FALSE(request.QueryParam("missing"));
  ASSERT_NE(request.Header("content-type"), nullptr);
  EXPECT_EQ(*request.Header("content-type"), "application/json");
  EXPECT_EQ(request.Header("accept"), nullptr);
  EXPECT_FALSE(PercentDecode("%4"));
  EXPECT_EQ(HttpResponse::Error(400, "mauvais", "bad").body, "mauvais / bad\n");
}

}  // namespace
}  // namespace minegate::server::net
