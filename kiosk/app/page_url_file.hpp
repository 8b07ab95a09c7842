// The page's address with this start's secret: DATA_DIR/page-url, mode 0600.
// The daemon draws a new page token at each start; only a browser opened on
// the address in this file (its fragment, "#token=...", carries the token) can
// open the page's WebSocket. Another local account cannot read the file, so
// it cannot reach the page's state.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace minegate::kiosk::app {

std::filesystem::path PageUrlPath(const std::filesystem::path& data_dir);

/// A fresh page token: 16 bytes from libsodium's randombytes, lower-case hex
/// (kiosk::net::kPageTokenHexChars digits). libsodium must be initialised.
std::string MakePageToken();

/// ADDRESS:PORT, an IPv6 address in brackets.
std::string HostPort(const std::string& address, std::uint16_t port);

/// "http://ADDRESS:PORT/#token=TOKEN" (an IPv6 address in brackets).
std::string PageUrl(const std::string& address, std::uint16_t port, const std::string& token);

/// Writes `url` and a newline to PageUrlPath(data_dir): a temporary file
/// created 0600 beside it, synced, then renamed over the old one, so a reader
/// sees the previous address or the new one, never a part. False and a
/// bilingual reason in `error` on failure.
bool WritePageUrlFile(const std::filesystem::path& data_dir, const std::string& url,
                      std::string& error);

}  // namespace minegate::kiosk::app
