// Streamed bodies (HttpResponse::producer) on real loopback TLS, read as bytes off the wire:
// the chunk framing and its terminating chunk, HEAD, keep-alive after a stream, a producer's
// failure after the first byte (the transfer is cut), a client that leaves or stops reading
// (production stops: the producer is asked for little more than the socket took), a producer
// that stalls, and a server that stops mid-stream. Each stream's End() is checked: once, with
// how it ended and the pieces sent.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <string>

#include "tests/integration/server_net/server_fixture.hpp"
#include "tests/support/wait.hpp"

namespace minegate::server::test {
namespace {

using namespace std::chrono_literals;
using minegate::test::ByteClient;
using minegate::test::WaitUntil;

constexpr std::size_t kPieceBytes = 64 * 1024;
constexpr std::string_view kFirst = "first piece\n";

/// What one producer saw. Thread-safe.
struct ProducerLog {
  std::atomic<int> asked{0};  ///< Next() calls
  std::atomic<int> ends{0};
  std::atomic<int> end{-1};  ///< the StreamEnd given to End()
  std::atomic<std::uint64_t> pieces_sent{0};
  std::mutex mutex;
  std::optional<net::PieceReady> held;  ///< a stalled piece's

  std::optional<net::StreamEnd> Ended() const {
    if (ends.load() == 0) return std::nullopt;
    return static_cast<net::StreamEnd>(end.load());
  }
};

struct Plan {
  int pieces = 10;    ///< asked for after the first (HttpResponse::body)
  int fail_at = -1;   ///< this Next() answers kFailed
  int stall_at = -1;  ///< this Next() keeps its PieceReady (ProducerLog::held)
};

/// Piece i: kPieceBytes of one letter, so that the body read back can be checked piece by piece.
std::string Piece(int index) {
  return std::string(kPieceBytes, static_cast<char>('a' + index % 26));
}

/// Answers on the I/O thread at once (each piece is quick to make), as a test may.
class TestProducer final : public net::BodyProducer {
 public:
  TestProducer(std::shared_ptr<ProducerLog> log, Plan plan) : log_(std::move(log)), plan_(plan) {}

  void Next(net::PieceReady ready) override {
    const int index = log_->asked++;
    if (index == plan_.stall_at) {
      std::lock_guard lock(log_->mutex);
      log_->held.emplace(std::move(ready));
      return;
    }
    if (index == plan_.fail_at) return ready(std::string(), net::PieceStatus::kFailed);
    ready(Piece(index),
          index + 1 >= plan_.pieces ? net::PieceStatus::kLast : net::PieceStatus::kMore);
  }

  void End(net::StreamEnd end, std::uint64_t pieces_sent) override {
    log_->end = static_cast<int>(end);
    log_->pieces_sent = pieces_sent;
    ++log_->ends;
  }

 private:
  std::shared_ptr<ProducerLog> log_;
  Plan plan_;
};

/// A chunked body decoded: the data, and whether the terminating chunk was there. nullopt
/// when the framing is wrong.
struct Decoded {
  std::string data;
  bool terminated = false;
  int chunks = 0;
};

std::optional<Decoded> DecodeChunked(std::string_view body) {
  Decoded out;
  while (!body.empty()) {
    const auto line_end = body.find("\r\n");
    if (line_end == std::string_view::npos) return out;  // cut inside a size line
    const std::string size_text(body.substr(0, line_end));
    std::size_t size = 0;
    try {
      size = std::stoul(size_text, nullptr, 16);
    } catch (...) {
      return std::nullopt;
    }
    body.remove_prefix(line_end + 2);
    if (size == 0) {
      if (body != "\r\n") return std::nullopt;  // no trailers are sent
      out.terminated = true;
      return out;
    }
    if (body.size() < size + 2) {  // cut inside a chunk
      out.data += body.substr(0, std::min(size, body.size()));
      return out;
    }
    if (body.substr(size, 2) != "\r\n") return std::nullopt;
    out.data += body.substr(0, size);
    ++out.chunks;
    body.remove_prefix(size + 2);
  }
  return out;
}

std::string Request(std::string_view method, std::string_view target) {
  return std::string(method) + " " + std::string(target) +
         " HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: minegate-test\r\n\r\n";
}

bool EndsWithTerminatingChunk(const std::string& received) {
  return received.ends_with("\r\n0\r\n\r\n");
}

class StreamedBodyTest : public ServerNetTest {
 protected:
  /// Serves GET `path` with a TestProducer following `plan`, its first piece kFirst.
  std::shared_ptr<ProducerLog> Serve(std::string path, Plan plan) {
    auto log = std::make_shared<ProducerLog>();
    auto previous = extra_routes_;
    extra_routes_ = [previous, path, plan, log](net::Router& router) {
      if (previous) previous(router);
      router.Add("GET", path, [plan, log](const net::HttpRequest&, const net::PathParams&) {
        net::HttpResponse response;
        response.content_type = "text/csv; charset=utf-8";
        response.body = std::string(kFirst);
        response.producer = std::make_shared<TestProducer>(log, plan);
        return response;
      });
    };
    return log;
  }

  std::unique_ptr<ByteClient> Connect(int receive_buffer_bytes = 0) {
    auto options = Client();
    options.receive_buffer_bytes = receive_buffer_bytes;
    auto client = ByteClient::Connect(options);
    EXPECT_TRUE(client) << client.error().message();
    return client ? std::move(client).value() : nullptr;
  }
};

/// The head and the body of one response.
std::pair<std::string, std::string> Split(const std::string& received) {
  const auto end = received.find("\r\n\r\n");
  if (end == std::string::npos) return {received, {}};
  return {received.substr(0, end + 2), received.substr(end + 4)};
}

TEST_F(StreamedBodyTest, AStreamIsChunkedEndsWithTheTerminatingChunkAndKeepsTheConnection) {
  auto log = Serve("/stream", Plan{.pieces = 40});
  StartServer();
  auto client = Connect();
  ASSERT_TRUE(client);
  ASSERT_FALSE(client->Send(Request("GET", "/stream")));
  const auto [received, ec] = client->ReadUntil(EndsWithTerminatingChunk, 10s);
  ASSERT_FALSE(ec) << ec.message() << " after " << received.size() << " bytes";
  const auto [head, body] = Split(received);
  EXPECT_TRUE(head.starts_with("HTTP/1.1 200 OK\r\n")) << head;
  EXPECT_NE(head.find("Transfer-Encoding: chunked\r\n"), std::string::npos) << head;
  EXPECT_EQ(head.find("Content-Length"), std::string::npos) << head;
  EXPECT_NE(head.find("Content-Type: text/csv; charset=utf-8\r\n"), std::string::npos);
  const auto decoded = DecodeChunked(body);
  ASSERT_TRUE(decoded);
  EXPECT_TRUE(decoded->terminated);
  EXPECT_EQ(decoded->chunks, 41);
  std::string expected(kFirst);
  for (int i = 0; i < 40; ++i) expected += Piece(i);
  EXPECT_TRUE(decoded->data == expected)
      << decoded->data.size() << " bytes, " << expected.size() << " expected";
  ASSERT_TRUE(WaitUntil([&] { return log->ends.load() == 1; }, 5s));
  EXPECT_EQ(log->Ended(), net::StreamEnd::kComplete);
  EXPECT_EQ(log->pieces_sent.load(), 41u);
  EXPECT_EQ(log->asked.load(), 40);

  // Keep-alive: the next request on the same connection is answered.
  ASSERT_FALSE(client->Send(Request("GET", "/healthz")));
  const auto [next, next_ec] =
      client->ReadUntil([](const std::string& r) { return r.ends_with("ok\n"); }, 5s);
  EXPECT_FALSE(next_ec) << next_ec.message();
  EXPECT_TRUE(next.starts_with("HTTP/1.1 200 OK\r\n")) << next;
  EXPECT_EQ(log->ends.load(), 1);
}

TEST_F(StreamedBodyTest, HeadSendsTheHeadersOnlyAndNeverAsksForAPiece) {
  auto log = Serve("/stream", Plan{.pieces = 40});
  StartServer();
  auto client = Connect();
  ASSERT_TRUE(client);
  ASSERT_FALSE(client->Send(Request("HEAD", "/stream")));
  const auto [received, ec] = client->ReadUntil(
      [](const std::string& r) { return r.find("\r\n\r\n") != std::string::npos; }, 5s);
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_TRUE(received.starts_with("HTTP/1.1 200 OK\r\n")) << received;
  EXPECT_NE(received.find("Transfer-Encoding: chunked\r\n"), std::string::npos) << received;
  EXPECT_TRUE(received.ends_with("\r\n\r\n")) << "no body after the head: " << received;
  // Nothing follows.
  auto more = client->ReadSome(300ms);
  EXPECT_FALSE(more) << "unexpected bytes: " << more.value();
  ASSERT_TRUE(WaitUntil([&] { return log->ends.load() == 1; }, 5s));
  EXPECT_EQ(log->Ended(), net::StreamEnd::kNotSent);
  EXPECT_EQ(log->asked.load(), 0);
  EXPECT_EQ(log->pieces_sent.load(), 0u);

  // And the connection serves the next request.
  ASSERT_FALSE(client->Send(Request("GET", "/healthz")));
  const auto [next, next_ec] =
      client->ReadUntil([](const std::string& r) { return r.ends_with("ok\n"); }, 5s);
  EXPECT_FALSE(next_ec) << next_ec.message();
  EXPECT_TRUE(next.starts_with("HTTP/1.1 200 OK\r\n")) << next;
}

TEST_F(StreamedBodyTest, HeadOnAPlainGetRouteGivesItsHeadersWithoutTheBody) {
  StartServer();
  auto client = Connect();
  ASSERT_TRUE(client);
  ASSERT_FALSE(client->Send(Request("HEAD", "/healthz")));
  const auto [received, ec] = client->ReadUntil(
      [](const std::string& r) { return r.find("\r\n\r\n") != std::string::npos; }, 5s);
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_TRUE(received.starts_with("HTTP/1.1 200 OK\r\n")) << received;
  EXPECT_NE(received.find("Content-Length: 3\r\n"), std::string::npos) << received;
  auto more = client->ReadSome(300ms);
  EXPECT_FALSE(more) << "unexpected bytes: " << more.value();
}

TEST_F(StreamedBodyTest, AFailureAfterTheFirstByteCutsTheTransferWithoutItsLastChunk) {
  auto log = Serve("/stream", Plan{.pieces = 10, .fail_at = 3});
  StartServer();
  auto client = Connect();
  ASSERT_TRUE(client);
  ASSERT_FALSE(client->Send(Request("GET", "/stream")));
  const auto [received, ec] = client->ReadUntil([](const std::string&) { return false; }, 10s);
  // The server closed the connection: not a timeout.
  EXPECT_NE(ec, boost::system::errc::timed_out) << received.size();
  const auto [head, body] = Split(received);
  EXPECT_TRUE(head.starts_with("HTTP/1.1 200 OK\r\n")) << head;
  const auto decoded = DecodeChunked(body);
  ASSERT_TRUE(decoded);
  EXPECT_FALSE(decoded->terminated) << "a failed stream must not look complete";
  EXPECT_EQ(decoded->data, std::string(kFirst) + Piece(0) + Piece(1) + Piece(2));
  ASSERT_TRUE(WaitUntil([&] { return log->ends.load() == 1; }, 5s));
  EXPECT_EQ(log->Ended(), net::StreamEnd::kFailed);
  EXPECT_EQ(log->pieces_sent.load(), 4u);
  EXPECT_EQ(log->asked.load(), 4);
}

TEST_F(StreamedBodyTest, AClientThatLeavesStopsProduction) {
  auto log = Serve("/endless", Plan{.pieces = 1'000'000});
  StartServer();
  auto client = Connect();
  ASSERT_TRUE(client);
  ASSERT_FALSE(client->Send(Request("GET", "/endless")));
  const auto [received, ec] =
      client->ReadUntil([](const std::string& r) { return r.size() >= 1024 * 1024; }, 10s);
  ASSERT_FALSE(ec) << ec.message();
  client->Abandon();
  ASSERT_TRUE(WaitUntil([&] { return log->ends.load() == 1; }, 10s));
  EXPECT_EQ(log->Ended(), net::StreamEnd::kClientGone);
  // Asked for what was read, plus what the sockets' buffers held: never the whole body.
  const int asked = log->asked.load();
  std::cout << "pieces asked for after 1 MiB read and a disconnect: " << asked << '\n';
  EXPECT_LT(asked, 16 + 200) << "production ran ahead of the client";
  EXPECT_EQ(log->pieces_sent.load(), static_cast<std::uint64_t>(asked) + 1);
  const int settled = asked;
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(log->asked.load(), settled) << "production goes on after the end";
  EXPECT_EQ(log->ends.load(), 1);
}

TEST_F(StreamedBodyTest, AClientThatStopsReadingIsCutAtTheWriteTimeoutAndProductionWaits) {
  auto options = TestNetOptions();
  options.request_timeout = 1000ms;
  auto log = Serve("/endless", Plan{.pieces = 1'000'000});
  StartServer(false, options);
  auto client = Connect(16 * 1024);
  ASSERT_TRUE(client);
  ASSERT_FALSE(client->Send(Request("GET", "/endless")));
  auto some = client->ReadSome(5s);
  ASSERT_TRUE(some) << some.error().message();
  // Then it reads nothing more: the server's writes stall, and it stops asking for pieces.
  ASSERT_TRUE(WaitUntil([&] { return log->ends.load() == 1; }, 10s));
  EXPECT_EQ(log->Ended(), net::StreamEnd::kTimedOut);
  const int asked = log->asked.load();
  std::cout << "pieces asked for from a client that stopped reading: " << asked << '\n';
  EXPECT_LT(asked, 200) << "production ran ahead of the client";
}

TEST_F(StreamedBodyTest, AProducerThatStallsIsCutAtTheTimeoutAndToldWhenItAnswers) {
  auto options = TestNetOptions();
  options.request_timeout = 1000ms;
  auto log = Serve("/stall", Plan{.pieces = 10, .stall_at = 2});
  StartServer(false, options);
  auto client = Connect();
  ASSERT_TRUE(client);
  ASSERT_FALSE(client->Send(Request("GET", "/stall")));
  const auto started = std::chrono::steady_clock::now();
  const auto [received, ec] = client->ReadUntil([](const std::string&) { return false; }, 10s);
  EXPECT_NE(ec, boost::system::errc::timed_out);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
  const auto decoded = DecodeChunked(Split(received).second);
  ASSERT_TRUE(decoded);
  EXPECT_FALSE(decoded->terminated);
  EXPECT_EQ(decoded->data, std::string(kFirst) + Piece(0) + Piece(1));
  // End() waits for the stalled piece: its producer may still be using what End() frees.
  EXPECT_EQ(log->ends.load(), 0);
  {
    std::lock_guard lock(log->mutex);
    ASSERT_TRUE(log->held);
    (*log->held)(Piece(2), net::PieceStatus::kMore);
    log->held.reset();
  }
  ASSERT_TRUE(WaitUntil([&] { return log->ends.load() == 1; }, 5s));
  EXPECT_EQ(log->Ended(), net::StreamEnd::kTimedOut);
  EXPECT_EQ(log->pieces_sent.load(), 3u);
}

TEST_F(StreamedBodyTest, StoppingTheServerCutsAStreamAndTellsItsProducer) {
  auto log = Serve("/endless", Plan{.pieces = 1'000'000});
  StartServer();
  auto client = Connect();
  ASSERT_TRUE(client);
  ASSERT_FALSE(client->Send(Request("GET", "/endless")));
  const auto [received, ec] =
      client->ReadUntil([](const std::string& r) { return r.size() >= 256 * 1024; }, 10s);
  ASSERT_FALSE(ec) << ec.message();
  StopServer();
  ASSERT_TRUE(WaitUntil([&] { return log->ends.load() == 1; }, 5s));
  EXPECT_EQ(log->Ended(), net::StreamEnd::kStopping);
}

}  // namespace
}  // namespace minegate::server::test
