// Synchronous HTTP(S) and WebSocket clients for tests and benchmarks, loopback only. Every
// call is bounded by a timeout (an Asio deadline, never a blocking socket call), so a server
// that misbehaves fails a test instead of hanging it. Not thread-safe: one client per thread.
#pragma once

#include <boost/system/error_code.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.hpp"

namespace minegate::test {

using base::Result;

struct ClientOptions {
  std::uint16_t port = 0;
  std::string address = "127.0.0.1";  ///< IP literal to connect to
  bool tls = true;
  /// PEM file of the certificate(s) to trust (e.g. the server's self-signed one). Required
  /// with tls: the chain is always verified.
  std::string ca_file;
  /// The name the certificate must carry (ssl::host_name_verification): a DNS name (also sent
  /// as SNI) or an IP literal.
  std::string verify_name = "127.0.0.1";
  /// Bound on connecting, each handshake, each request and each send.
  std::chrono::milliseconds timeout{5000};
  /// > 0: SO_RCVBUF set before connecting, so that a client that stops reading fills up fast.
  int receive_buffer_bytes = 0;
};

struct HttpResult {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  ///< lower-case names

  /// The header's value, or "".
  std::string Header(const std::string& lower_case_name) const;
};

/// One keep-alive HTTP(S) connection.
class HttpClient {
 public:
  static Result<std::unique_ptr<HttpClient>> Connect(const ClientOptions& options);
  ~HttpClient();

  /// Sends one request and reads its response. `content_type` empty: no Content-Type.
  Result<HttpResult> Request(std::string_view method, std::string_view target,
                             std::string body = {}, std::string_view content_type = {});
  /// The same with extra request headers (e.g. a device's Authorization).
  Result<HttpResult> RequestWithHeaders(
      std::string_view method, std::string_view target,
      const std::vector<std::pair<std::string, std::string>>& headers, std::string body = {},
      std::string_view content_type = {});

  struct Impl;

 private:
  explicit HttpClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// One request on a fresh connection.
Result<HttpResult> HttpGet(const ClientOptions& options, std::string_view target);
Result<HttpResult> HttpPost(const ClientOptions& options, std::string_view target, std::string body,
                            std::string_view content_type);

struct WsMessage {
  bool text = false;
  std::string data;
};

/// A WebSocket client connection. A client that simply stops calling Receive() stops
/// reading: with a small ClientOptions::receive_buffer_bytes the server soon sees it as slow.
class WsClient {
 public:
  /// TCP, TLS (unless !options.tls) and the WebSocket handshake on `path`.
  static Result<std::unique_ptr<WsClient>> Connect(const ClientOptions& options,
                                                   std::string_view path);
  ~WsClient();

  boost::system::error_code SendBinary(std::string_view bytes);
  boost::system::error_code SendText(std::string_view text);
  /// The next message. errc::timed_out if none arrived within `timeout`: the read stays
  /// pending and the connection usable. Any other error ended the connection
  /// (websocket::error::closed when the server closed it: see close_code()).
  Result<WsMessage> Receive(std::chrono::milliseconds timeout);
  /// Discards messages until the connection ends; the error that ended it (never success),
  /// or errc::timed_out if it was still open after `timeout`.
  boost::system::error_code WaitClosed(std::chrono::milliseconds timeout);
  /// Sends a normal close frame and waits (bounded) for the server's.
  boost::system::error_code Close();

  /// The server's close frame, once received (0 and "" before).
  std::uint16_t close_code() const;
  std::string close_reason() const;

  struct Impl;

 private:
  explicit WsClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// True if `ec` (from WsClient) means the server ended the WebSocket with a close frame.
bool IsWebSocketClosed(const boost::system::error_code& ec);

/// A bare TCP connection: one that sends nothing (the server's handshake timeout), or raw
/// bytes (plain HTTP to a TLS port).
class RawTcpClient {
 public:
  static Result<std::unique_ptr<RawTcpClient>> Connect(const ClientOptions& options);
  ~RawTcpClient();

  boost::system::error_code Send(std::string_view bytes);
  /// Everything received until the server closed the connection (end of file or reset), or
  /// errc::timed_out if it was still open after `timeout`.
  Result<std::string> ReadUntilClosed(std::chrono::milliseconds timeout);

  struct Impl;

 private:
  explicit RawTcpClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// Raw bytes over TLS (or plain TCP when !options.tls): to see an HTTP response as it is on
/// the wire (chunk framing, a transfer cut before its terminating chunk), to read slowly, or to
/// leave in the middle of a response.
class ByteClient {
 public:
  static Result<std::unique_ptr<ByteClient>> Connect(const ClientOptions& options);
  ~ByteClient();

  boost::system::error_code Send(std::string_view bytes);
  /// Whatever arrives next (at most 64 KiB). errc::timed_out if nothing within `timeout` (the
  /// read stays pending); asio::error::eof, stream_truncated or a reset once the server ended
  /// the connection.
  Result<std::string> ReadSome(std::chrono::milliseconds timeout);
  /// Reads until `done(received)` holds or the connection ends; what was received and the
  /// error that ended it (success when `done` held). errc::timed_out after `timeout`.
  std::pair<std::string, boost::system::error_code> ReadUntil(
      const std::function<bool(const std::string&)>& done, std::chrono::milliseconds timeout);
  /// Closes the TCP connection at once (no TLS close_notify): a client that goes away.
  void Abandon();

  struct Impl;

 private:
  explicit ByteClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace minegate::test
