#include <memory>
#include <random>
#include <thread>

#include "tests/reliability/hostile/attacks.hpp"

namespace minegate::test::hostile {
namespace {

using namespace std::chrono_literals;

constexpr char kUpgrade[] =
    "GET /v1/kiosk/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
    "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
    "Sec-WebSocket-Version: 13\r\n\r\n";

std::string RandomBytes(std::mt19937& random, std::size_t size) {
  std::string bytes(size, '\0');
  for (char& byte : bytes) byte = static_cast<char>(random() & 0xFF);
  return bytes;
}

/// The start of a TLS record holding a ClientHello of 508 bytes (version, then the rest to come):
/// a TLS stack waits for the whole record before it reads the message, so dribbling the rest a
/// byte at a time holds the handshake open for as long as the server lets it.
std::string ClientHelloStart() {
  return std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xFC\x03\x03", 11);
}

/// A TLS connection on which the WebSocket upgrade was written by hand and answered 101.
std::unique_ptr<ByteClient> UpgradedByHand(const ClientOptions& options) {
  auto client = ByteClient::Connect(options);
  if (!client || client.value()->Send(kUpgrade)) return nullptr;
  auto [head, ec] = client.value()->ReadUntil(
      [](const std::string& text) { return text.find("\r\n\r\n") != std::string::npos; }, 5s);
  if (ec || head.rfind("HTTP/1.1 101", 0) != 0) return nullptr;
  return std::move(client).value();
}

/// Whether the server ended the connection within `timeout` (whatever it sent first).
bool EndedByServer(ByteClient& client, std::chrono::milliseconds timeout) {
  auto [text, ec] = client.ReadUntil([](const std::string&) { return false; }, timeout);
  return ec && ec != boost::system::errc::timed_out;
}

/// The error code of the next Error frame on a kiosk stream, or UNSPECIFIED.
v1::ErrorCode NextErrorCode(WsClient& ws) {
  for (int i = 0; i < 4; ++i) {
    auto message = ws.Receive(5s);
    if (!message) return v1::ERROR_CODE_UNSPECIFIED;
    v1::ServerFrame frame;
    if (frame.ParseFromString(message.value().data) && frame.has_error()) {
      return frame.error().code();
    }
  }
  return v1::ERROR_CODE_UNSPECIFIED;
}

/// Attacks while the phase lasts, `pause` between two attacks.
template <typename Attack>
void EachAttackPhase(const AttackContext& context, std::chrono::milliseconds pause,
                     Attack&& attack) {
  for (int phase = context.board.WaitForAttack(-1); phase >= 0;
       phase = context.board.WaitForAttack(phase)) {
    for (int round = 0; context.board.Still(phase); ++round) {
      attack(round);
      std::this_thread::sleep_for(pause);
    }
  }
}

}  // namespace

void MalformedFrames(const AttackContext& context) {
  std::mt19937 random(context.seed);
  EachAttackPhase(context, 20ms, [&](int round) {
    switch (round % 4) {
      case 0:
      case 1: {  // a frame that does not parse (field number 0), or a text frame, before Hello
        const char* name = round % 4 == 0 ? "malformed protobuf frame" : "text frame";
        auto ws = WsClient::Connect(context.server, "/v1/kiosk/stream");
        if (!ws) return context.tally.Unexpected(name, "connect: " + ws.error().message());
        (void)ws.value()->Receive(5s);  // the Challenge
        const auto sent = round % 4 == 0 ? ws.value()->SendBinary("\x00" + RandomBytes(random, 64))
                                         : ws.value()->SendText("{\"hello\":1}");
        const v1::ErrorCode expected =
            round % 4 == 0 ? v1::ERROR_CODE_MALFORMED_FRAME : v1::ERROR_CODE_TEXT_FRAME;
        const v1::ErrorCode code = sent ? v1::ERROR_CODE_UNSPECIFIED : NextErrorCode(*ws.value());
        const auto closed = ws.value()->WaitClosed(5s);
        if (code == expected && closed != boost::system::errc::timed_out) {
          return context.tally.Expected(name);
        }
        return context.tally.Unexpected(
            name, "error " + v1::ErrorCode_Name(code) + ", close " + closed.message());
      }
      case 2: {  // an unmasked client frame: RFC 6455 §5.1 says the server must close
        auto client = UpgradedByHand(context.server);
        if (!client) return context.tally.Unexpected("unmasked frame", "upgrade failed");
        (void)client->Send(std::string("\x82\x05hello", 7));
        if (EndedByServer(*client, 5s)) return context.tally.Expected("unmasked frame");
        return context.tally.Unexpected("unmasked frame", "still open after 5 s");
      }
      default: {  // a TLS record header, then noise
        auto raw = RawTcpClient::Connect(context.server);
        if (!raw) return context.tally.Unexpected("garbage TLS", raw.error().message());
        (void)raw.value()->Send(std::string("\x16\x03\x01\x01\x00", 5) + RandomBytes(random, 256));
        auto ended = raw.value()->ReadUntilClosed(5s);
        if (ended || ended.error() != boost::system::errc::timed_out) {
          return context.tally.Expected("garbage TLS");
        }
        return context.tally.Unexpected("garbage TLS", "still open after 5 s");
      }
    }
  });
}

void ConnectionFlood(const AttackContext& context, int held) {
  for (int phase = context.board.WaitForAttack(-1); phase >= 0;
       phase = context.board.WaitForAttack(phase)) {
    std::vector<std::unique_ptr<RawTcpClient>> connections;
    for (int i = 0; i < held && context.board.Still(phase); ++i) {
      auto raw = RawTcpClient::Connect(context.server);
      if (!raw) {
        context.tally.Unexpected("held connection", raw.error().message());
        continue;
      }
      connections.push_back(std::move(raw).value());
    }
    context.tally.Expected("held connection");
    // TLS handshakes come and go, at most about 25 a second.
    while (context.board.Still(phase)) {
      auto health = HttpGet(context.server, "/healthz");
      if (health && health.value().status == 200) {
        context.tally.Expected("connection churn");
      } else {
        context.tally.Unexpected("connection churn", health ? std::to_string(health.value().status)
                                                            : health.error().message());
      }
      std::this_thread::sleep_for(40ms);
    }
  }
}

void SlowLoris(const AttackContext& context) {
  constexpr int kEach = 20;
  for (int phase = context.board.WaitForAttack(-1); phase >= 0;
       phase = context.board.WaitForAttack(phase)) {
    std::vector<std::unique_ptr<ByteClient>> http;     // headers a byte at a time
    std::vector<std::unique_ptr<RawTcpClient>> tls;    // ClientHello a byte at a time
    std::vector<std::unique_ptr<WsClient>> silent;     // upgraded, then nothing
    std::vector<std::unique_ptr<ByteClient>> partial;  // a frame begun, never finished
    for (int i = 0; i < kEach && context.board.Still(phase); ++i) {
      if (auto client = ByteClient::Connect(context.server);
          client && !client.value()->Send("POST /v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n")) {
        http.push_back(std::move(client).value());
      }
      if (auto raw = RawTcpClient::Connect(context.server);
          raw && !raw.value()->Send(ClientHelloStart())) {
        tls.push_back(std::move(raw).value());
      }
      if (auto ws = WsClient::Connect(context.server, "/v1/kiosk/stream")) {
        silent.push_back(std::move(ws).value());
      }
      if (auto upgraded = UpgradedByHand(context.server)) {
        // A masked binary frame announcing 200 bytes (16-bit length), its mask, 4 bytes.
        if (!upgraded->Send(std::string("\x82\xFE\x00\xC8\x01\x02\x03\x04"
                                        "abcd",
                                        12))) {
          partial.push_back(std::move(upgraded));
        }
      }
    }
    const auto opened = http.size() + tls.size() + silent.size() + partial.size();
    if (opened == 4 * kEach) {
      context.tally.Expected("slow-loris opened");
    } else {
      context.tally.Unexpected("slow-loris opened",
                               std::to_string(opened) + " of " + std::to_string(4 * kEach));
    }
    // A byte on each every 100 ms while the phase lasts: each stays "active".
    // A connection the server ended is let go: each send is bounded, not instant, and a tick
    // spent waiting on dead connections would stretch past the phase.
    const auto dribble = [](auto& clients, std::string_view byte) {
      std::erase_if(clients,
                    [byte](auto& client) { return static_cast<bool>(client->Send(byte)); });
    };
    while (context.board.Still(phase)) {
      dribble(http, "X");
      dribble(tls, "\x01");
      dribble(partial, "z");
      std::this_thread::sleep_for(100ms);
    }
    for (auto& client : http) client->Abandon();
    for (auto& client : partial) client->Abandon();
  }
}

void OversizeInput(const AttackContext& context) {
  EachAttackPhase(context, 100ms, [&](int round) {
    switch (round % 3) {
      case 0: {
        auto answer = HttpPost(context.server, "/v1/session", std::string(128 * 1024, 'a'),
                               "application/json");
        if (answer && answer.value().status == 413) return context.tally.Expected("oversize body");
        return context.tally.Unexpected("oversize body", answer
                                                             ? std::to_string(answer.value().status)
                                                             : answer.error().message());
      }
      case 1: {
        auto client = HttpClient::Connect(context.server);
        if (!client) return context.tally.Unexpected("oversize header", client.error().message());
        auto answer = client.value()->RequestWithHeaders(
            "GET", "/healthz", {{"X-Padding", std::string(20 * 1024, 'b')}});
        // 431, or the connection ended without an answer: either way nothing was served.
        if (!answer || answer.value().status == 431 || answer.value().status == 400) {
          return context.tally.Expected("oversize header");
        }
        return context.tally.Unexpected("oversize header", std::to_string(answer.value().status));
      }
      default: {
        auto ws = WsClient::Connect(context.server, "/v1/kiosk/stream");
        if (!ws) return context.tally.Unexpected("oversize frame", ws.error().message());
        (void)ws.value()->SendBinary(std::string(1024 * 1024 + 1, '\x0A'));
        (void)ws.value()->WaitClosed(5s);
        if (ws.value()->close_code() == 1009) return context.tally.Expected("oversize frame");
        return context.tally.Unexpected("oversize frame",
                                        "close code " + std::to_string(ws.value()->close_code()));
      }
    }
  });
}

void BruteForceSignIn(const AttackContext& context, const std::string& user_id,
                      const std::string& right_password, BruteForceCounts& counts) {
  int guess = 0;
  EachAttackPhase(context, 100ms, [&](int) {
    // Once locked, one try in five is the right password: it must be refused all the same.
    const bool right = counts.password_checks >= 5 && ++guess % 5 == 0;
    const std::string password = right ? right_password : "guess " + std::to_string(++guess);
    const std::string body = R"({"userId":")" + user_id + R"(","password":")" + password + R"("})";
    auto answer = HttpPost(context.server, "/v1/session", body, "application/json");
    if (!answer) return context.tally.Unexpected("brute force", answer.error().message());
    if (answer.value().status == 401 && !right) {
      ++counts.password_checks;
      return context.tally.Expected("brute force");
    }
    if (answer.value().status == 429 &&
        answer.value().body.find("sign_in_locked") != std::string::npos &&
        !answer.value().Header("retry-after").empty() &&
        answer.value().Header("set-cookie").empty()) {
      ++(right ? counts.right_password_locked : counts.locked);
      return context.tally.Expected(right ? "right password while locked" : "brute force");
    }
    context.tally.Unexpected(right ? "right password while locked" : "brute force",
                             std::to_string(answer.value().status) + " " + answer.value().body);
  });
}

void LongSlowLorisWatch(const AttackContext& context, LongSlowLoris& out,
                        std::chrono::seconds deadline) {
  if (context.board.WaitForAttack(-1) < 0) return;
  const auto start = SteadyClock::now();
  auto http = ByteClient::Connect(context.server);
  auto tls = RawTcpClient::Connect(context.server);
  if (!http || !tls || http.value()->Send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n") ||
      tls.value()->Send(ClientHelloStart())) {
    return context.tally.Unexpected("long slow-loris", "could not open");
  }
  const auto seconds = [start] {
    return std::chrono::duration<double>(SteadyClock::now() - start).count();
  };
  bool http_open = true;
  bool tls_open = true;
  while ((http_open || tls_open) && SteadyClock::now() - start < deadline) {
    if (http_open) {
      const bool sent = !http.value()->Send("Y");
      auto some = http.value()->ReadSome(10ms);
      if (!sent || some || some.error() != boost::system::errc::timed_out) {
        out.http_dropped_after_s = seconds();
        http_open = false;
      }
    }
    if (tls_open) {
      const bool sent = !tls.value()->Send(std::string(1, '\x01'));
      auto ended = tls.value()->ReadUntilClosed(10ms);
      if (!sent || ended || ended.error() != boost::system::errc::timed_out) {
        out.tls_dropped_after_s = seconds();
        tls_open = false;
      }
    }
    std::this_thread::sleep_for(1s);
  }
}

}  // namespace minegate::test::hostile
