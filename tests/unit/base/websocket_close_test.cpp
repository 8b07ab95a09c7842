// The shared WebSocket session's small rules (base/net/websocket_close), without sockets.
#include "base/net/websocket_close.hpp"

#include <gtest/gtest.h>

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <string>

namespace minegate::base::net {
namespace {

TEST(WebSocketCloseTest, ShortReasonsAreKeptWhole) {
  EXPECT_EQ(TruncateUtf8("arrêt du serveur / server stopping"),
            "arrêt du serveur / server stopping");
  const std::string exact(kMaxCloseReasonBytes, 'a');
  EXPECT_EQ(TruncateUtf8(exact), exact);
}

TEST(WebSocketCloseTest, LongReasonsAreCutBeforeASplitSequence) {
  // "a" then two-byte "é"s: byte 123 is the first byte of an "é", so the cut is clean.
  std::string even = "a";
  for (int i = 0; i < 100; ++i) even += "\xc3\xa9";
  EXPECT_EQ(TruncateUtf8(even).size(), kMaxCloseReasonBytes);
  // Only "é"s: byte 123 is the second byte of the 62nd, which is dropped whole.
  std::string odd;
  for (int i = 0; i < 100; ++i) odd += "\xc3\xa9";
  EXPECT_EQ(TruncateUtf8(odd).size(), 122u);
  // A four-byte sequence straddling the limit goes whole too.
  std::string emoji(121, 'a');
  emoji += "\xf0\x9f\x98\x80";
  EXPECT_EQ(TruncateUtf8(emoji), std::string(121, 'a'));
}

TEST(WebSocketCloseTest, RoutineEndsAreTheOrdinaryOnesOnly) {
  EXPECT_TRUE(IsRoutineEnd(boost::asio::error::eof));
  EXPECT_TRUE(IsRoutineEnd(boost::asio::error::connection_reset));
  EXPECT_TRUE(IsRoutineEnd(boost::asio::error::not_connected));
  EXPECT_TRUE(IsRoutineEnd(boost::asio::ssl::error::stream_truncated));
  EXPECT_FALSE(IsRoutineEnd(boost::asio::error::access_denied));
  EXPECT_FALSE(IsRoutineEnd(boost::asio::error::no_buffer_space));
}

}  // namespace
}  // namespace minegate::base::net
