// The kiosk's loopback UI server with real sockets: files and headers, the Host, Origin and
// page-token checks, the JSON WebSocket in both directions, and what ends one connection but not
// the others (binary or oversize messages, a page that stops reading).

#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/ui_server/ui_error.hpp"
#include "kiosk/ui_server/ui_http_policy.hpp"
#include "tests/integration/kiosk_ui_server/ui_server_fixture.hpp"
#include "tests/support/net/ui_test_client.hpp"
#include "tests/support/wait.hpp"

namespace minegate::test::ui {
namespace {

using namespace std::chrono_literals;
using kiosk::net::UiErrc;

std::string ReadSource(const std::string& relative) {
  std::ifstream in(std::string(KIOSK_UI_TEST_STATIC_DIR) + "/" + relative, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

v1::UiUpdate ParseUpdate(const std::string& json) {
  v1::UiUpdate update;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(json, &update, options).ok()) << json;
  return update;
}

void ExpectSecurityHeaders(const HttpReply& reply) {
  EXPECT_EQ(reply.Header("content-security-policy"),
            "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; "
            "script-src 'self'; frame-ancestors 'none'");
  EXPECT_EQ(reply.Header("x-content-type-options"), "nosniff");
  EXPECT_EQ(reply.Header("cache-control"), "no-store");
  EXPECT_EQ(reply.Header("referrer-policy"), "no-referrer");
}

/// A page as the real one connects: its own origin (from `host`) and kTestPageToken, unless
/// the test says otherwise.
WsClient::Options WsOptions(std::uint16_t port, std::string host = {},
                            std::optional<std::string> origin = std::nullopt,
                            std::optional<std::string> token = std::string(kTestPageToken)) {
  WsClient::Options options;
  options.port = port;
  options.host = std::move(host);
  options.origin =
      origin ? std::move(origin)
             : std::optional<std::string>(
                   "http://" + (options.host.empty() ? LoopbackHost(port) : options.host));
  options.token = std::move(token);
  return options;
}

kiosk::net::UiServerOptions ListenOn(const std::string& address, std::uint16_t port = 0) {
  kiosk::net::UiServerOptions options;
  options.address = address;
  options.port = port;
  options.page_token = kTestPageToken;
  return options;
}

/// A WebSocket upgrade of /ui/socket by hand, to read the server's whole answer.
Result<HttpReply> RawUpgrade(std::uint16_t port, std::optional<std::string> origin,
                             std::optional<std::string> protocols) {
  std::vector<std::pair<std::string, std::string>> headers = {
      {"Upgrade", "websocket"},
      {"Connection", "Upgrade"},
      {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="},
      {"Sec-WebSocket-Version", "13"}};
  if (origin) headers.emplace_back("Origin", *origin);
  if (protocols) headers.emplace_back("Sec-WebSocket-Protocol", *protocols);
  return HttpRequest(port, "GET", "/ui/socket", LoopbackHost(port), headers);
}

std::unique_ptr<WsClient> Connect(std::uint16_t port) {
  auto [client, refused] = WsClient::Connect(WsOptions(port));
  EXPECT_TRUE(client) << refused.ec.message() << " HTTP " << refused.status;
  return std::move(client);
}

v1::UiUpdate StateUpdate(const std::string& device_id) {
  v1::UiUpdate update;
  update.mutable_state()->set_device_id(device_id);
  update.mutable_state()->set_mode(v1::KIOSK_MODE_GATE);
  return update;
}

// ---------------------------------------------------------------------------- HTTP

TEST_F(UiServerTest, ServesEmbeddedFilesWithTheirTypesAndSecurityHeaders) {
  StartServer();
  const std::string host = LoopbackHost(port_);
  struct Case {
    const char* target;
    const char* source;
    const char* type;
  };
  for (const Case& c : {Case{"/", "index.html", "text/html; charset=utf-8"},
                        Case{"/index.html", "index.html", "text/html; charset=utf-8"},
                        Case{"/app.js", "app.js", "text/javascript; charset=utf-8"},
                        Case{"/style.css", "style.css", "text/css; charset=utf-8"},
                        Case{"/empty.css", "empty.css", "text/css; charset=utf-8"},
                        Case{"/i18n/fr.json", "i18n/fr.json", "application/json; charset=utf-8"},
                        Case{"/img/logo.svg", "img/logo.svg", "image/svg+xml"},
                        Case{"/img/pixel.png", "img/pixel.png", "image/png"},
                        Case{"/app.js?v=3", "app.js", "text/javascript; charset=utf-8"}}) {
    SCOPED_TRACE(c.target);
    auto reply = HttpRequest(port_, "GET", c.target, host);
    ASSERT_TRUE(reply) << reply.error().message();
    EXPECT_EQ(reply.value().status, 200);
    EXPECT_EQ(reply.value().Header("content-type"), c.type);
    const std::string expected = ReadSource(c.source);
    EXPECT_EQ(reply.value().body, expected);
    EXPECT_EQ(reply.value().Header("content-length"), std::to_string(expected.size()));
    ExpectSecurityHeaders(reply.value());
  }
  // The PNG is binary (NUL and high bytes): byte for byte.
  EXPECT_GT(ReadSource("img/pixel.png").size(), 60u);
}

TEST_F(UiServerTest, HeadAnswersTheLengthWithoutTheBody) {
  StartServer();
  auto reply = HttpRequest(port_, "HEAD", "/app.js", LoopbackHost(port_));
  ASSERT_TRUE(reply) << reply.error().message();
  EXPECT_EQ(reply.value().status, 200);
  EXPECT_EQ(reply.value().Header("content-length"), std::to_string(ReadSource("app.js").size()));
  EXPECT_EQ(reply.value().Header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_TRUE(reply.value().body.empty());

  auto missing = HttpRequest(port_, "HEAD", "/missing.js", LoopbackHost(port_));
  ASSERT_TRUE(missing) << missing.error().message();
  EXPECT_EQ(missing.value().status, 404);
  EXPECT_EQ(missing.value().Header("content-length"),
            std::to_string(std::string("introuvable / not found\n").size()));
  ExpectSecurityHeaders(missing.value());
}

TEST_F(UiServerTest, UnknownPathsAre404AndOtherMethods405) {
  StartServer();
  const std::string host = LoopbackHost(port_);
  for (const char* target : {"/missing.js", "/../CMakeLists.txt", "/i18n/../index.html",
                             "/%69ndex.html", "/i18n", "/i18n/", "/INDEX.HTML"}) {
    SCOPED_TRACE(target);
    auto reply = HttpRequest(port_, "GET", target, host);
    ASSERT_TRUE(reply) << reply.error().message();
    EXPECT_EQ(reply.value().status, 404);
    EXPECT_EQ(reply.value().body, "introuvable / not found\n");
    EXPECT_EQ(reply.value().Header("content-type"), "text/plain; charset=utf-8");
    ExpectSecurityHeaders(reply.value());
  }
  for (const char* method : {"POST", "PUT", "DELETE", "OPTIONS"}) {
    SCOPED_TRACE(method);
    auto reply = HttpRequest(port_, method, "/index.html", host);
    ASSERT_TRUE(reply) << reply.error().message();
    EXPECT_EQ(reply.value().status, 405);
    EXPECT_EQ(reply.value().body, "méthode non permise / method not allowed\n");
    EXPECT_EQ(reply.value().Header("allow"), "GET, HEAD");
  }
  // The socket path without an upgrade.
  auto reply = HttpRequest(port_, "GET", "/ui/socket", host);
  ASSERT_TRUE(reply) << reply.error().message();
  EXPECT_EQ(reply.value().status, 426);
}

TEST_F(UiServerTest, AcceptsOnlyHostsNamingTheServer) {
  StartServer();
  const std::string port = std::to_string(port_);
  for (const std::string& host : std::vector<std::string>{"127.0.0.1:" + port, "localhost:" + port,
                                                          "LocalHost:" + port, "[::1]:" + port}) {
    SCOPED_TRACE(host);
    auto reply = HttpRequest(port_, "GET", "/", host);
    ASSERT_TRUE(reply) << reply.error().message();
    EXPECT_EQ(reply.value().status, 200);
  }
  // DNS rebinding (a name that resolves to 127.0.0.1), another port, no port, no Host.
  for (const std::string& host :
       std::vector<std::string>{"attacker.example:" + port, "127.0.0.1.nip.io:" + port,
                                "127.0.0.1:" + std::to_string(port_ + 1), "127.0.0.1", "localhost",
                                "127.0.0.1:" + port + "@evil", std::string()}) {
    SCOPED_TRACE(host);
    auto reply = HttpRequest(port_, "GET", "/index.html", host);
    ASSERT_TRUE(reply) << reply.error().message();
    EXPECT_EQ(reply.value().status, 421);
    EXPECT_EQ(reply.value().body, "hôte non servi ici / host not served here\n");
    // Not a byte of the page.
    EXPECT_EQ(reply.value().body.find("<html"), std::string::npos);
    ExpectSecurityHeaders(reply.value());
  }
  // The WebSocket too.
  auto [client, refused] = WsClient::Connect(WsOptions(port_, "attacker.example:" + port));
  EXPECT_FALSE(client);
  EXPECT_EQ(refused.status, 421);
  EXPECT_TRUE(log_.opened().empty());
}

TEST_F(UiServerTest, UpgradesOnlyFromItsOwnOrigin) {
  StartServer();
  const std::string port = std::to_string(port_);
  for (const std::string& origin :
       std::vector<std::string>{"http://attacker.example", "http://attacker.example:" + port,
                                "null", "https://127.0.0.1:" + port, "http://localhost:" + port,
                                "http://127.0.0.1:" + port + "/", "file://"}) {
    SCOPED_TRACE(origin);
    auto [client, refused] = WsClient::Connect(WsOptions(port_, {}, origin));
    EXPECT_FALSE(client);
    EXPECT_EQ(refused.status, 403);
  }
  // No Origin at all: a local program (another account's, say), even with the right token.
  WsClient::Options no_origin = WsOptions(port_);
  no_origin.origin.reset();
  auto [anonymous, anonymous_refused] = WsClient::Connect(no_origin);
  EXPECT_FALSE(anonymous);
  EXPECT_EQ(anonymous_refused.status, 403);
  auto raw = RawUpgrade(port_, std::nullopt,
                        "minegate-ui-v1, minegate-token." + std::string(kTestPageToken));
  ASSERT_TRUE(raw) << raw.error().message();
  EXPECT_EQ(raw.value().status, 403);
  EXPECT_EQ(raw.value().body, "origine refusée / origin refused\n");
  EXPECT_TRUE(log_.opened().empty());
  EXPECT_EQ(server_->client_count(), 0u);

  auto [own, own_refused] = WsClient::Connect(WsOptions(port_, {}, "http://127.0.0.1:" + port));
  EXPECT_TRUE(own) << own_refused.ec.message() << " " << own_refused.status;
  auto [named, named_refused] =
      WsClient::Connect(WsOptions(port_, "localhost:" + port, "http://localhost:" + port));
  EXPECT_TRUE(named) << named_refused.ec.message() << " " << named_refused.status;
  ASSERT_TRUE(log_.WaitOpened(2));
  EXPECT_EQ(server_->client_count(), 2u);
}

TEST_F(UiServerTest, UpgradesOnlyWithThisStartsPageToken) {
  StartServer();
  const std::string own_origin = "http://" + LoopbackHost(port_);
  const std::string refusal =
      "jeton de page absent ou faux : ouvrez l'adresse du fichier page-url / "
      "page token missing or wrong: open the address in the page-url file\n";
  // No token, a wrong one, one a digit short or long, upper case, without the UI protocol.
  const std::string right = kTestPageToken;
  std::string wrong = right;
  wrong.back() = wrong.back() == '0' ? '1' : '0';
  for (const std::optional<std::string>& token :
       std::vector<std::optional<std::string>>{std::nullopt, "", wrong, right.substr(1),
                                               right + "0", "5EB63BBBE01EEED093CB22BB8F5ACDC3"}) {
    SCOPED_TRACE(token.value_or("(none)"));
    auto [client, refused] = WsClient::Connect(WsOptions(port_, {}, std::nullopt, token));
    EXPECT_FALSE(client);
    EXPECT_EQ(refused.status, 403);
  }
  for (const std::optional<std::string>& protocols : std::vector<std::optional<std::string>>{
           std::nullopt, "minegate-ui-v1", "minegate-token." + right,
           "minegate-ui-v1, minegate-token." + wrong}) {
    SCOPED_TRACE(protocols.value_or("(none)"));
    auto reply = RawUpgrade(port_, own_origin, protocols);
    ASSERT_TRUE(reply) << reply.error().message();
    EXPECT_EQ(reply.value().status, 403);
    EXPECT_EQ(reply.value().body, refusal);
    EXPECT_EQ(reply.value().Header("sec-websocket-protocol"), "");
    ExpectSecurityHeaders(reply.value());
  }
  EXPECT_TRUE(log_.opened().empty());

  // The right token: the upgrade goes through, answered with the UI protocol only (the token is
  // not echoed).
  auto accepted = RawUpgrade(port_, own_origin, "minegate-ui-v1, minegate-token." + right);
  ASSERT_TRUE(accepted) << accepted.error().message();
  EXPECT_EQ(accepted.value().status, 101);
  EXPECT_EQ(accepted.value().Header("sec-websocket-protocol"), "minegate-ui-v1");
  auto client = Connect(port_);
  ASSERT_TRUE(client);
  ASSERT_TRUE(log_.WaitOpened(2));
}

// ---------------------------------------------------------------------------- WebSocket

TEST_F(UiServerTest, RequestsReachTheHandlerParsed) {
  StartServer();
  auto client = Connect(port_);
  ASSERT_TRUE(client);
  ASSERT_TRUE(log_.WaitOpened(1));
  const kiosk::net::ClientId id = log_.opened().front();
  EXPECT_NE(id, 0u);

  ASSERT_FALSE(
      client->SendText(R"({"requestId":"7","signIn":{"userId":"agent-12","pin":"4821"}})"));
  ASSERT_FALSE(client->SendText(R"({"requestId":"8","setMode":{"mode":"KIOSK_MODE_CENSUS"}})"));
  ASSERT_TRUE(log_.WaitRequests(2));
  const auto requests = log_.requests();
  EXPECT_EQ(requests[0].first, id);
  EXPECT_EQ(requests[0].second.request_id(), 7u);
  ASSERT_TRUE(requests[0].second.has_sign_in());
  EXPECT_EQ(requests[0].second.sign_in().user_id(), "agent-12");
  EXPECT_EQ(requests[0].second.sign_in().pin(), "4821");
  EXPECT_EQ(requests[1].second.request_id(), 8u);
  EXPECT_EQ(requests[1].second.set_mode().mode(), v1::KIOSK_MODE_CENSUS);
}

TEST_F(UiServerTest, SendReachesOneClientAndBroadcastReachesAll) {
  StartServer();
  auto first = Connect(port_);
  auto second = Connect(port_);
  ASSERT_TRUE(first && second);
  ASSERT_TRUE(log_.WaitOpened(2));
  const auto ids = log_.opened();

  server_->Send(ids[1], StateUpdate("only-second"));
  server_->Broadcast(StateUpdate("everyone"));
  v1::UiUpdate reply;
  reply.mutable_reply()->set_request_id(99);
  reply.mutable_reply()->set_ok(true);
  server_->Send(ids[0], reply);

  // The first sees the broadcast then its reply; the second its own message then the broadcast.
  auto message = first->Receive();
  ASSERT_TRUE(message) << message.error().message();
  EXPECT_TRUE(message.value().text);
  EXPECT_EQ(ParseUpdate(message.value().data).state().device_id(), "everyone");
  EXPECT_EQ(ParseUpdate(message.value().data).state().mode(), v1::KIOSK_MODE_GATE);
  // Canonical JSON: lowerCamelCase names, enums by name.
  EXPECT_NE(message.value().data.find(R"("deviceId")"), std::string::npos);
  EXPECT_NE(message.value().data.find(R"("KIOSK_MODE_GATE")"), std::string::npos);
  message = first->Receive();
  ASSERT_TRUE(message) << message.error().message();
  EXPECT_EQ(ParseUpdate(message.value().data).reply().request_id(), 99u);

  message = second->Receive();
  ASSERT_TRUE(message) << message.error().message();
  EXPECT_EQ(ParseUpdate(message.value().data).state().device_id(), "only-second");
  message = second->Receive();
  ASSERT_TRUE(message) << message.error().message();
  EXPECT_EQ(ParseUpdate(message.value().data).state().device_id(), "everyone");

  // A client that has gone is skipped.
  first.reset();
  ASSERT_TRUE(log_.WaitClosed(1));
  EXPECT_EQ(log_.closed().front(), ids[0]);
  server_->Send(ids[0], StateUpdate("nobody"));
  server_->Broadcast(StateUpdate("again"));
  message = second->Receive();
  ASSERT_TRUE(message) << message.error().message();
  EXPECT_EQ(ParseUpdate(message.value().data).state().device_id(), "again");
}

TEST_F(UiServerTest, MalformedJsonGetsBadRequestAndTheConnectionStays) {
  StartServer();
  auto client = Connect(port_);
  ASSERT_TRUE(client);
  for (const char* bad :
       {"not json", "{", R"({"requestId":"1","noSuchField":{}})", R"({"requestId":"x"})",
        R"({"setMode":{"mode":"KIOSK_MODE_NOPE"}})", "[]", ""}) {
    SCOPED_TRACE(bad);
    ASSERT_FALSE(client->SendText(bad));
    auto message = client->Receive();
    ASSERT_TRUE(message) << message.error().message();
    const v1::UiUpdate update = ParseUpdate(message.value().data);
    ASSERT_TRUE(update.has_reply());
    EXPECT_EQ(update.reply().request_id(), 0u);
    EXPECT_FALSE(update.reply().ok());
    EXPECT_EQ(update.reply().error(), v1::UI_ERROR_CODE_BAD_REQUEST);
  }
  EXPECT_TRUE(log_.requests().empty());
  // Still usable.
  ASSERT_FALSE(client->SendText(R"({"requestId":"5","activity":{}})"));
  ASSERT_TRUE(log_.WaitRequests(1));
  EXPECT_TRUE(log_.requests().front().second.has_activity());
  EXPECT_TRUE(log_.closed().empty());
}

TEST_F(UiServerTest, BinaryMessageClosesThatConnectionOnly) {
  StartServer();
  auto bad = Connect(port_);
  auto good = Connect(port_);
  ASSERT_TRUE(bad && good);
  ASSERT_TRUE(log_.WaitOpened(2));
  ASSERT_FALSE(bad->SendBinary(R"({"requestId":"1","activity":{}})"));
  EXPECT_TRUE(IsClosedError(bad->WaitClosed()));
  EXPECT_EQ(bad->close_code(), 1003);
  ASSERT_TRUE(log_.WaitClosed(1));
  EXPECT_EQ(log_.closed().front(), log_.opened()[0]);
  EXPECT_TRUE(log_.requests().empty());

  ASSERT_FALSE(good->SendText(R"({"requestId":"2","activity":{}})"));
  ASSERT_TRUE(log_.WaitRequests(1));
  EXPECT_EQ(log_.requests().front().first, log_.opened()[1]);
  EXPECT_EQ(server_->client_count(), 1u);
}

// A handler that throws ends that page's connection at once (no close frame: nothing more is
// sent for a handler in an unknown state), on_close is told once, other pages go on.
TEST_F(UiServerTest, AHandlerThatThrowsDropsThatConnectionOnly) {
  StartServer();
  auto buggy = Connect(port_);
  auto other = Connect(port_);
  ASSERT_TRUE(buggy && other);
  ASSERT_TRUE(log_.WaitOpened(2));
  throw_on_request_ = true;
  ASSERT_FALSE(buggy->SendText(R"({"requestId":"1","activity":{}})"));
  ASSERT_TRUE(log_.WaitClosed(1));
  throw_on_request_ = false;
  EXPECT_EQ(log_.closed().front(), log_.opened()[0]);
  const auto ended = buggy->WaitClosed();
  EXPECT_NE(ended, boost::system::errc::make_error_code(boost::system::errc::timed_out));
  EXPECT_EQ(buggy->close_code(), 0);

  ASSERT_FALSE(other->SendText(R"({"requestId":"2","activity":{}})"));
  ASSERT_TRUE(log_.WaitRequests(2));
  server_->Broadcast(StateUpdate("still-here"));
  auto message = other->Receive();
  ASSERT_TRUE(message) << message.error().message();
  EXPECT_EQ(ParseUpdate(message.value().data).state().device_id(), "still-here");
  EXPECT_EQ(server_->client_count(), 1u);
  EXPECT_EQ(log_.closed().size(), 1u);
}

TEST_F(UiServerTest, OversizeMessageClosesThatConnectionOnly) {
  StartServer();
  auto big = Connect(port_);
  auto other = Connect(port_);
  ASSERT_TRUE(big && other);
  ASSERT_TRUE(log_.WaitOpened(2));

  // Just at the limit is fine (it is malformed JSON, hence a BAD_REQUEST reply).
  const std::size_t limit = DefaultOptions().max_message_bytes;
  ASSERT_FALSE(big->SendText(std::string(limit, 'x')));
  auto message = big->Receive();
  ASSERT_TRUE(message) << message.error().message();
  EXPECT_EQ(ParseUpdate(message.value().data).reply().error(), v1::UI_ERROR_CODE_BAD_REQUEST);

  // One byte more ends the connection with 1009.
  (void)big->SendText(std::string(limit + 1, 'x'));
  EXPECT_TRUE(IsClosedError(big->WaitClosed()));
  EXPECT_EQ(big->close_code(), 1009);
  ASSERT_TRUE(log_.WaitClosed(1));
  EXPECT_EQ(log_.closed().front(), log_.opened()[0]);

  ASSERT_FALSE(other->SendText(R"({"requestId":"3","refreshSync":{}})"));
  ASSERT_TRUE(log_.WaitRequests(1));
  EXPECT_EQ(log_.requests().front().first, log_.opened()[1]);
  server_->Broadcast(StateUpdate("still-here"));
  message = other->Receive();
  ASSERT_TRUE(message) << message.error().message();
  EXPECT_EQ(ParseUpdate(message.value().data).state().device_id(), "still-here");
  EXPECT_EQ(server_->client_count(), 1u);
}

TEST_F(UiServerTest, APageThatStopsReadingIsDroppedOthersKeepGoing) {
  auto options = DefaultOptions();
  options.send_queue_max_bytes = 256 * 1024;
  options.send_queue_max_messages = 64;
  StartServer(options);
  auto slow = [&] {
    auto slow_options = WsOptions(port_);
    slow_options.receive_buffer_bytes = 4096;
    return std::move(WsClient::Connect(slow_options).first);
  }();
  auto fast = Connect(port_);
  ASSERT_TRUE(slow && fast);
  ASSERT_TRUE(log_.WaitOpened(2));
  const auto ids = log_.opened();

  // 64 KiB updates to the page that never reads: the kernel's buffers fill, then the bounded
  // queue, then the server lets it go.
  v1::UiUpdate big;
  big.mutable_state()->set_device_id(std::string(64 * 1024, 'd'));
  bool dropped = false;
  for (int i = 0; i < 2000 && !dropped; ++i) {
    server_->Send(ids[0], big);
    dropped = !log_.closed().empty();
    if (i % 20 == 19) std::this_thread::sleep_for(5ms);
  }
  ASSERT_TRUE(log_.WaitClosed(1)) << "la page lente n'a pas été déconnectée / slow page kept";
  EXPECT_EQ(log_.closed().front(), ids[0]);

  server_->Send(ids[1], StateUpdate("fast"));
  auto message = fast->Receive();
  ASSERT_TRUE(message) << message.error().message();
  EXPECT_EQ(ParseUpdate(message.value().data).state().device_id(), "fast");
  EXPECT_EQ(server_->client_count(), 1u);
}

TEST_F(UiServerTest, APageThatAnswersNoPingIsClosedAfterTheIdleTimeout) {
  auto options = DefaultOptions();
  options.websocket_idle_timeout = 400ms;
  StartServer(options);
  auto silent = Connect(port_);  // never reads, so never answers the server's ping
  auto alive = Connect(port_);   // reads, and its WebSocket answers pings by itself
  ASSERT_TRUE(silent && alive);
  ASSERT_TRUE(log_.WaitOpened(2));
  const auto ids = log_.opened();
  // Three idle periods with no message, then one: the reading page is still there to get it.
  std::thread later([&] {
    std::this_thread::sleep_for(1200ms);
    server_->Send(ids[1], StateUpdate("after-idle"));
  });
  auto message = alive->Receive(5s);
  later.join();
  ASSERT_TRUE(message) << message.error().message();
  EXPECT_EQ(ParseUpdate(message.value().data).state().device_id(), "after-idle");
  ASSERT_EQ(log_.closed().size(), 1u);
  EXPECT_EQ(log_.closed().front(), ids[0]);
}

TEST_F(UiServerTest, RefusesPagesBeyondMaxClients) {
  auto options = DefaultOptions();
  options.max_clients = 2;
  StartServer(options);
  auto a = Connect(port_);
  auto b = Connect(port_);
  ASSERT_TRUE(log_.WaitOpened(2));
  auto [c, refused] = WsClient::Connect(WsOptions(port_));
  EXPECT_FALSE(c);
  EXPECT_EQ(refused.status, 503);
  // A place frees up when a page leaves.
  a.reset();
  ASSERT_TRUE(log_.WaitClosed(1));
  auto d = Connect(port_);
  EXPECT_TRUE(d);
  ASSERT_TRUE(log_.WaitOpened(3));
}

TEST_F(UiServerTest, StopClosesEveryPageAndTheIoContextRunsOut) {
  StartServer();
  auto first = Connect(port_);
  auto second = Connect(port_);
  ASSERT_TRUE(log_.WaitOpened(2));
  EXPECT_EQ(server_->client_count(), 2u);
  // The pages read on, as a browser does: each gets a "going away" close frame and answers it.
  server_->Stop();
  EXPECT_TRUE(IsClosedError(first->WaitClosed()));
  EXPECT_EQ(first->close_code(), 1001);
  EXPECT_TRUE(IsClosedError(second->WaitClosed()));
  EXPECT_EQ(second->close_code(), 1001);
  const auto start = std::chrono::steady_clock::now();
  StopServer();  // fails the test if io_.run() does not return
  // Well within close_timeout: nothing waited for a deadline.
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);
  EXPECT_EQ(log_.closed().size(), 2u);
  EXPECT_EQ(server_->client_count(), 0u);
  // Nothing listens any more.
  EXPECT_FALSE(HttpRequest(port_, "GET", "/", LoopbackHost(port_)));
}

TEST_F(UiServerTest, StopIsBoundedWhenAPageNeverAnswers) {
  auto options = DefaultOptions();
  options.close_timeout = 300ms;
  StartServer(options);
  auto silent = Connect(port_);  // never reads: never answers the close frame
  ASSERT_TRUE(log_.WaitOpened(1));
  const auto start = std::chrono::steady_clock::now();
  StopServer();
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_GE(took, 250ms);
  EXPECT_LT(took, 3s);
  EXPECT_EQ(log_.closed().size(), 1u);
}

// ---------------------------------------------------------------------------- Start

TEST(UiServerStartTest, RefusesNonLoopbackAddresses) {
  boost::asio::io_context io;
  for (const char* address : {"0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "::ffff:127.0.0.1"}) {
    SCOPED_TRACE(address);
    kiosk::net::UiServer server(io, ListenOn(address), {});
    auto started = server.Start();
    ASSERT_FALSE(started);
    EXPECT_EQ(started.error(), kiosk::net::make_error_code(UiErrc::non_loopback_address));
  }
  kiosk::net::UiServer named(io, ListenOn("localhost"), {});
  EXPECT_EQ(named.Start().error(), kiosk::net::make_error_code(UiErrc::bad_address));
}

TEST(UiServerStartTest, RefusesToStartWithoutAWellFormedPageToken) {
  boost::asio::io_context io;
  for (const char* token :
       {"", "abc", "5EB63BBBE01EEED093CB22BB8F5ACDC3", "5eb63bbbe01eeed093cb22bb8f5acdc",
        "5eb63bbbe01eeed093cb22bb8f5acdc3a"}) {
    SCOPED_TRACE(token);
    auto options = ListenOn("127.0.0.1");
    options.page_token = token;
    kiosk::net::UiServer server(io, options, {});
    auto started = server.Start();
    ASSERT_FALSE(started);
    EXPECT_EQ(started.error(), kiosk::net::make_error_code(UiErrc::bad_page_token));
  }
}

TEST(UiServerStartTest, StartsOnceAndReportsAPortInUse) {
  boost::asio::io_context io;
  kiosk::net::UiServer first(io, ListenOn("127.0.0.1"), {});
  auto port = first.Start();
  ASSERT_TRUE(port) << port.error().message();
  EXPECT_EQ(first.Start().error(), kiosk::net::make_error_code(UiErrc::already_started));
  // Another address in 127.0.0.0/8 is loopback too; the same port on 127.0.0.1 is taken.
  kiosk::net::UiServer second(io, ListenOn("127.0.0.1", port.value()), {});
  auto taken = second.Start();
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error(), boost::asio::error::address_in_use);
  first.Stop();
  second.Stop();
  io.run_for(std::chrono::seconds(5));
  EXPECT_TRUE(io.stopped());
}

}  // namespace
}  // namespace minegate::test::ui
