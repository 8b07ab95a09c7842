#pragma once
/// Small rules of a WebSocket's end, shared by both sessions and tested alone.

#include <boost/system/error_code.hpp>
#include <cstddef>
#include <string_view>

namespace minegate::base::net {

/// The longest reason a close frame carries (RFC 6455: 125 bytes of payload, 2 for the code).
inline constexpr std::size_t kMaxCloseReasonBytes = 123;

/// `text` cut to at most `max` bytes without splitting a UTF-8 sequence.
std::string_view TruncateUtf8(std::string_view text, std::size_t max = kMaxCloseReasonBytes);

/// The ordinary ways for a WebSocket to end (closed, timed out, reset, aborted, a TLS peer
/// leaving without close_notify): not worth a log line each.
bool IsRoutineEnd(const boost::system::error_code& ec);

}  // namespace minegate::base::net
