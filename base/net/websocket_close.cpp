#include "base/net/websocket_close.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/websocket/error.hpp>

namespace minegate::base::net {

std::string_view TruncateUtf8(std::string_view text, std::size_t max) {
  if (text.size() <= max) return text;
  std::size_t cut = max;
  // Back over continuation bytes (10xxxxxx) to the start of the sequence cut in two.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut);
}

bool IsRoutineEnd(const boost::system::error_code& ec) {
  namespace asio = boost::asio;
  namespace beast = boost::beast;
  // The union of the two former copies: the server's had stream_truncated, the kiosk's
  // not_connected; both are ordinary ends.
  return ec == beast::websocket::error::closed || ec == asio::error::operation_aborted ||
         ec == beast::error::timeout || ec == asio::error::eof ||
         ec == asio::error::connection_reset || ec == asio::error::broken_pipe ||
         ec == asio::error::not_connected || ec == asio::ssl::error::stream_truncated;
}

}  // namespace minegate::base::net
