#include "kiosk/app/page_url_file.hpp"

#include <sodium.h>

#include <array>
#include <cstdint>

#include "base/file.hpp"
#include "base/hex.hpp"
#include "kiosk/ui_server/ui_http_policy.hpp"

namespace minegate::kiosk::app {

std::filesystem::path PageUrlPath(const std::filesystem::path& data_dir) {
  return data_dir / "page-url";
}

std::string MakePageToken() {
  std::array<std::uint8_t, net::kPageTokenBytes> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::string token = base::ToHex(bytes);
  sodium_memzero(bytes.data(), bytes.size());
  return token;
}

std::string HostPort(const std::string& address, std::uint16_t port) {
  const bool v6 = address.find(':') != std::string::npos;
  return (v6 ? "[" + address + "]" : address) + ':' + std::to_string(port);
}

std::string PageUrl(const std::string& address, std::uint16_t port, const std::string& token) {
  return "http://" + HostPort(address, port) + "/#token=" + token;
}

bool WritePageUrlFile(const std::filesystem::path& data_dir, const std::string& url,
                      std::string& error) {
  const std::filesystem::path path = PageUrlPath(data_dir);
  // 0600: the address carries the page's token.
  const auto written = base::WriteFileAtomically(path, url + "\n", 0600);
  if (written) return true;
  error = "écriture de l'adresse de la page impossible / cannot write the page's address (" +
          path.string() + "): " + written.error().message();
  return false;
}

}  // namespace minegate::kiosk::app
