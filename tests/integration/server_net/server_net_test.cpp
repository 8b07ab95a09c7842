// The network layer for real: HTTPS, WSS, limits, timeouts, slow readers, plain HTTP, stop.
#include <gtest/gtest.h>

#include <boost/system/error_code.hpp>
#include <chrono>
#include <string>
#include <vector>

#include "tests/integration/server_net/server_fixture.hpp"
#include "tests/support/wait.hpp"

namespace minegate::server::test {
namespace {

using namespace std::chrono_literals;
using minegate::test::ByteClient;
using minegate::test::HttpClient;
using minegate::test::HttpGet;
using minegate::test::HttpPost;
using minegate::test::IsWebSocketClosed;
using minegate::test::RawTcpClient;
using minegate::test::WaitUntil;
using minegate::test::WsClient;

constexpr std::uint16_t kCloseNormal = 1000;
constexpr std::uint16_t kCloseGoingAway = 1001;
constexpr std::uint16_t kClosePolicy = 1008;
constexpr std::uint16_t kCloseTooBig = 1009;

bool IsTimedOut(const boost::system::error_code& ec) {
  return ec == boost::system::errc::timed_out;
}

TEST_F(ServerNetTest, HealthzAnswersOverHttps) {
  StartServer();
  auto response = HttpGet(Client(), "/healthz");
  ASSERT_TRUE(response) << response.error().message();
  EXPECT_EQ(response.value().status, 200);
  EXPECT_EQ(response.value().body, "ok\n");
  EXPECT_EQ(response.value().Header("server"), "minegate");
  EXPECT_EQ(response.value().Header("cache-control"), "no-store");
}

TEST_F(ServerNetTest, MetricsShowConnectedKiosks) {
  StartServer();
  auto response = HttpGet(Client(), "/metrics");
  ASSERT_TRUE(response) << response.error().message();
  EXPECT_EQ(response.value().status, 200);
  EXPECT_EQ(response.value().Header("content-type"), "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_NE(response.value().body.find("# TYPE minegate_connected_kiosks gauge\n"
                                       "minegate_connected_kiosks 0\n"),
            std::string::npos)
      << response.value().body;
  EXPECT_NE(response.value().body.find("minegate_rejected_frames_total{reason=\"oversize\"} 0"),
            std::string::npos);
  app_->rejected_frames().Increment({"malformed"});
  EXPECT_EQ(MetricValue("minegate_rejected_frames_total{reason=\"malformed\"}"), 1);

  auto kiosk = WsClient::Connect(Client(), "/v1/kiosk/stream");
  ASSERT_TRUE(kiosk) << kiosk.error().message();
  EXPECT_TRUE(WaitUntil([this] { return MetricValue("minegate_connected_kiosks") == 1; }, 5s));
  response = HttpGet(Client(), "/metrics");
  ASSERT_TRUE(response);
  EXPECT_NE(response.value().body.find("minegate_connected_kiosks 1\n"), std::string::npos);
  EXPECT_FALSE(kiosk.value()->Close());
  EXPECT_TRUE(WaitUntil([this] { return MetricValue("minegate_connected_kiosks") == 0; }, 5s));
}

TEST_F(ServerNetTest, UnknownPathIs404InBothLanguages) {
  StartServer();
  auto response = HttpGet(Client(), "/v1/nothing-here");
  ASSERT_TRUE(response);
  EXPECT_EQ(response.value().status, 404);
  EXPECT_EQ(response.value().body, "introuvable / not found\n");
}

TEST_F(ServerNetTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  StartServer();
  auto client = HttpClient::Connect(Client());
  ASSERT_TRUE(client) << client.error().message();
  for (int i = 0; i < 3; ++i) {
    auto response =
        client.value()->Request("POST", "/echo", "body " + std::to_string(i), "text/plain");
    ASSERT_TRUE(response) << response.error().message();
    EXPECT_EQ(response.value().status, 200);
    EXPECT_EQ(response.value().body, "body " + std::to_string(i));
    EXPECT_EQ(response.value().Header("x-tls"), "1");
    EXPECT_EQ(response.value().Header("x-remote"), "127.0.0.1");
  }
}

TEST_F(ServerNetTest, BodyOverTheLimitIs413) {
  StartServer();
  auto response = HttpPost(Client(), "/echo", std::string(64 * 1024 + 1, 'b'), "text/plain");
  ASSERT_TRUE(response) << response.error().message();
  EXPECT_EQ(response.value().status, 413);
  EXPECT_EQ(response.value().body, "corps de requête trop grand / request body too large\n");
  auto at_limit = HttpPost(Client(), "/echo", std::string(64 * 1024, 'b'), "text/plain");
  ASSERT_TRUE(at_limit) << at_limit.error().message();
  EXPECT_EQ(at_limit.value().status, 200);
}

// A HEAD answers headers only; the request after it on the same connection is no HEAD, and an
// error refusing it (from the parser, or a bad target) carries its body.
TEST_F(ServerNetTest, AnErrorAfterAHeadOnTheSameConnectionCarriesItsBody) {
  StartServer();
  struct Case {
    std::string request;
    std::string status_line;
    std::string body;
  };
  const std::vector<Case> cases = {
      {"GARBAGE\r\n\r\n", "HTTP/1.1 400 Bad Request\r\n",
       "requête HTTP invalide / malformed HTTP request\n"},
      {"GET * HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", "HTTP/1.1 400 Bad Request\r\n",
       "cible de requête invalide / invalid request target\n"},
      {"POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 65537\r\n\r\n",
       "HTTP/1.1 413 Payload Too Large\r\n",
       "corps de requête trop grand / request body too large\n"},
      {"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + std::string(17 * 1024, 'h') +
           "\r\n\r\n",
       "HTTP/1.1 431 Request Header Fields Too Large\r\n",
       "en-têtes trop grands / request headers too large\n"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.body);
    auto client = ByteClient::Connect(Client());
    ASSERT_TRUE(client) << client.error().message();
    ASSERT_FALSE(client.value()->Send(
        "HEAD /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: minegate-test\r\n\r\n"));
    const auto [head, head_ec] =
        client.value()->ReadUntil([](const std::string& r) { return r.ends_with("\r\n\r\n"); }, 5s);
    ASSERT_FALSE(head_ec) << head_ec.message();
    ASSERT_TRUE(head.starts_with("HTTP/1.1 200 OK\r\n")) << head;

    ASSERT_FALSE(client.value()->Send(c.request));
    const auto [received, ec] =
        client.value()->ReadUntil([&](const std::string& r) { return r.ends_with(c.body); }, 3s);
    EXPECT_FALSE(ec) << ec.message() << ", received: " << received;
    EXPECT_TRUE(received.starts_with(c.status_line)) << received;
    EXPECT_NE(received.find("Content-Length: " + std::to_string(c.body.size()) + "\r\n"),
              std::string::npos)
        << received;
    EXPECT_TRUE(received.ends_with("\r\n\r\n" + c.body)) << received;
  }
}

TEST_F(ServerNetTest, WssEchoesBinaryMessages) {
  StartServer();
  auto kiosk = WsClient::Connect(Client(), "/v1/kiosk/stream");
  ASSERT_TRUE(kiosk) << kiosk.error().message();
  const std::string payload("gate\0event\xff", 11);
  ASSERT_FALSE(kiosk.value()->SendBinary(payload));
  auto echoed = kiosk.value()->Receive(5s);
  ASSERT_TRUE(echoed) << echoed.error().message();
  EXPECT_FALSE(echoed.value().text);
  EXPECT_EQ(echoed.value().data, payload);

  // The largest allowed message goes through whole.
  const std::string largest(net::NetOptions().websocket_message_max, 'm');
  ASSERT_FALSE(kiosk.value()->SendBinary(largest));
  echoed = kiosk.value()->Receive(10s);
  ASSERT_TRUE(echoed) << echoed.error().message();
  EXPECT_EQ(echoed.value().data.size(), largest.size());

  ASSERT_FALSE(kiosk.value()->SendBinary("close"));
  EXPECT_TRUE(IsWebSocketClosed(kiosk.value()->WaitClosed(5s)));
  EXPECT_EQ(kiosk.value()->close_code(), kCloseNormal);
  EXPECT_EQ(kiosk.value()->close_reason(), "au revoir / goodbye");
  EXPECT_TRUE(WaitUntil([this] { return log_->closed == 1; }, 5s));
}

TEST_F(ServerNetTest, OnOpenMaySendFirst) {
  StartServer();
  auto kiosk = WsClient::Connect(Client(), "/v1/challenge");
  ASSERT_TRUE(kiosk) << kiosk.error().message();
  auto challenge = kiosk.value()->Receive(5s);
  ASSERT_TRUE(challenge) << challenge.error().message();
  EXPECT_EQ(challenge.value().data, "challenge");
}

TEST_F(ServerNetTest, TextFrameReachesOnTextAndIsCounted) {
  StartServer();
  auto kiosk = WsClient::Connect(Client(), "/v1/kiosk/stream");
  ASSERT_TRUE(kiosk);
  ASSERT_FALSE(kiosk.value()->SendText("{\"json\": true}"));
  EXPECT_TRUE(IsWebSocketClosed(kiosk.value()->WaitClosed(5s)));
  EXPECT_EQ(kiosk.value()->close_reason(), "texte refusé / text refused");
  EXPECT_EQ(log_->texts.load(), 1);
  EXPECT_EQ(log_->binaries.load(), 0);
  EXPECT_EQ(MetricValue("minegate_rejected_frames_total{reason=\"text\"}"), 1);
}

TEST_F(ServerNetTest, MessageOverTheLimitClosesTheConnection) {
  StartServer();
  auto kiosk = WsClient::Connect(Client(), "/v1/kiosk/stream");
  ASSERT_TRUE(kiosk);
  // The server may close before the whole message is sent: a failed send is fine.
  kiosk.value()->SendBinary(std::string(net::NetOptions().websocket_message_max + 1, 'x'));
  const auto ended = kiosk.value()->WaitClosed(5s);
  EXPECT_FALSE(IsTimedOut(ended)) << ended.message();
  if (IsWebSocketClosed(ended)) {
    EXPECT_EQ(kiosk.value()->close_code(), kCloseTooBig);
  }
  EXPECT_TRUE(WaitUntil(
      [this] { return MetricValue("minegate_rejected_frames_total{reason=\"oversize\"}") == 1; },
      5s));
  EXPECT_TRUE(WaitUntil([this] { return log_->closed == 1; }, 5s));
  EXPECT_EQ(log_->binaries.load(), 0);
}

// A close reason longer than a close frame holds is cut on a UTF-8 boundary (base/net).
TEST_F(ServerNetTest, LongCloseReasonIsCutOnAUtf8Boundary) {
  StartServer();
  auto kiosk = WsClient::Connect(Client(), "/v1/kiosk/stream");
  ASSERT_TRUE(kiosk);
  ASSERT_FALSE(kiosk.value()->SendBinary("long close"));
  EXPECT_TRUE(IsWebSocketClosed(kiosk.value()->WaitClosed(5s)));
  EXPECT_EQ(kiosk.value()->close_code(), kCloseNormal);
  // 123 bytes would split the 62nd "é": 61 whole ones are left, 122 bytes.
  std::string expected;
  for (int i = 0; i < 61; ++i) expected += "\xc3\xa9";
  EXPECT_EQ(kiosk.value()->close_reason(), expected);
  EXPECT_TRUE(WaitUntil([this] { return log_->closed == 1; }, 5s));
}

// A handler that throws ends its connection at once, without a close frame, and is told
// OnClosed exactly once; the server keeps serving others.
TEST_F(ServerNetTest, HandlerThatThrowsEndsOnlyItsConnection) {
  StartServer();
  auto buggy = WsClient::Connect(Client(), "/v1/kiosk/stream");
  auto other = WsClient::Connect(Client(), "/v1/kiosk/stream");
  ASSERT_TRUE(buggy && other);
  ASSERT_FALSE(buggy.value()->SendBinary("throw"));
  const auto ended = buggy.value()->WaitClosed(5s);
  EXPECT_FALSE(IsTimedOut(ended)) << ended.message();
  EXPECT_EQ(buggy.value()->close_code(), 0);  // dropped, no close frame
  EXPECT_TRUE(WaitUntil([this] { return log_->closed == 1; }, 5s));
  EXPECT_EQ(log_->closed_twice.load(), 0);
  EXPECT_TRUE(WaitUntil([this] { return app_->open_streams() == 1; }, 5s));

  ASSERT_FALSE(other.value()->SendBinary("still here"));
  auto echoed = other.value()->Receive(5s);
  ASSERT_TRUE(echoed) << echoed.error().message();
  EXPECT_EQ(echoed.value().data, "still here");
}

// A client that stops answering pings is closed after the idle timeout; one that reads stays.
TEST_F(ServerNetTest, ClientThatAnswersNoPingIsClosedAfterTheIdleTimeout) {
  auto options = TestNetOptions();
  options.websocket_idle_timeout = 400ms;
  StartServer(false, options);
  auto silent = WsClient::Connect(Client(), "/v1/kiosk/stream");  // never reads
  auto alive = WsClient::Connect(Client(), "/v1/kiosk/stream");   // reads: answers pings
  ASSERT_TRUE(silent && alive);
  EXPECT_TRUE(WaitUntil([this] { return log_->opened == 2; }, 5s));
  // Three idle periods with nothing sent: only the silent client goes.
  const auto waited = alive.value()->Receive(1200ms);
  ASSERT_FALSE(waited);
  EXPECT_TRUE(IsTimedOut(waited.error()));
  EXPECT_TRUE(WaitUntil([this] { return log_->closed == 1; }, 5s));
  ASSERT_FALSE(alive.value()->SendBinary("after idle"));
  auto echoed = alive.value()->Receive(5s);
  ASSERT_TRUE(echoed) << echoed.error().message();
  EXPECT_EQ(echoed.value().data, "after idle");
}

// Over plain TCP no TLS teardown can hide the close frame: one byte over the limit is
// answered with 1009 and its reason, at the limit the message goes through.
TEST_F(ServerNetTest, OversizeMessageIsAnsweredWith1009OverPlainTcp) {
  auto options = TestNetOptions();
  options.websocket_message_max = 1024;
  StartServer(/*plain_http=*/true, options);
  auto plain = Client();
  plain.tls = false;
  auto kiosk = WsClient::Connect(plain, "/v1/kiosk/stream");
  ASSERT_TRUE(kiosk) << kiosk.error().message();
  const std::string at_limit(1024, 'm');
  ASSERT_FALSE(kiosk.value()->SendBinary(at_limit));
  auto echoed = kiosk.value()->Receive(5s);
  ASSERT_TRUE(echoed) << echoed.error().message();
  EXPECT_EQ(echoed.value().data, at_limit);

  (void)kiosk.value()->SendBinary(std::string(1025, 'x'));
  EXPECT_TRUE(IsWebSocketClosed(kiosk.value()->WaitClosed(5s)));
  EXPECT_EQ(kiosk.value()->close_code(), kCloseTooBig);
  EXPECT_EQ(kiosk.value()->close_reason(), "message trop grand / message too big");
  EXPECT_TRUE(WaitUntil([this] { return log_->closed == 1; }, 5s));
  EXPECT_EQ(log_->binaries.load(), 1);
  EXPECT_EQ(MetricValue("minegate_rejected_frames_total{reason=\"oversize\"}"), 1);
}

// A client that never answers the close frame is dropped once close_timeout has passed, and
// the handler told: a close never waits on the peer forever.
TEST_F(ServerNetTest, CloseIsBoundedWhenTheClientNeverAnswers) {
  StartServer();
  auto silent = WsClient::Connect(Client(), "/v1/kiosk/stream");
  ASSERT_TRUE(silent);
  const auto start = std::chrono::steady_clock::now();
  ASSERT_FALSE(silent.value()->SendBinary("close"));  // and never reads the close frame
  EXPECT_TRUE(WaitUntil([this] { return log_->closed == 1; }, 10s));
  const auto waited = std::chrono::steady_clock::now() - start;
  // Not before the close timeout (2 s in TestNetOptions), well within 10 s.
  EXPECT_GE(waited, TestNetOptions().close_timeout - 100ms);
  EXPECT_EQ(app_->open_streams(), 0u);
}

TEST_F(ServerNetTest, ClientThatNeverStartsTlsIsDroppedAfterTheHandshakeTimeout) {
  StartServer();
  auto raw = RawTcpClient::Connect(Client());
  ASSERT_TRUE(raw) << raw.error().message();
  const auto start = std::chrono::steady_clock::now();
  auto received = raw.value()->ReadUntilClosed(5s);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(received) << received.error().message();
  EXPECT_TRUE(received.value().empty());
  EXPECT_GE(elapsed, 800ms);  // TestNetOptions: 1 s
  EXPECT_LE(elapsed, 3s);
  EXPECT_TRUE(WaitUntil(
      [this] {
        return MetricValue("minegate_dropped_connections_total{reason=\"handshake_timeout\"}") == 1;
      },
      2s));
  // The server is still serving.
  auto health = HttpGet(Client(), "/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health.value().status, 200);
}

TEST_F(ServerNetTest, ClientThatStopsReadingIsDisconnectedOthersKeepBeingServed) {
  net::NetOptions options = TestNetOptions();
  options.send_queue_max_bytes = 1024 * 1024;
  StartServer(false, options);
  auto slow_options = Client();
  slow_options.receive_buffer_bytes = 4096;
  auto slow = WsClient::Connect(slow_options, "/v1/kiosk/stream");
  auto good = WsClient::Connect(Client(), "/v1/kiosk/stream");
  ASSERT_TRUE(slow && good);
  ASSERT_FALSE(slow.value()->SendBinary("flood"));
  // slow never reads from here on.

  for (int i = 0; i < 20; ++i) {
    const std::string message = "still here " + std::to_string(i);
    ASSERT_FALSE(good.value()->SendBinary(message));
    auto echoed = good.value()->Receive(5s);
    ASSERT_TRUE(echoed) << echoed.error().message();
    EXPECT_EQ(echoed.value().data, message);
    std::this_thread::sleep_for(10ms);
  }
  EXPECT_TRUE(WaitUntil(
      [this] {
        return MetricValue("minegate_dropped_connections_total{reason=\"slow_reader\"}") == 1;
      },
      10s));
  EXPECT_TRUE(WaitUntil([this] { return log_->closed == 1; }, 5s));
  // Reading now, the slow client finds its connection ended.
  EXPECT_FALSE(IsTimedOut(slow.value()->WaitClosed(10s)));

  ASSERT_FALSE(good.value()->SendBinary("after"));
  auto echoed = good.value()->Receive(5s);
  ASSERT_TRUE(echoed) << echoed.error().message();
  EXPECT_EQ(echoed.value().data, "after");
  EXPECT_EQ(MetricValue("minegate_connected_kiosks"), 1);
}

TEST_F(ServerNetTest, PausedStreamReadsNothingUntilResumed) {
  StartServer();
  auto kiosk = WsClient::Connect(Client(), "/v1/kiosk/stream");
  ASSERT_TRUE(kiosk);
  ASSERT_FALSE(kiosk.value()->SendBinary("pause"));
  auto paused = kiosk.value()->Receive(5s);
  ASSERT_TRUE(paused);
  EXPECT_EQ(paused.value().data, "paused");
  ASSERT_FALSE(kiosk.value()->SendBinary("first"));
  ASSERT_FALSE(kiosk.value()->SendBinary("second"));

  auto nothing = kiosk.value()->Receive(300ms);
  ASSERT_FALSE(nothing);
  EXPECT_TRUE(IsTimedOut(nothing.error()));
  EXPECT_EQ(log_->binaries.load(), 1);

  // From this (non-I/O) thread, as a database writer would after its commit.
  auto peer = log_->last_peer();
  ASSERT_TRUE(peer);
  EXPECT_EQ(peer->remote_address(), "127.0.0.1");
  peer->ResumeReading();
  for (const char* expected : {"first", "second"}) {
    auto echoed = kiosk.value()->Receive(5s);
    ASSERT_TRUE(echoed) << echoed.error().message();
    EXPECT_EQ(echoed.value().data, expected);
  }
  EXPECT_EQ(log_->binaries.load(), 3);
  peer->ResumeReading();  // not paused: nothing happens
}

TEST_F(ServerNetTest, PlainHttpIsRefusedWhenNotAllowed) {
  StartServer();
  auto plain = Client();
  plain.tls = false;
  auto response = HttpGet(plain, "/healthz");
  ASSERT_TRUE(response) << response.error().message();
  EXPECT_EQ(response.value().status, 400);
  EXPECT_EQ(response.value().body, "HTTPS requis sur ce port / HTTPS is required on this port\n");
  EXPECT_FALSE(WsClient::Connect(plain, "/v1/kiosk/stream"));
  EXPECT_TRUE(WaitUntil(
      [this] {
        return MetricValue("minegate_dropped_connections_total{reason=\"plain_refused\"}") == 2;
      },
      2s));
  EXPECT_EQ(log_->opened.load(), 0);
}

TEST_F(ServerNetTest, PlainHttpIsServedOnLoopbackWhenAllowed) {
  StartServer(/*plain_http=*/true);
  auto plain = Client();
  plain.tls = false;
  auto response = HttpPost(plain, "/echo", "clair", "text/plain");
  ASSERT_TRUE(response) << response.error().message();
  EXPECT_EQ(response.value().status, 200);
  EXPECT_EQ(response.value().Header("x-tls"), "0");
  auto kiosk = WsClient::Connect(plain, "/v1/kiosk/stream");
  ASSERT_TRUE(kiosk) << kiosk.error().message();
  ASSERT_FALSE(kiosk.value()->SendBinary("ws"));
  auto echoed = kiosk.value()->Receive(5s);
  ASSERT_TRUE(echoed);
  EXPECT_EQ(echoed.value().data, "ws");
  // TLS still works on the same port.
  auto tls = HttpPost(Client(), "/echo", "chiffré", "text/plain");
  ASSERT_TRUE(tls);
  EXPECT_EQ(tls.value().Header("x-tls"), "1");
}

TEST_F(ServerNetTest, CertificateNamesAreChecked) {
  StartServer();
  auto by_name = Client();
  by_name.verify_name = "localhost";
  auto response = HttpGet(by_name, "/healthz");
  ASSERT_TRUE(response) << response.error().message();
  EXPECT_EQ(response.value().status, 200);
  auto wrong = Client();
  wrong.verify_name = "impostor.example";
  EXPECT_FALSE(HttpGet(wrong, "/healthz"));
}

TEST_F(ServerNetTest, UpgradeOnAnUnknownPathOrARefusingFactoryFails) {
  StartServer();
  EXPECT_FALSE(WsClient::Connect(Client(), "/v1/no-such-stream"));
  auto refused = WsClient::Connect(Client(), "/v1/refused");
  ASSERT_TRUE(refused) << refused.error().message();
  EXPECT_TRUE(IsWebSocketClosed(refused.value()->WaitClosed(5s)));
  EXPECT_EQ(refused.value()->close_code(), kClosePolicy);
}

TEST_F(ServerNetTest, StopClosesStreamsAndRunReturns) {
  StartServer();
  auto kiosk = WsClient::Connect(Client(), "/v1/kiosk/stream");
  ASSERT_TRUE(kiosk);
  auto idle_http = HttpClient::Connect(Client());
  ASSERT_TRUE(idle_http);
  auto raw = RawTcpClient::Connect(Client());
  ASSERT_TRUE(raw);
  ASSERT_TRUE(WaitUntil([this] { return log_->opened == 1; }, 5s));
  const auto start = std::chrono::steady_clock::now();
  app_->Stop();
  // A kiosk keeps reading: it gets "going away" and answers the close handshake.
  EXPECT_TRUE(IsWebSocketClosed(kiosk.value()->WaitClosed(5s)));
  EXPECT_EQ(kiosk.value()->close_code(), kCloseGoingAway);
  StopServer();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
  EXPECT_EQ(log_->closed.load(), 1);
  EXPECT_FALSE(HttpGet(Client(), "/healthz"));  // no longer accepting
}

}  // namespace
}  // namespace minegate::server::test
