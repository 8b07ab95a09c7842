// StaticSite on the fixture assets: the shell at every page path, versioned assets with their
// caching, ETag and 304, gzip negotiation, HEAD, and what is not served.

#include "server/web/static_site.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "server/web/pages.hpp"
#include "tests/unit/server_web/fixture_assets.hpp"
#include "tests/unit/server_web/gunzip.hpp"

namespace minegate::server::web {
namespace {

using test::web::FixtureAssets;
using test::web::Gunzip;

/// The value of the response's header `name` (exact case, as StaticSite writes it), or nullptr;
/// fails the test if it appears twice.
const std::string* HeaderOf(const net::HttpResponse& response, std::string_view name) {
  const std::string* found = nullptr;
  for (const auto& [key, value] : response.headers) {
    if (key != name) continue;
    EXPECT_EQ(found, nullptr) << name << " twice";
    found = &value;
  }
  return found;
}

std::string HeaderText(const net::HttpResponse& response, std::string_view name) {
  const std::string* value = HeaderOf(response, name);
  return value == nullptr ? "<absent>" : *value;
}

net::HttpRequest Get(std::string path, std::map<std::string, std::string, std::less<>> headers = {},
                     std::string method = "GET") {
  net::HttpRequest request;
  request.method = std::move(method);
  request.target = path;
  request.path = std::move(path);
  request.headers = std::move(headers);
  request.tls = true;
  return request;
}

const EmbeddedAsset& Fixture(std::string_view path) {
  for (const EmbeddedAsset& asset : FixtureAssets()) {
    if (asset.path == path) return asset;
  }
  throw std::logic_error("no fixture " + std::string(path));
}

class StaticSiteTest : public ::testing::Test {
 protected:
  StaticSite site_{FixtureAssets()};
  std::string Versioned(std::string_view path) const {
    return site_.StaticPrefix() + std::string(path);
  }
};

TEST_F(StaticSiteTest, BuildHashNamesThePrefixAndEveryAssetButTheShell) {
  EXPECT_EQ(site_.BuildHash().size(), 20U);
  EXPECT_EQ(site_.BuildHash().find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(site_.StaticPrefix(), "/static/" + site_.BuildHash());
  const std::vector<std::string> expected = {Versioned("/app.js"), Versioned("/i18n/fr.json"),
                                             Versioned("/noise.png"), Versioned("/style.css"),
                                             Versioned("/tiny.json")};
  EXPECT_EQ(site_.AssetPaths(), expected);
  for (const std::string& path : expected) EXPECT_TRUE(site_.Serves(path)) << path;
  EXPECT_FALSE(site_.Serves(Versioned("/index.html")));
  EXPECT_FALSE(site_.Serves("/app.js"));
}

TEST_F(StaticSiteTest, BuildHashFollowsEveryByte) {
  EXPECT_EQ(StaticSite(FixtureAssets()).BuildHash(), site_.BuildHash());
  std::vector<EmbeddedAsset> changed(FixtureAssets().begin(), FixtureAssets().end());
  const std::string edited = std::string(Fixture("/tiny.json").bytes) + " ";
  for (EmbeddedAsset& asset : changed) {
    if (asset.path == "/tiny.json") asset.bytes = edited;
  }
  EXPECT_NE(StaticSite(changed).BuildHash(), site_.BuildHash());
}

TEST_F(StaticSiteTest, ShellAtEveryPagePathNamesThePrefixAndIsRevalidated) {
  std::string etag;
  for (const Page& page : Pages()) {
    const net::HttpResponse response = site_.Serve(Get(std::string(page.path)));
    ASSERT_EQ(response.status, 200) << page.path;
    EXPECT_EQ(response.content_type, "text/html; charset=utf-8");
    EXPECT_EQ(HeaderText(response, "Cache-Control"), "no-cache");
    EXPECT_EQ(HeaderOf(response, "Vary"), nullptr);
    EXPECT_EQ(HeaderOf(response, "Content-Encoding"), nullptr);
    EXPECT_NE(response.body.find("href=\"" + Versioned("/style.css") + "\""), std::string::npos);
    EXPECT_NE(response.body.find("src=\"" + Versioned("/app.js") + "\""), std::string::npos);
    EXPECT_EQ(response.body.find(StaticSite::kPrefixPlaceholder), std::string::npos);
    if (etag.empty()) etag = HeaderText(response, "ETag");
    EXPECT_EQ(HeaderText(response, "ETag"), etag) << "one shell, one tag";
  }
  EXPECT_EQ(etag.size(), 34U);
  EXPECT_TRUE(site_.Serves("/admin/users"));
  EXPECT_FALSE(site_.Serves("/admin/nothing"));
}

TEST_F(StaticSiteTest, ShellRevalidationGets304) {
  const std::string etag = HeaderText(site_.Serve(Get("/")), "ETag");
  const net::HttpResponse response = site_.Serve(Get("/audit", {{"if-none-match", etag}}));
  EXPECT_EQ(response.status, 304);
  EXPECT_EQ(response.body, "");
  EXPECT_EQ(HeaderText(response, "ETag"), etag);
  EXPECT_EQ(HeaderText(response, "Cache-Control"), "no-cache");
}

TEST_F(StaticSiteTest, AssetIdentityWhenGzipNotAsked) {
  const net::HttpResponse response = site_.Serve(Get(Versioned("/app.js")));
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(response.body, Fixture("/app.js").bytes);
  EXPECT_EQ(response.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(HeaderText(response, "Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(HeaderText(response, "Vary"), "Accept-Encoding");
  EXPECT_EQ(HeaderOf(response, "Content-Encoding"), nullptr);
  const std::string etag = HeaderText(response, "ETag");
  EXPECT_EQ(etag.size(), 34U);
  EXPECT_EQ(etag.front(), '"');
  EXPECT_EQ(etag.back(), '"');
}

TEST_F(StaticSiteTest, AssetGzipWhenAccepted) {
  const net::HttpResponse plain = site_.Serve(Get(Versioned("/style.css")));
  const net::HttpResponse gzip =
      site_.Serve(Get(Versioned("/style.css"), {{"accept-encoding", "gzip, deflate, br"}}));
  ASSERT_EQ(gzip.status, 200);
  EXPECT_EQ(HeaderText(gzip, "Content-Encoding"), "gzip");
  EXPECT_EQ(HeaderText(gzip, "Vary"), "Accept-Encoding");
  EXPECT_EQ(gzip.content_type, "text/css; charset=utf-8");
  EXPECT_LT(gzip.body.size(), plain.body.size());
  EXPECT_EQ(Gunzip(gzip.body), plain.body);
  EXPECT_NE(HeaderText(gzip, "ETag"), HeaderText(plain, "ETag")) << "two forms, two strong tags";
}

TEST_F(StaticSiteTest, GzipRefusedWithZeroWeight) {
  const net::HttpResponse response =
      site_.Serve(Get(Versioned("/app.js"), {{"accept-encoding", "gzip;q=0, identity"}}));
  EXPECT_EQ(HeaderOf(response, "Content-Encoding"), nullptr);
  EXPECT_EQ(response.body, Fixture("/app.js").bytes);
}

TEST_F(StaticSiteTest, NoGzipFormWhenItWouldNotBeSmaller) {
  for (const char* path : {"/noise.png", "/tiny.json"}) {
    EXPECT_TRUE(Fixture(path).gzip.empty()) << path;
    const net::HttpResponse response =
        site_.Serve(Get(Versioned(path), {{"accept-encoding", "gzip"}}));
    ASSERT_EQ(response.status, 200) << path;
    EXPECT_EQ(response.body, Fixture(path).bytes) << path;
    EXPECT_EQ(HeaderOf(response, "Content-Encoding"), nullptr) << path;
    EXPECT_EQ(HeaderOf(response, "Vary"), nullptr) << path << ": one form, nothing varies";
  }
}

TEST_F(StaticSiteTest, EachFormRevalidatesAgainstItsOwnTag) {
  const std::string path = Versioned("/app.js");
  const std::string plain_tag = HeaderText(site_.Serve(Get(path)), "ETag");
  const std::string gzip_tag =
      HeaderText(site_.Serve(Get(path, {{"accept-encoding", "gzip"}})), "ETag");

  net::HttpResponse response = site_.Serve(Get(path, {{"if-none-match", plain_tag}}));
  EXPECT_EQ(response.status, 304);
  EXPECT_EQ(response.body, "");
  EXPECT_EQ(HeaderText(response, "ETag"), plain_tag);
  EXPECT_EQ(HeaderText(response, "Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(HeaderText(response, "Vary"), "Accept-Encoding");

  response = site_.Serve(Get(path, {{"if-none-match", gzip_tag}, {"accept-encoding", "gzip"}}));
  EXPECT_EQ(response.status, 304);
  EXPECT_EQ(HeaderText(response, "Content-Encoding"), "gzip");

  response = site_.Serve(
      Get(path, {{"if-none-match", "W/" + gzip_tag + ", \"x\""}, {"accept-encoding", "gzip"}}));
  EXPECT_EQ(response.status, 304) << "weak comparison for If-None-Match";

  // The tag of the other form is another representation: the full answer.
  response = site_.Serve(Get(path, {{"if-none-match", plain_tag}, {"accept-encoding", "gzip"}}));
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(Gunzip(response.body), Fixture("/app.js").bytes);

  response = site_.Serve(Get(path, {{"if-none-match", "\"0000\""}}));
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, Fixture("/app.js").bytes);

  response = site_.Serve(Get(path, {{"if-none-match", "*"}}));
  EXPECT_EQ(response.status, 304);
}

TEST_F(StaticSiteTest, HeadHasTheHeadersAndLengthButNoBody) {
  for (const std::string& accept : {std::string(), std::string("gzip")}) {
    std::map<std::string, std::string, std::less<>> headers;
    if (!accept.empty()) headers.emplace("accept-encoding", accept);
    const net::HttpResponse get = site_.Serve(Get(Versioned("/app.js"), headers));
    const net::HttpResponse head = site_.Serve(Get(Versioned("/app.js"), headers, "HEAD"));
    EXPECT_EQ(head.status, 200);
    EXPECT_EQ(head.body, "");
    EXPECT_EQ(HeaderText(head, "Content-Length"), std::to_string(get.body.size())) << accept;
    EXPECT_EQ(HeaderOf(get, "Content-Length"), nullptr) << "GET leaves it to the net layer";
    EXPECT_EQ(HeaderText(head, "ETag"), HeaderText(get, "ETag"));
    EXPECT_EQ(HeaderText(head, "Content-Encoding"), HeaderText(get, "Content-Encoding"));
    EXPECT_EQ(head.content_type, get.content_type);
  }
  const net::HttpResponse shell = site_.Serve(Get("/signin", {}, "HEAD"));
  EXPECT_EQ(shell.status, 200);
  EXPECT_EQ(shell.body, "");
  EXPECT_EQ(HeaderText(shell, "Content-Length"), std::to_string(site_.Serve(Get("/")).body.size()));
}

TEST_F(StaticSiteTest, UnknownPathsAre404) {
  const std::string other_build = "/static/" + std::string(20, '0') + "/app.js";
  for (const std::string& path :
       {Versioned("/nope.js"), other_build, std::string("/app.js"), Versioned("/index.html"),
        Versioned(""), Versioned("/"), std::string("/admin/nothing"), std::string("/index.html"),
        std::string("/static/"), Versioned("/i18n/../app.js"), Versioned("/APP.JS")}) {
    const net::HttpResponse response = site_.Serve(Get(path));
    EXPECT_EQ(response.status, 404) << path;
    EXPECT_NE(response.body.find("introuvable / "), std::string::npos);
    EXPECT_EQ(HeaderText(response, "X-Frame-Options"), "DENY") << path;
    EXPECT_EQ(HeaderOf(response, "ETag"), nullptr) << path;
  }
}

TEST_F(StaticSiteTest, OtherMethodsAre405) {
  for (const char* method : {"POST", "PUT", "DELETE", "OPTIONS"}) {
    const net::HttpResponse response = site_.Serve(Get(Versioned("/app.js"), {}, method));
    EXPECT_EQ(response.status, 405) << method;
    EXPECT_EQ(HeaderText(response, "Allow"), "GET, HEAD");
  }
}

TEST_F(StaticSiteTest, SecurityHeadersOnEveryAnswer) {
  const std::string etag = HeaderText(site_.Serve(Get("/")), "ETag");
  std::vector<net::HttpResponse> answers = {
      site_.Serve(Get("/")),
      site_.Serve(Get(Versioned("/app.js"), {{"accept-encoding", "gzip"}})),
      site_.Serve(Get("/", {{"if-none-match", etag}})),
      site_.Serve(Get("/nothing")),
      site_.Serve(Get("/", {}, "POST")),
      site_.ServeShell(Get("/admin"), 403)};
  for (const net::HttpResponse& response : answers) {
    EXPECT_NE(HeaderText(response, "Content-Security-Policy").find("default-src 'none'"),
              std::string::npos)
        << response.status;
    EXPECT_EQ(HeaderText(response, "X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(HeaderText(response, "Referrer-Policy"), "no-referrer");
    EXPECT_EQ(HeaderText(response, "X-Frame-Options"), "DENY");
    EXPECT_EQ(HeaderText(response, "Cross-Origin-Opener-Policy"), "same-origin");
    EXPECT_EQ(HeaderText(response, "Strict-Transport-Security"), "max-age=31536000");
  }
  net::HttpRequest plain = Get("/");
  plain.tls = false;
  EXPECT_EQ(HeaderOf(site_.Serve(plain), "Strict-Transport-Security"), nullptr);
}

TEST_F(StaticSiteTest, RefusedShellIsNeverCachedNorRevalidated) {
  const std::string etag = HeaderText(site_.Serve(Get("/")), "ETag");
  const net::HttpResponse response =
      site_.ServeShell(Get("/admin/users", {{"if-none-match", etag}}), 403);
  EXPECT_EQ(response.status, 403);
  EXPECT_EQ(response.body, site_.Serve(Get("/")).body);
  EXPECT_EQ(HeaderText(response, "Cache-Control"), "no-store");
  EXPECT_EQ(HeaderOf(response, "ETag"), nullptr);
}

TEST(StaticSiteStartUp, RefusesAssetsWithoutAUsableShell) {
  std::vector<EmbeddedAsset> assets(FixtureAssets().begin(), FixtureAssets().end());
  EXPECT_THROW(StaticSite(assets, "/missing.html"), std::invalid_argument);
  std::erase_if(assets, [](const EmbeddedAsset& a) { return a.path == "/index.html"; });
  EXPECT_THROW(StaticSite{assets}, std::invalid_argument);
  assets.push_back({"/index.html", "text/html; charset=utf-8", "<p>no prefix</p>", ""});
  EXPECT_THROW(StaticSite{assets}, std::invalid_argument);
}

}  // namespace
}  // namespace minegate::server::web
