// Plain HTTP and WebSocket clients for the kiosk's loopback UI server, with full control of
// the headers that matter there (Host, Origin). Every call is bounded by a timeout: a server
// that misbehaves fails a test instead of hanging it. Synchronous; one client per thread.
#pragma once

#include <boost/system/error_code.hpp>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.hpp"

namespace minegate::test::ui {

using base::Result;

inline constexpr std::chrono::milliseconds kTimeout{5000};

struct HttpReply {
  int status = 0;
  std::map<std::string, std::string> headers;  ///< lower-case names
  std::string body;

  std::string Header(const std::string& lower_case_name) const;
};

/// One request on a fresh connection to 127.0.0.1:`port`. `host` empty: no Host header.
Result<HttpReply> HttpRequest(std::uint16_t port, std::string_view method, std::string_view target,
                              std::string_view host,
                              const std::vector<std::pair<std::string, std::string>>& headers = {});

/// "127.0.0.1:PORT".
std::string LoopbackHost(std::uint16_t port);

struct WsMessage {
  bool text = false;
  std::string data;
};

class WsClient {
 public:
  struct Options {
    std::uint16_t port = 0;
    std::string host;                   ///< Host header; empty: LoopbackHost(port)
    std::optional<std::string> origin;  ///< Origin header, if any
    /// The page token, offered as the page does (Sec-WebSocket-Protocol: "minegate-ui-v1,
    /// minegate-token.<token>"); none: no Sec-WebSocket-Protocol header.
    std::optional<std::string> token;
    int receive_buffer_bytes = 0;  ///< > 0: SO_RCVBUF before connecting (a slow page)
  };
  struct Refused {
    boost::system::error_code ec;
    int status = 0;  ///< the server's HTTP status when it refused the upgrade
  };

  /// TCP connect to 127.0.0.1 and the WebSocket handshake on /ui/socket. On failure, the
  /// error and the HTTP status of the refusal (0 if none was read).
  static std::pair<std::unique_ptr<WsClient>, Refused> Connect(const Options& options);
  ~WsClient();

  boost::system::error_code SendText(std::string_view text);
  boost::system::error_code SendBinary(std::string_view bytes);
  /// The next message. After a timeout (errc::timed_out) the connection is closed.
  Result<WsMessage> Receive(std::chrono::milliseconds timeout = kTimeout);
  /// Reads until the connection ends; the error that ended it, or errc::timed_out.
  boost::system::error_code WaitClosed(std::chrono::milliseconds timeout = kTimeout);
  /// The close code the server sent (0 before one arrived).
  std::uint16_t close_code() const;

  struct Impl;

 private:
  explicit WsClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// True if `ec` (from WsClient) means the server ended the WebSocket with a close frame.
bool IsClosedError(const boost::system::error_code& ec);

}  // namespace minegate::test::ui
